// `foothold embed`: give every knowledge-base record a vector from the current encoder. Only records whose
// vector is missing or came from another model version are embedded, in batches, with progress.
import type pg from 'pg';
import type { ClusterProfile } from '../engine/kb/derive.ts';
import type { Cluster, Organization, Program } from '../engine/kb/schema.ts';
import { EMBEDDED_TABLES, saveVectors, staleRecords } from '../db/repositories/vector.repository.ts';
import { loadKnowledgeBase } from '../db/repositories/kb.repository.ts';
import { type Encoder, organizationInput, programInput } from './encoder.ts';

const BATCH = 256;

type Stale = { id: string; record: unknown; profile?: unknown };

const embedders = {
  organizations: (encoder: Encoder, rows: Stale[]) => encoder.embed(rows.map((r) => organizationInput(r.record as Organization))),
  programs: (encoder: Encoder, rows: Stale[]) => encoder.embed(rows.map((r) => programInput(r.record as Program))),
  clusters: (encoder: Encoder, rows: Stale[], organizations: Map<string, Organization>) =>
    rows.map((r) => {
      const profile = r.profile as ClusterProfile;
      const strong = profile.strengths.filter((s) => s.score >= 1).map((s) => s.tag);
      return encoder.embedCluster(r.record as Cluster, strong, profile.members.map((id) => organizations.get(id)!));
    }),
};

export async function embedKnowledgeBase(
  pool: pg.Pool,
  encoder: Encoder,
  onProgress: (stage: string, done: number, total: number) => void = () => {},
): Promise<Record<string, number>> {
  const embedded: Record<string, number> = {};
  let organizations: Map<string, Organization> | undefined; // read only when a cluster needs its members
  for (const table of EMBEDDED_TABLES) {
    const stale = await staleRecords(pool, table, encoder.version);
    if (table === 'clusters' && stale.length > 0)
      organizations = new Map((await loadKnowledgeBase(pool)).kb.organizations.map((o) => [o.id, o]));
    onProgress(`embedding ${table}`, 0, stale.length);
    for (let i = 0; i < stale.length; i += BATCH) {
      const batch = stale.slice(i, i + BATCH);
      const vectors = embedders[table](encoder, batch, organizations ?? new Map());
      await saveVectors(pool, table, encoder.version, batch.map((r, j) => ({ id: r.id, vector: vectors[j]! })));
      onProgress(`embedding ${table}`, i + batch.length, stale.length);
    }
    embedded[table] = stale.length;
  }
  return embedded;
}
