// What the advice engine receives: the startup, resolved (places geocoded, tags known, its vector), and the
// slice of the knowledge base it ranks. Repositories and services build these; the engine only reads them.
import type { LatLon } from '../geo.ts';
import type { ClusterProfile } from '../kb/derive.ts';
import type { Cluster, Country, Organization, Program, Tag } from '../kb/schema.ts';
import type { StartupProfile } from './profile.ts';

export interface SiteView extends LatLon {
  role: string;
  city: string;
  country: string;
  timezone: string;
  clusterId: string | null;
  distanceKm: number | null;
  within: boolean;
}

export interface ClusterView {
  record: Cluster;
  /** Without its member list (the engine counts members through the organisations' own links). */
  profile: Omit<ClusterProfile, 'place' | 'members'>;
  place: LatLon & { timezone: string };
  vector: Float32Array | null;
}

/** What the engine reads of an organisation (the slice holds tens of thousands, in every engine thread). */
export type OrganizationFacts = Pick<
  Organization,
  'id' | 'name' | 'type' | 'city' | 'country' | 'tags' | 'inferredTags' | 'startupPrograms' | 'globalReach' | 'arwu' | 'alsoListedAs' | 'sources'
>;
export const ORGANIZATION_FACTS = ['id', 'name', 'type', 'city', 'country', 'tags', 'inferredTags', 'startupPrograms', 'globalReach', 'arwu', 'alsoListedAs', 'sources'] as const satisfies readonly (keyof OrganizationFacts)[];

export interface OrganizationView {
  record: OrganizationFacts;
  /** Headquarters first. */
  sites: SiteView[];
  /** The cluster its headquarters lies in, or null. */
  clusterId: string | null;
  vector: Float32Array | null;
}

export interface ProgramView {
  record: Program;
  sites: SiteView[];
}

export interface KnowledgeSlice {
  clusters: ClusterView[];
  organizations: OrganizationView[];
  programs: ProgramView[];
  countries: Map<string, Country>;
  tags: Map<string, Tag>;
  /** The year the knowledge base's facts were compiled. */
  vintage: number;
}

/** A place the startup is, resolved. */
export interface StartupPlace extends LatLon {
  name: string;
  country: string;
  timezone: string;
  /** True when the profile named only a country and its largest city was assumed. */
  assumed: boolean;
  /** The cluster whose radius contains the place, with the distance, or null. */
  clusterId: string | null;
  distanceKm: number | null;
}

export interface StartupTag {
  tag: string;
  /** Inferred from the description (with the model's probability) rather than given. */
  inferred: boolean;
  probability: number | null;
}

export interface ResolvedStartup {
  profile: StartupProfile;
  tags: StartupTag[];
  techTeam: StartupPlace;
  founders: StartupPlace;
  vector: Float32Array;
}
