import { describe, expect, it } from 'vitest';
import { mergeListings, mergeOrganizations } from '../../engine/kb/merge.ts';
import { organization } from '../helpers/kb-builders.ts';

describe('mergeOrganizations', () => {
  it('merges listings that share an id, keeping every source and tag, and reports the merge', () => {
    const { organizations, merges } = mergeOrganizations([
      organization({ id: 'w', name: 'W Institute (tech transfer arm)', type: 'research_center', city: 'Rehovot', country: 'IL', tags: ['biotech', 'ai-ml'], sources: ['https://a.example'], startupPrograms: [{ name: 'Yeda', kind: 'incubator', cities: [] }] }),
      organization({ id: 'x', city: 'Haifa', country: 'IL', tags: ['ai-ml'] }),
      organization({ id: 'w', name: 'W Institute', type: 'university', city: 'Rehovot', country: 'IL', tags: ['pharma', 'biotech'], sources: ['https://b.example'], techTransfer: 'Yeda' }),
    ]);
    expect(organizations.map((o) => o.id)).toEqual(['w', 'x']);
    const w = organizations[0]!;
    expect(w.type).toBe('university');
    expect(w.alsoListedAs).toEqual(['research_center']);
    expect(w.name).toBe('W Institute');
    expect(w.tags).toEqual(['pharma', 'biotech', 'ai-ml']);
    expect(w.sources).toEqual(['https://b.example', 'https://a.example']);
    expect(w.techTransfer).toBe('Yeda');
    expect(w.startupPrograms).toHaveLength(1);
    expect(merges).toEqual([{ id: 'w', names: ['W Institute (tech transfer arm)', 'W Institute'], types: ['research_center', 'university'] }]);
  });
  it('leaves distinct records alone', () => {
    const list = [organization({ id: 'a', city: 'Gent', country: 'BE', tags: ['biotech'] })];
    expect(mergeOrganizations(list)).toEqual({ organizations: list, merges: [] });
  });
});

describe('mergeListings (a curated record and a registry entry of one organisation)', () => {
  const curated = organization({ id: 'ku-leuven', name: 'KU Leuven', type: 'university', city: 'Leuven', country: 'BE', tags: ['biotech'], description: 'A research university.', sources: ['https://curated.example'] });
  const registry = organization({
    id: 'ror-05f950310',
    name: 'KU Leuven',
    type: 'university',
    city: 'Leuven',
    country: 'BE',
    tags: [],
    inferredTags: [{ tag: 'semiconductors', probability: 0.3 }],
    identifiers: { ror: 'https://ror.org/05f950310', wikidata: 'Q833670' },
    established: 1425,
    provenance: 'ROR v2.5 (2026-03-31), CC0',
    sources: ['https://ror.org/05f950310'],
  });
  it('keeps the curated record whichever comes first, with the registry’s identifiers and source added', () => {
    for (const order of [[registry, curated], [curated, registry]]) {
      const { organizations, merged } = mergeListings(order, () => true);
      expect(organizations).toHaveLength(1);
      expect(organizations[0]).toMatchObject({ id: 'ku-leuven', tags: ['biotech'], description: 'A research university.', inferredTags: [], established: 1425 });
      expect(organizations[0]!.identifiers).toEqual({ ror: 'https://ror.org/05f950310', wikidata: 'Q833670' });
      expect(organizations[0]!.sources).toEqual(['https://curated.example', 'https://ror.org/05f950310']);
      expect(merged).toEqual([{ kept: 'ku-leuven', dropped: 'ror-05f950310' }]);
    }
  });
  it('never merges two registry entries, nor listings far apart', () => {
    const other = { ...registry, id: 'ror-0other', identifiers: { ror: 'https://ror.org/0other', wikidata: 'Q833670' } };
    expect(mergeListings([registry, other], () => true).organizations).toHaveLength(2);
    expect(mergeListings([registry, curated], () => false).organizations).toHaveLength(2);
  });
});
