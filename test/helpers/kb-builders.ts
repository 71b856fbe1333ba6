// Builders for small, hand-made knowledge-base records: valid by default, overridable per test.
import type { Cluster, Organization, Program } from '../../engine/kb/schema.ts';

const SOURCE = ['https://example.org/source'];

export const cluster = (over: Partial<Cluster> & Pick<Cluster, 'id' | 'city' | 'country'>): Cluster => ({
  name: over.id,
  countries: [],
  partOf: null,
  radiusKm: 100,
  specializations: [],
  anchors: { universities: [], corporates: [], researchCenters: [] },
  gii: null,
  startupGenome: null,
  startupBlink: null,
  vc: null,
  description: 'a test cluster',
  origin: 'curated',
  sources: SOURCE,
  ...over,
});

export const organization = (
  over: Partial<Organization> & Pick<Organization, 'id' | 'city' | 'country' | 'tags'>,
): Organization => ({
  name: over.id,
  type: 'corporate',
  startupPrograms: [],
  locations: [],
  globalReach: 'global',
  techTransfer: null,
  spinoffNote: null,
  arwu: null,
  alsoListedAs: [],
  description: 'a test organisation',
  inferredTags: [],
  identifiers: {},
  place: null,
  established: null,
  provenance: null,
  sources: SOURCE,
  ...over,
});

export const program = (over: Partial<Program> & Pick<Program, 'id'>): Program => ({
  name: over.id,
  operator: 'an operator',
  kind: 'soft-landing',
  servesFoundersFrom: ['any'],
  city: null,
  country: null,
  extraLocations: [],
  tags: [],
  stages: [],
  description: 'a test programme',
  sources: SOURCE,
  ...over,
});
