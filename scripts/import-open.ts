// Build-time converter for the open data sets in ../shared/data/open (read its README): the Research
// Organization Registry's universities, research facilities and companies, Y Combinator's directory, and the
// World Bank's PPP factors, into the project's own files (data/kb/*.json, format foothold-kb/1), every
// record with the page that states it. Run after scripts/import-shared.ts, by hand, when the data change:
//   npx tsx scripts/import-open.ts [path/to/shared/data/open]
// Nothing at run time reads ../shared. A user with the full ROR dump imports it with `foothold kb import`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REGIONS } from '../engine/advice/regions.ts';
import { KB_FORMAT, KB_KINDS, type KbKind } from '../engine/kb/schema.ts';
import { loadGazetteer } from '../sources/gazetteer.ts';
import { type DirectoryCompany, directoryToVenture, type RorRecord, rorToOrganization } from '../sources/open-data.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- the input is the data sets' loose JSON */
type Raw = any;

const openDir = resolve(process.argv[2] ?? '../shared/data/open');
const outDir = resolve('data/kb');
const COMPILED = 2026;
const read = (file: string): Raw => JSON.parse(readFileSync(join(openDir, file), 'utf8'));
const kbFile = (name: string): Raw => JSON.parse(readFileSync(join(outDir, name), 'utf8'));

/** Fields whose default is null, per kind (a null there says nothing the reader does not assume). */
const NULL_DEFAULTS: Partial<Record<KbKind, string[]>> = {
  organizations: ['techTransfer', 'spinoffNote', 'arwu', 'place', 'established', 'provenance', 'globalReach'],
  ventures: ['batch', 'founded', 'provenance'],
  countries: ['ppp', 'priceLevel'],
};
function withoutDefaults(kind: KbKind, record: Record<string, unknown>): Record<string, unknown> {
  const empty = (v: unknown) => (Array.isArray(v) && v.length === 0) || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(record).filter(([k, v]) => !empty(v) && !(v === null && NULL_DEFAULTS[kind]?.includes(k)) && !((k === 'notes' || k === 'description') && v === '')));
}

function write(name: string, kind: KbKind, about: string, records: unknown[], compiled = COMPILED): void {
  const schema = KB_KINDS[kind];
  const validated = records.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) throw new Error(`${kind}[${i}] does not fit the schema: ${parsed.error.message}`);
    return parsed.data;
  });
  // One record per line: the files stay diffable and each record greppable. Fields at their schema's
  // default (empty lists, nulls that default to null) are left out: reading fills them in again.
  const body = validated.map((r) => JSON.stringify(withoutDefaults(kind, r as Record<string, unknown>))).join(',\n');
  writeFileSync(join(outDir, name), `{"format":${JSON.stringify(KB_FORMAT)},"kind":${JSON.stringify(kind)},"about":${JSON.stringify(about)},"compiled":${compiled},"records":[\n${body}\n]}\n`);
  console.log(`${name}: ${validated.length} ${kind}`);
}

const tags = new Set<string>(kbFile('taxonomy.json').records.map((t: { id: string }) => t.id));
const gazetteer = loadGazetteer();

// Research organisations: universities, research facilities and research-active companies.
const ror = read('ror-organizations.json');
const orgs = (ror.organizations as RorRecord[]).flatMap((r) => rorToOrganization(r, tags, 'ROR') ?? []);
const inferred = orgs.filter((o) => o.inferredTags.length > 0).length;
write(
  'organizations-ror.json',
  'organizations',
  `Universities, research facilities and research-active companies from the Research Organization Registry (ROR, CC0; ${ror.about.source.repository} at ${ror.about.source.commit.slice(0, 10)}, ${ror.about.source.commitDate}), as extracted in ../shared/data/open (release folders v1.0 to v2.9; the newest copy of each record; active records only). Types: education -> university, facility -> research_center, company -> corporate. Places are ROR's GeoNames city and coordinates. Fields are inferred from the names (engine/kb/fields.ts), each with a probability, for ${inferred} of ${orgs.length} records; ROR states no research fields. Not the full registry: long-established organisations not edited since 2022 are missing.`,
  orgs,
);

