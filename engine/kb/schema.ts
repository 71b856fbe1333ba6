// The knowledge base's record formats. These zod schemas are the single definition: they validate the
// files in data/kb, every `foothold kb import`, and they are the TypeScript types the rest of the code uses.
// Records are strict (unknown fields are rejected) so a typo in a user's file is an error, not silence.
import { z } from 'zod';

export const KB_FORMAT = 'foothold-kb/1';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case kebab-case: letters, digits and hyphens')
  .max(80);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. NL');
const year = z.number().int().min(1900).max(2100);
const url = z.string().url();
const sources = z.array(url).min(1, 'every record keeps at least one source');
const cityName = z.string().trim().min(1).max(120);

export const TagSchema = z
  .object({
    id,
    label: z.string().min(1),
    keywords: z.array(z.string().min(1)),
  })
  .strict();
export type Tag = z.infer<typeof TagSchema>;

export const CountrySchema = z
  .object({
    code: countryCode,
    name: z.string().min(1),
    devSalaryUsd: z
      .object({ value: z.number().positive(), year, measure: z.string(), source: url })
      .strict()
      .nullable(),
    englishProficiency: z
      .object({
        score: z.number().nullable(),
        rank: z.number().int().nullable(),
        band: z.string().nullable(),
        year,
        source: url,
      })
      .strict()
      .nullable(),
    startupVisa: z.object({ exists: z.boolean(), name: z.string().nullable(), source: url }).strict().nullable(),
    /**
     * World Bank PPP conversion factor (GDP): local currency units per international dollar, with its year.
     * With a market exchange rate it gives the price level (`priceLevel`); on its own it compares years, not
     * countries.
     */
    ppp: z.object({ lcuPerIntlDollar: z.number().positive(), year, source: url }).strict().nullable().default(null),
    /** Price level relative to the United States (1 = US prices): PPP factor / market exchange rate. */
    priceLevel: z.object({ ratioToUs: z.number().positive(), year, source: url, exchangeRateSource: url }).strict().nullable().default(null),
    euMember: z.boolean(),
    euSingleMarket: z.boolean(),
    languages: z.array(z.string().min(2)).default([]),
    notes: z.string().default(''),
    sources,
  })
  .strict();
export type Country = z.infer<typeof CountrySchema>;

const rankByYear = z.record(z.string().regex(/^\d{4}$/), z.number().int().positive());

export const ClusterSchema = z
  .object({
    id,
    name: z.string().min(1),
    city: cityName,
    country: countryCode,
    /** Other countries the cluster spans (e.g. Shenzhen–Hong Kong). */
    countries: z.array(countryCode).default([]),
    /** A sub-region of another cluster whose regional figures it must not double count. */
    partOf: id.nullable().default(null),
    /** Ecosystem radius; Startup Genome's definition of an ecosystem is about 100 km. */
    radiusKm: z.number().positive().max(500).default(100),
    specializations: z.array(z.object({ tag: id, evidence: z.string().nullable() }).strict()),
    anchors: z
      .object({
        universities: z.array(z.string()),
        corporates: z.array(z.string()),
        researchCenters: z.array(z.string()),
      })
      .strict(),
    gii: z
      .object({
        year,
        rank: z.number().int().positive().nullable(),
        pctFilings: z.number().int().nonnegative().nullable(),
        publications: z.number().int().nonnegative().nullable(),
        rankByYear,
        intensityRank: z.number().int().positive().nullable().default(null),
        notes: z.string().nullable().default(null),
      })
      .strict()
      .nullable(),
    startupGenome: z
      .object({
        year,
        rank: z.number().int().positive().nullable(),
        ecosystemValueUsdBn: z.number().positive().nullable(),
        valueYear: year.nullable(),
        tier: z.string().nullable(),
        rankByYear,
        note: z.string().nullable().default(null),
      })
      .strict()
      .nullable(),
    startupBlink: z
      .object({
        year,
        cityRank: z.number().int().positive().nullable(),
        regionalRank: z.number().int().positive().nullable().default(null),
        regionalScope: z.string().nullable().default(null),
        note: z.string().nullable().default(null),
      })
      .strict()
      .nullable(),
    vc: z.object({ investedUsdBn: z.number().positive(), year, note: z.string().nullable() }).strict().nullable(),
    description: z.string().min(1),
    /** `curated`: compiled by hand with its sources; `derived`: found in the data (a metro area that holds research or startups). */
    origin: z.enum(['curated', 'derived']).default('curated'),
    sources,
  })
  .strict();
export type Cluster = z.infer<typeof ClusterSchema>;

export const ORGANIZATION_TYPES = ['corporate', 'university', 'research_center'] as const;
export const STARTUP_PROGRAM_KINDS = [
  'cvc',
  'accelerator',
  'incubator',
  'venture-client',
  'open-innovation',
  'other',
] as const;
export const GLOBAL_REACH = ['global', 'regional', 'national'] as const;

export const SiteSchema = z
  .object({ city: cityName, country: countryCode, role: z.enum(['hq', 'r-and-d', 'innovation-hub', 'office', 'program']) })
  .strict();
export type Site = z.infer<typeof SiteSchema>;

