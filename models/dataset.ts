// Labelled texts from the knowledge base, for training and measuring the encoder: taxonomy labels and
// keywords, and the descriptions of organisations, clusters and programmes, each with its tags and, where it
// has one, the cluster it is located in. A fixed fifth of the records (by a hash of the id) is held out;
// the taxonomy itself is always training data.
import { createHash } from 'node:crypto';
import type { DerivedKnowledgeBase, Site } from '../engine/kb/derive.ts';
import { isCurated } from '../engine/kb/schema.ts';

export interface Example {
  id: string;
  source: 'taxonomy' | 'organization' | 'cluster' | 'program';
  text: string;
  tags: string[];
  /** The cluster the record is located in, or null. */
  cluster: string | null;
  split: 'train' | 'test';
}

export const heldOut = (id: string) => createHash('sha256').update(id).digest()[0]! % 5 === 0;

export function buildExamples(derived: DerivedKnowledgeBase): Example[] {
  // The encoder learns from the curated records: what their sources state (fields, descriptions) and the
  // curated clusters. Open-data records (registry entries, derived ecosystems) state no field to learn from.
  const curatedClusters = new Set(derived.kb.clusters.filter((c) => c.origin === 'curated').map((c) => c.id));
  const clusterOf = (sites: Site[] | undefined) => {
    const first = sites?.[0];
    return first?.link?.within && curatedClusters.has(first.link.clusterId) ? first.link.clusterId : null;
  };
  return examplesOf(derived, clusterOf);
}

function examplesOf(derived: DerivedKnowledgeBase, clusterOf: (sites: Site[] | undefined) => string | null): Example[] {
  const { kb } = derived;
  const split = (id: string) => (heldOut(id) ? 'test' : 'train') as Example['split'];
  return [
    ...kb.taxonomy.flatMap((t) =>
      [t.label, ...t.keywords].map((text, i) => ({
        id: `${t.id}#${i}`,
        source: 'taxonomy' as const,
        text,
        tags: [t.id],
        cluster: null,
        split: 'train' as const,
      })),
    ),
    ...kb.organizations.filter(isCurated).map((o) => ({
      id: o.id,
      source: 'organization' as const,
      text: o.description,
      tags: o.tags,
      cluster: clusterOf(derived.organizationSites.get(o.id)),
      split: split(o.id),
    })),
    ...kb.clusters
      .filter((c) => c.origin === 'curated' && c.specializations.length > 0)
      .map((c) => ({
        id: c.id,
        source: 'cluster' as const,
        text: c.description,
        tags: c.specializations.map((s) => s.tag),
        cluster: c.id,
        split: split(c.id),
      })),
    ...kb.programs
      .filter((p) => p.tags.length > 0)
      .map((p) => ({
        id: p.id,
        source: 'program' as const,
        text: p.description,
        tags: p.tags,
        cluster: clusterOf(derived.programSites.get(p.id)),
        split: split(p.id),
      })),
  ];
}
