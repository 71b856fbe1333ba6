import { describe, expect, it } from 'vitest';
import { deriveKnowledgeBase, KbProblems } from '../../engine/kb/derive.ts';
import type { KnowledgeBase } from '../../engine/kb/schema.ts';
import { Gazetteer } from '../../sources/gazetteer.ts';
import { cluster, organization, program } from '../helpers/kb-builders.ts';

// A tiny real gazetteer: four Dutch and Belgian places in GeoNames' row format.
const row = (id: number, name: string, alt: string, country: string, lat: number, lon: number, pop: number) =>
  [id, name, name, alt, lat, lon, 'P', 'PPL', country, '', '', '', '', '', pop, '', '', '', ''].join('\t');
const gazetteer = new Gazetteer([
  row(1, 'Eindhoven', '', 'NL', 51.44, 5.48, 209_620),
  row(2, 'Veldhoven', '', 'NL', 51.42, 5.40, 44_000),
  row(3, 'Leuven', 'Louvain', 'BE', 50.88, 4.70, 100_000),
  row(4, 'Groningen', '', 'NL', 53.22, 6.57, 200_000),
]);
const resolve = (city: string, country: string) => gazetteer.resolve(city, country);

const tags = [
  { id: 'semiconductors', label: 'Semiconductors', keywords: [] },
  { id: 'biotech', label: 'Biotech', keywords: [] },
];
const world = (): KnowledgeBase => ({
  taxonomy: tags,
  countries: [],
  clusters: [
    cluster({ id: 'eindhoven', city: 'Eindhoven', country: 'NL', specializations: [{ tag: 'semiconductors', evidence: null }] }),
    cluster({ id: 'leuven', city: 'Louvain', country: 'BE' }),
  ],
  organizations: [
    organization({ id: 'asml', city: 'Veldhoven', country: 'NL', tags: ['semiconductors'], locations: [{ city: 'Leuven', country: 'BE', role: 'r-and-d' }] }),
    organization({ id: 'far', city: 'Groningen', country: 'NL', tags: ['biotech'] }),
  ],
  programs: [program({ id: 'landing', city: 'Leuven', country: 'BE', extraLocations: [{ city: 'Eindhoven', country: 'NL' }] })],
  ventures: [],
  rankings: [],
});

describe('deriveKnowledgeBase', () => {
  it('geocodes, links every site to its nearest cluster and keeps the distance', () => {
    const d = deriveKnowledgeBase(world(), resolve, 2025);
    const [hq, lab] = d.organizationSites.get('asml')!;
    expect(hq!.link).toMatchObject({ clusterId: 'eindhoven', within: true });
    expect(hq!.link!.distanceKm).toBeGreaterThan(4);
    expect(hq!.link!.distanceKm).toBeLessThan(8);
    expect(lab!.link).toMatchObject({ clusterId: 'leuven', within: true, distanceKm: 0 });
    expect(d.organizationSites.get('far')![0]!.link).toMatchObject({ within: false });
    expect(d.programSites.get('landing')!.map((s) => s.link!.clusterId)).toEqual(['leuven', 'eindhoven']);
    expect(d.alternateNames).toEqual([{ city: 'Louvain', country: 'BE', resolvedTo: 'Leuven' }]);
  });
  it('profiles clusters from what is located in them', () => {
    const d = deriveKnowledgeBase(world(), resolve, 2025);
    const eindhoven = d.clusterProfiles.get('eindhoven')!;
    expect(eindhoven.orgCount).toBe(1);
    expect(eindhoven.strengths[0]).toMatchObject({ tag: 'semiconductors', explicit: true, orgCount: 1 });
    expect(eindhoven.indicators.landingPrograms.value).toBe(1);
    // ASML is Dutch with a lab in Belgium: foreign presence in Leuven.
    expect(d.clusterProfiles.get('leuven')!.indicators.foreignPresence.value).toBe(1);
  });
  it('lists every problem at once: unknown cities, unknown tags, duplicate ids, unknown parents', () => {
    const kb = world();
    kb.organizations.push(organization({ id: 'asml', city: 'Atlantis', country: 'NL', tags: ['quantum'] }));
    kb.clusters.push(cluster({ id: 'orphan', city: 'Groningen', country: 'NL', partOf: 'nowhere' }));
    try {
      deriveKnowledgeBase(kb, resolve, 2025);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KbProblems);
      const problems = (e as KbProblems).problems.map((p) => `${p.kind}[${p.index}] ${p.id} ${p.path}`);
      expect(problems.sort()).toEqual(
        [
          'clusters[2] orphan partOf',
          'organizations[2] asml id',
          'organizations[2] asml tags[0]',
          'organizations[2] asml city',
        ].sort(),
      );
      expect((e as KbProblems).describe()).toMatch(/organizations\.2\.city: asml: city "Atlantis" \(NL\) is not in the GeoNames gazetteer/);
      expect((e as KbProblems).describe()).toMatch(/unknown tag "quantum"/);
    }
  });
});