// Startups from Y Combinator's directory: facts only (place, fields, status, batch), each citing its page.
const yc = read('yc-companies.json');
// Renamed cities that GeoNames' table still lists under their former name.
const RENAMED: Record<string, string> = { 'Gurugram|IN': 'Gurgaon' };
const unplaced: string[] = [];
const ventures = (yc.companies as DirectoryCompany[]).flatMap((c) => {
  const v = directoryToVenture(c, tags);
  if (!v) return [];
  v.city = RENAMED[`${v.city}|${v.country}`] ?? v.city;
  if (!gazetteer.resolve(v.city, v.country)) {
    unplaced.push(`${v.city} (${v.country})`);
    return [];
  }
  return [v];
});
write(
  'ventures-yc.json',
  'ventures',
  `Companies in Y Combinator's public directory as scraped on 2024-05-11 (corralm/yc-scraper, with slugs and industries from akshaybhalotia/yc_company_scraper), extracted in ../shared/data/open: facts only (headquarters city, fields, status, batch), each citing its YC page. The directory's tags and industries are mapped to the taxonomy (engine/kb/fields.ts). ${unplaced.length} companies whose listed city GeoNames does not know are left out. A sample chosen by one US accelerator: they measure where startups in a field concentrate, not a census.`,
  ventures,
);
console.log(`left out (city unknown to GeoNames): ${unplaced.length}, e.g. ${unplaced.slice(0, 10).join(', ')}`);

// Market exchange rates, 2024 annual averages, local currency per US$ (Federal Reserve H.10 via
// datasets/exchange-rates, data/annual.csv at commit 6ce89dd2d063b130ab001c0e34933510ec45aac5, PDDL 1.0):
// with the 2024 PPP factor they give the 2024 price level. Countries without a rate there have none.
const FX_SOURCE = 'https://github.com/datasets/exchange-rates/blob/6ce89dd2d063b130ab001c0e34933510ec45aac5/data/annual.csv';
const EURO_AREA = ['AT', 'BE', 'HR', 'CY', 'EE', 'FI', 'FR', 'DE', 'GR', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PT', 'SK', 'SI', 'ES'];
const FX_2024: Record<string, number> = {
  US: 1, AU: 1.5158, BR: 5.3872, CA: 1.3699, CN: 7.1957, DK: 6.8955, HK: 7.803, IN: 83.6566, JP: 151.4551, MY: 4.5747, MX: 18.3062, NZ: 1.6529,
  NO: 10.7574, SG: 1.3363, ZA: 18.3346, KR: 1363.4381, SE: 10.5744, CH: 0.8808, TW: 32.1064, TH: 35.2845,
  ...Object.fromEntries(EURO_AREA.map((c) => [c, 0.9242])),
};

// Countries: the PPP factor for every country with one; countries the curated file lacks get a record of their own.
const ppp = read('ppp.json');
const pppRecords = ppp.countries ?? ppp[Object.keys(ppp).find((k) => k !== 'about')!];
const countries = kbFile('countries.json');
const byCode = new Map<string, Raw>(countries.records.map((c: Raw) => [c.code, c]));
const EEA_NOT_EU = ['IS', 'LI', 'NO'];
for (const p of pppRecords as { country: string; name: string; year: number; ppp: number; source: string }[]) {
  if (!/^[A-Z]{2}$/.test(p.country) || p.ppp <= 0) continue;
  const value = { lcuPerIntlDollar: p.ppp, year: p.year, source: p.source };
  const fx = FX_2024[p.country];
  const priceLevel = fx && p.year === 2024 ? { ratioToUs: Math.round((p.ppp / fx) * 1000) / 1000, year: 2024, source: p.source, exchangeRateSource: FX_SOURCE } : null;
  const existing = byCode.get(p.country);
  if (existing) Object.assign(existing, { ppp: value, priceLevel });
  else
    byCode.set(p.country, {
      code: p.country,
      name: p.name,
      devSalaryUsd: null,
      englishProficiency: null,
      startupVisa: null,
      euMember: (REGIONS.EU as readonly string[]).includes(p.country),
      euSingleMarket: (REGIONS.EU as readonly string[]).includes(p.country) || EEA_NOT_EU.includes(p.country),
      languages: [],
      notes: 'Only the PPP factor is compiled for this country.',
      ppp: value,
      priceLevel,
      sources: [p.source],
    });
}
write('countries.json', 'countries', `${countries.about.replace(/ PPP conversion factors[\s\S]*$/, '')} PPP conversion factors (GDP, LCU per international $; World Bank PA.NUS.PPP via datasets/ppp) added for every country with one; countries beyond the curated ones have a record with that factor only. Price levels (2024 PPP factor / 2024 market exchange rate, US = 1) for the ${Object.keys(FX_2024).length} countries whose rate the Federal Reserve publishes (datasets/exchange-rates); the others have none.`, [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)), countries.compiled);
