import { describe, expect, it } from 'vitest';
import { mergeOrganizations } from '../../engine/kb/merge.ts';
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
