// Build-time converter: turns the reference facts in ../shared/data into the project's own knowledge base
// (data/kb/*.json, format foothold-kb/1). Run by hand when the reference data changes, then
// scripts/import-open.ts (which adds the open data sets and the price levels to what this writes):
//   npx tsx scripts/import-shared.ts [path/to/shared/data]
// Nothing at run time reads ../shared; the output files are committed and carry every source.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mergeOrganizations } from '../engine/kb/merge.ts';
import type { z } from 'zod';
import { ClusterSchema, CountrySchema, KB_FORMAT, KB_KINDS, type KbKind, OrganizationSchema, type Program, type Tag } from '../engine/kb/schema.ts';

// The records as written (zod fills the defaults of fields the reference data does not have).
type Cluster = z.input<typeof ClusterSchema>;
type Country = z.input<typeof CountrySchema>;
type Organization = z.infer<typeof OrganizationSchema>;

/* eslint-disable @typescript-eslint/no-explicit-any -- the input is the reference files' loose JSON */
type Raw = any;

const sharedDir = resolve(process.argv[2] ?? '../shared/data');
const outDir = resolve('data/kb');
const COMPILED = 2025;

// Place names GeoNames does not know as one populated place, with the place it does know. Each is a
// correction of the reference data, reported in the closing note of the knowledge-base issue.
const CITY_CORRECTIONS: Record<string, string> = {
  // A merged municipality; the Chemelot research campus lies in Geleen.
  'Sittard-Geleen|NL': 'Geleen',
  // A merged commune (2019); GeoNames lists its main town, Le Chesnay.
  'Le Chesnay-Rocquencourt|FR': 'Le Chesnay',
  // A village of the municipality of Weßling, not listed on its own.
  'Oberpfaffenhofen|DE': 'Weßling',
  // A Bern suburb missing from GeoNames' cities1000 table.
  'Ittigen|CH': 'Bern',
  // A village (Wellcome Genome Campus) below the table's 1,000-inhabitant floor; the nearest listed town.
  'Hinxton|GB': 'Sawston',
};
const fixCity = <T extends { city: string; country: string }>(site: T): T => ({
  ...site,
  city: CITY_CORRECTIONS[`${site.city}|${site.country}`] ?? site.city,
});

const read = (file: string): Raw => JSON.parse(readFileSync(join(sharedDir, file), 'utf8'));
const nullIfEmpty = <T>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : v);

function tag(t: Raw): Tag {
  return { id: t.id, label: t.label, keywords: t.keywords };
}

function country(c: Raw): Country {
  return {
    code: c.code,
    name: c.name,
    devSalaryUsd: c.dev_salary_usd,
    englishProficiency: c.english_proficiency,
    startupVisa: c.startup_visa && { exists: c.startup_visa.exists, name: c.startup_visa.name ?? null, source: c.startup_visa.source },
    euMember: c.eu_member,
    euSingleMarket: c.eu_single_market,
    languages: c.languages,
    notes: c.notes ?? '',
    sources: c.sources,
  };
}

function cluster(c: Raw): Cluster {
  const evidence: Record<string, string> = c.specialization_evidence ?? {};
  return {
    id: c.id,
    name: c.name,
    city: c.city,
    country: c.country,
    countries: (c.countries ?? []).filter((x: string) => x !== c.country),
    partOf: c.part_of ?? null,
    radiusKm: 100,
    specializations: c.specializations.map((t: string) => ({ tag: t, evidence: evidence[t] ?? null })),
    anchors: {
      universities: c.anchor_universities,
      corporates: c.anchor_corporates,
      researchCenters: c.research_centers,
    },
    gii: c.gii && {
      year: c.gii.year,
      rank: c.gii.rank,
      pctFilings: c.gii.pct_filings,
      publications: c.gii.publications,
      rankByYear: c.gii.rank_by_year,
      intensityRank: c.gii.intensity_rank ?? null,
      notes: nullIfEmpty(c.gii.notes),
    },
    startupGenome: c.startup_genome && {
      year: c.startup_genome.year,
      rank: c.startup_genome.rank,
      ecosystemValueUsdBn: c.startup_genome.ecosystem_value_usd_bn,
      valueYear: c.startup_genome.value_year ?? null,
      tier: c.startup_genome.tier,
      rankByYear: c.startup_genome.rank_by_year,
      note: nullIfEmpty(c.startup_genome.note),
    },
    startupBlink: c.startupblink && {
      year: c.startupblink.year,
      cityRank: c.startupblink.city_rank ?? null,
      regionalRank: c.startupblink.regional_rank ?? null,
      regionalScope: c.startupblink.regional_scope ?? null,
      note: c.startupblink.note ?? null,
    },
    vc: c.vc_invested_usd_bn ? { investedUsdBn: c.vc_invested_usd_bn, year: c.vc_year, note: c.vc_note ?? null } : null,
    description: c.description,
    sources: c.sources,
  };
}

function organization(o: Raw): Organization {
  return OrganizationSchema.parse({
    id: o.id,
    name: o.name,
    type: o.type,
    city: fixCity(o).city,
    country: o.country,
    tags: o.tags,
    startupPrograms: o.startup_programs ?? [],
    locations: (o.locations ?? []).map(fixCity),
    globalReach: o.global_reach,
    techTransfer: o.tech_transfer ?? null,
    spinoffNote: o.spinoff_note ?? null,
    arwu: o.arwu
      ? { year: o.arwu.year, worldRank: o.arwu.world_rank, nameInRanking: o.arwu.name_in_ranking, source: o.arwu.source }
      : null,
    alsoListedAs: [],
    description: o.description,
    sources: o.sources,
  });
}

function program(p: Raw): Program {
  return {
    id: p.id,
    name: p.name,
    operator: p.operator,
    kind: p.kind,
    servesFoundersFrom: p.serves_founders_from,
    city: p.city,
    country: p.country,
    extraLocations: p.extra_locations,
    tags: p.tags,
    stages: p.stage,
    description: p.description,
    sources: p.sources,
  };
}

function write(kind: KbKind, about: string, records: unknown[]): void {
  const schema = KB_KINDS[kind];
  const validated = records.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) throw new Error(`${kind}[${i}] does not fit the schema: ${parsed.error.message}`);
    return parsed.data;
  });
  const file = { format: KB_FORMAT, kind, about, compiled: COMPILED, records: validated };
  writeFileSync(join(outDir, `${kind}.json`), JSON.stringify(file, null, 1) + '\n');
  console.log(`${kind}: ${validated.length} records`);
}

mkdirSync(outDir, { recursive: true });
const taxonomy = read('taxonomy.json');
write('taxonomy', taxonomy.about, taxonomy.tags.map(tag));
const countries = read('countries.json');
write('countries', countries.about, countries.countries.map(country));
const clusters = read('clusters.json');
write('clusters', `${clusters.about} ${clusters.sources_note}`, clusters.clusters.map(cluster));
const corporates = read('organizations-corporate-research.json');
const universities = read('organizations-universities.json');
const { organizations, merges } = mergeOrganizations(
  [...corporates.organizations, ...universities.organizations].map(organization),
);
for (const m of merges) console.log(`merged ${m.id}: ${m.names.join(' + ')} (${m.types.join(', ')})`);
write('organizations', `${corporates.about}\n\n${universities.about}`, organizations);
const programs = read('programs.json');
write('programs', programs.about, programs.programs.map(program));
