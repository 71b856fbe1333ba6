import { describe, expect, it } from 'vitest';
import { deriveIndicators, indicatorCoverage } from '../../engine/kb/indicators.ts';
import { cluster, organization, program } from '../helpers/kb-builders.ts';

describe('deriveIndicators', () => {
  const region = cluster({
    id: 'region',
    city: 'Amsterdam',
    country: 'NL',
    startupGenome: { year: 2024, rank: 13, ecosystemValueUsdBn: 96, valueYear: 2023, tier: null, rankByYear: {}, note: null },
  });
  const part = cluster({ id: 'part', city: 'Leiden', country: 'NL', partOf: 'region' });
  const orgs = [
    organization({ id: 'u1', type: 'university', city: 'Leiden', country: 'NL', tags: ['biotech'], arwu: { year: 2025, worldRank: '101-150', nameInRanking: 'U1', source: 'https://example.org' } }),
    organization({ id: 'c1', city: 'Leiden', country: 'NL', tags: ['biotech'], startupPrograms: [{ name: 'Lab', kind: 'accelerator', cities: [] }] }),
    organization({ id: 'c2', city: 'Leiden', country: 'NL', tags: ['pharma'] }),
    organization({ id: 'r1', type: 'research_center', city: 'Leiden', country: 'NL', tags: ['biotech'], alsoListedAs: ['university'] }),
  ];

  it('inherits a region figure when the part has none, and says so', () => {
    const i = deriveIndicators({ cluster: part, parent: region, orgs, foreignOrgs: [], programs: [], ventures: [], rankings: [], compiled: 2025 });
    expect(i.startupGenomeRank).toEqual({ value: 13, confidence: 'inherited', source: 'Startup Genome GSER', year: 2024 });
    expect(i.ecosystemValueUsdBn).toMatchObject({ value: 96, confidence: 'inherited', year: 2023 });
  });
  it('reports a missing figure as missing, never zero', () => {
    const i = deriveIndicators({ cluster: part, parent: null, orgs, foreignOrgs: [], programs: [], ventures: [], rankings: [], compiled: 2025 });
    expect(i.giiRank).toMatchObject({ value: null, confidence: 'missing' });
    expect(i.startupGenomeRank.value).toBeNull();
    expect(indicatorCoverage(i)).toBeLessThan(1);
  });
  it('counts components from the organisations and programmes located in the cluster', () => {
    const i = deriveIndicators({
      cluster: region,
      parent: null,
      orgs,
      foreignOrgs: [organization({ id: 'f', city: 'Paris', country: 'FR', tags: ['ai-ml'] })],
      programs: [program({ id: 'p1', kind: 'soft-landing' }), program({ id: 'p2', kind: 'accelerator' })],
      ventures: [],
      rankings: [],
      compiled: 2025,
    });
    expect(i.universities.value).toBe(2); // u1 and r1 (also listed as a university)
    expect(i.rankedUniversities.value).toBe(1);
    expect(i.researchCenters.value).toBe(1);
    expect(i.corporates.value).toBe(2);
    expect(i.corporatesWithPrograms.value).toBe(1);
    expect(i.accelerators.value).toBe(2); // c1's accelerator and programme p2
    expect(i.landingPrograms.value).toBe(1);
    expect(i.foreignPresence.value).toBe(1);
    expect(i.startupGenomeRank).toMatchObject({ value: 13, confidence: 'reported' });
  });

  it('takes the latest sourced ranking of a city in the cluster, the best city when several, and keeps its page', () => {
    const ranking = (id: string, year: number, rank: string, ranking = 'StartupBlink Global Startup Ecosystem Index') => ({
      id, ranking, year, rank, scope: 'global cities', city: 'Leiden', country: 'NL', sources: [`https://example.org/${id}`],
    });
    const base = { cluster: part, parent: null, orgs, foreignOrgs: [], programs: [], ventures: [], compiled: 2025 };
    const i = deriveIndicators({ ...base, rankings: [ranking('old', 2022, '90'), ranking('a', 2024, '120'), ranking('b', 2024, '101'), ranking('sg', 2025, '61-70', 'Startup Genome')] });
    expect(i.startupBlinkRank).toEqual({ value: 101, confidence: 'reported', source: 'https://example.org/b', year: 2024 });
    expect(deriveIndicators({ ...base, rankings: [] }).startupBlinkRank).toMatchObject({ value: null, confidence: 'missing' });
  });
});