export const OrganizationSchema = z
  .object({
    id,
    name: z.string().min(1),
    type: z.enum(ORGANIZATION_TYPES),
    city: cityName,
    country: countryCode,
    /** Fields a source states (curated), each weighing fully. */
    tags: z.array(id).default([]),
    /** Fields inferred from the name and type where no source states one: each with its probability, weighing less. */
    inferredTags: z.array(z.object({ tag: id, probability: z.number().min(0).max(1) }).strict()).default([]),
    startupPrograms: z
      .array(
        z
          .object({ name: z.string().min(1), kind: z.enum(STARTUP_PROGRAM_KINDS), cities: z.array(cityName).default([]) })
          .strict(),
      )
      .default([]),
    /** Sites other than the headquarters (R&D labs, offices). */
    locations: z.array(SiteSchema).default([]),
    /** How far it works; null when no source says (open-data records). */
    globalReach: z.enum(GLOBAL_REACH).nullable().default(null),
    techTransfer: z.string().nullable().default(null),
    spinoffNote: z.string().nullable().default(null),
    arwu: z
      .object({ year, worldRank: z.string().regex(/^\d+(-\d+)?$/), nameInRanking: z.string(), source: url })
      .strict()
      .nullable()
      .default(null),
    /** Set when the record merges several listings of the same organisation. */
    alsoListedAs: z.array(z.enum(ORGANIZATION_TYPES)).default([]),
    /** What it does, in the compiler's words (open-data records have none: their name and type say what the source says). */
    description: z.string().default(''),
    /** Identifiers that say when two listings are one organisation (merged, never duplicated). */
    identifiers: z
      .object({ ror: url.optional(), wikidata: z.string().regex(/^Q\d+$/).optional(), website: url.optional() })
      .strict()
      .default({}),
    /** The headquarters' place as the source gives it: the GeoNames id and coordinates settle ambiguous city names. */
    place: z.object({ geonameId: z.number().int().positive().nullable(), lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict().nullable().default(null),
    established: year.nullable().default(null),
    /** The data set a record comes from and its version, e.g. "ROR v2.9 (2026-06-23), CC0". */
    provenance: z.string().nullable().default(null),
    sources,
  })
  .strict();
export type Organization = z.infer<typeof OrganizationSchema>;

/** A record compiled from sources that state its fields and describe it (not a registry's bare entry). */
export const isCurated = (o: Organization) => o.tags.length > 0 && o.description !== '';

export const VENTURE_STATUSES = ['active', 'inactive', 'acquired', 'public'] as const;

/**
 * A startup known from a public directory (Y Combinator's): where it is, its fields and how it fared. Not a
 * partner: ventures measure where startups in a field concentrate (an ecosystem's specialisations) and
 * show what companies like a founder's did.
 */
export const VentureSchema = z
  .object({
    id,
    name: z.string().min(1),
    city: cityName,
    country: countryCode,
    tags: z.array(id).default([]),
    status: z.enum(VENTURE_STATUSES),
    /** The accelerator cohort, e.g. "W21". */
    batch: z.string().nullable().default(null),
    founded: year.nullable().default(null),
    provenance: z.string().nullable().default(null),
    sources,
  })
  .strict();
export type Venture = z.infer<typeof VentureSchema>;

/**
 * A city's place in a public startup-ecosystem ranking, as a page states it. Rankings name cities, not
 * the knowledge base's clusters: derivation attaches each to the cluster or ecosystem its city lies in.
 */
export const RankingSchema = z
  .object({
    id,
    ranking: z.string().min(1),
    year,
    /** A position ("106") or, where the ranking publishes brackets, a range ("61-70"); lower is better. */
    rank: z.string().regex(/^\d+(-\d+)?$/),
    /** What is ranked against what, e.g. "global cities" or "global emerging ecosystems". */
    scope: z.string().min(1),
    city: cityName,
    country: countryCode,
    sources,
  })
  .strict();
export type Ranking = z.infer<typeof RankingSchema>;
/** The best (lowest) position a rank can stand for: 61 for "61-70". */
export const rankPosition = (rank: string) => Number(rank.split('-')[0]);

export const PROGRAM_KINDS = [
  'innovation-network',
  'accelerator',
  'soft-landing',
  'grant',
  'trade-office',
  'cluster-partnership',
  'other',
] as const;
export const STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+', 'growth'] as const;

export const ProgramSchema = z
  .object({
    id,
    name: z.string().min(1),
    operator: z.string().min(1),
    kind: z.enum(PROGRAM_KINDS),
    /** ISO codes of the founders' home countries it serves, or 'any'. */
    servesFoundersFrom: z.array(z.union([countryCode, z.literal('any')])).min(1),
    city: cityName.nullable(),
    country: countryCode.nullable(),
    extraLocations: z.array(z.object({ city: cityName, country: countryCode }).strict()).default([]),
    tags: z.array(id).default([]),
    stages: z.array(z.enum(STAGES)).default([]),
    description: z.string().min(1),
    sources,
  })
  .strict()
  .refine((p) => p.city === null || p.country !== null, {
    message: 'a programme with a city needs its country',
    path: ['country'],
  });
export type Program = z.infer<typeof ProgramSchema>;

/** The record kinds a knowledge-base file can hold, each with its schema. */
export const KB_KINDS = {
  taxonomy: TagSchema,
  countries: CountrySchema,
  clusters: ClusterSchema,
  organizations: OrganizationSchema,
  programs: ProgramSchema,
  ventures: VentureSchema,
  rankings: RankingSchema,
} as const;
export type KbKind = keyof typeof KB_KINDS;
export const KB_KIND_NAMES = Object.keys(KB_KINDS) as KbKind[];

/** A knowledge-base file: a header that names its kind and the vintage of its facts, then the records. */
export const KbFileHeaderSchema = z
  .object({
    format: z.literal(KB_FORMAT),
    kind: z.enum(KB_KIND_NAMES as [KbKind, ...KbKind[]]),
    about: z.string().default(''),
    /** The year the facts were compiled: the knowledge base's vintage. */
    compiled: year,
    records: z.array(z.unknown()),
  })
  .strict();

export interface KnowledgeBase {
  taxonomy: Tag[];
  countries: Country[];
  clusters: Cluster[];
  organizations: Organization[];
  programs: Program[];
  ventures: Venture[];
  rankings: Ranking[];
}
