// Small facts about the stored data itself (kb_meta): which engine last advised, what the last import was.
import type { Queryable } from '../connection.ts';

export async function getMeta<T>(db: Queryable, key: string): Promise<T | null> {
  const { rows } = await db.query<{ value: T }>({ name: 'meta-get', text: 'SELECT value FROM kb_meta WHERE key = $1', values: [key] });
  return rows[0]?.value ?? null;
}

export async function setMeta(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.query({
    name: 'meta-set',
    text: 'INSERT INTO kb_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    values: [key, JSON.stringify(value)],
  });
}
