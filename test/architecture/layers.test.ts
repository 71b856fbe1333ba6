// The plan of the code, checked: no import cycle; each folder imports only the folders below it
// (docs/architecture.md has the same table); route files stay thin.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cycles, importGraph, importsOf, ROOT, sourceFiles } from './imports.ts';

/** What each product folder may import (besides itself). The top — cli, bench, test, scripts — may import anything. */
const MAY_IMPORT: Record<string, string[]> = {
  engine: [],
  runtime: ['engine'],
  db: ['engine'],
  sources: ['engine'],
  models: ['engine'],
  jobs: ['engine'],
  services: ['engine', 'db', 'sources', 'models', 'jobs', 'runtime'],
  worker: ['engine', 'services', 'jobs', 'models', 'runtime', 'db/advice-codec.ts', 'db/connection.ts'],
  api: ['engine', 'services', 'runtime', 'db'],
  evaluation: ['engine', 'services', 'sources', 'models'],
  boot: ['engine', 'runtime', 'db', 'sources', 'models', 'jobs', 'services', 'worker', 'api'],
  web: ['engine', 'api/types.ts'],
};

const folderOf = (file: string) => file.split('/')[0]!;
const allowed = (from: string, target: string) => {
  const rules = MAY_IMPORT[folderOf(from)];
  if (!rules) return true; // the top
  return folderOf(target) === folderOf(from) || rules.some((r) => target === r || (!r.endsWith('.ts') && folderOf(target) === r));
};

describe('the plan of the code', () => {
  const files = sourceFiles();

  it('has no import cycle, type-only imports included', () => {
    expect(cycles(importGraph(files))).toEqual([]);
  });

  it('imports only downward: every folder uses only the folders its row allows', () => {
    const upward = files.flatMap((f) => importsOf(f).filter((i) => i.local && !allowed(f, i.target)).map((i) => `${f} -> ${i.target}`));
    expect(upward).toEqual([]);
  });

  it('keeps route files thin: no repositories, queue or database clients, and from the engine only errors, text and types', () => {
    const engineAllowed = new Set(['engine/errors.ts', 'engine/text.ts', 'engine/accounts.ts']);
    const reaching = files
      .filter((f) => f.startsWith('api/routes/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) =>
            i.local
              ? ['db', 'jobs', 'worker', 'sources', 'models'].includes(folderOf(i.target)) || (folderOf(i.target) === 'engine' && !i.typeOnly && !engineAllowed.has(i.target))
              : ['bullmq', 'ioredis', 'pg', '@electric-sql/pglite'].includes(i.target),
          )
          .map((i) => `${f} -> ${i.target}`),
      );
    expect(reaching).toEqual([]);
  });

  it('types the web client by the API’s own types: no `any`, and only type imports from the API', () => {
    const web = files.filter((f) => f.startsWith('web/src/'));
    const untyped = web.flatMap((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').flatMap((line, i) => (/\bany\b/.test(line.replace(/'[^']*'|"[^"]*"|`[^`]*`/g, '')) ? [`${f}:${i + 1}`] : [])));
    expect(untyped).toEqual([]);
    const valueImports = web.flatMap((f) => importsOf(f).filter((i) => i.local && i.target.startsWith('api/') && !i.typeOnly).map((i) => `${f} -> ${i.target}`));
    expect(valueImports).toEqual([]);
  });

  it('finds what it checks: the checks see imports at all', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf('api/app.ts').some((i) => i.target === 'api/routes/index.ts')).toBe(true);
    expect(cycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]))).toEqual([['a.ts', 'b.ts']]);
  });
});
