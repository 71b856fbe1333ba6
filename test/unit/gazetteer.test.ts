import { describe, expect, it } from 'vitest';
import { Gazetteer, loadGazetteer, normalizeCityName } from '../../sources/gazetteer.ts';

describe('normalizeCityName', () => {
  it('folds case, accents, apostrophes and punctuation', () => {
    expect(normalizeCityName('Zürich')).toBe('zurich');
    expect(normalizeCityName('Xi’an')).toBe("xian");
    expect(normalizeCityName("Xi'an")).toBe('xian');
    expect(normalizeCityName('  Frankfurt-am-Main ')).toBe('frankfurt am main');
  });
});

describe('the GeoNames gazetteer', () => {
  const g = loadGazetteer();
  it.each([
    ['Zurich', 'Zürich', 'CH'],
    ['Ghent', 'Gent', 'BE'],
    ['Antwerp', 'Antwerpen', 'BE'],
    ['Munich', 'München', 'DE'],
    ['Cologne', 'Köln', 'DE'],
  ])('resolves %s and %s to the same place', (a, b, country) => {
    const pa = g.resolve(a, country);
    const pb = g.resolve(b, country);
    expect(pa).not.toBeNull();
    expect(pa!.geonameId).toBe(pb!.geonameId);
  });
  it('says which queries needed an alternate name', () => {
    expect(g.resolve('Antwerp', 'BE')!.matchedBy).toBe('alternate');
    expect(g.resolve('Antwerpen', 'BE')!.matchedBy).toBe('name');
  });
  it('gives coordinates, population and the time zone from the coordinates', () => {
    const leuven = g.resolve('Leuven', 'BE')!;
    expect(leuven.lat).toBeCloseTo(50.88, 1);
    expect(leuven.lon).toBeCloseTo(4.7, 1);
    expect(leuven.population).toBeGreaterThan(50_000);
    expect(leuven.timezone).toBe('Europe/Brussels');
    expect(g.resolve('Medellín', 'CO')!.timezone).toBe('America/Bogota');
  });
  it('uses the country to tell places apart', () => {
    expect(g.resolve('Cambridge', 'GB')!.timezone).toBe('Europe/London');
    expect(g.resolve('Cambridge', 'US')!.timezone).toBe('America/New_York');
  });
  it('picks the capital over small towns for a name the capital only has as an alternate', () => {
    expect(g.resolve('Washington', 'US')!.name).toBe('Washington, D.C.');
    expect(g.resolve('New Delhi', 'IN')!.name).toBe('New Delhi');
  });
  it('returns null for a place it does not know', () => {
    expect(g.resolve('Atlantis', 'NL')).toBeNull();
    expect(g.resolve('Leuven', 'NL')).toBeNull();
  });
  it('searches by prefix, largest first', () => {
    const hits = g.search('Eindh', 3);
    expect(hits[0]!.name).toBe('Eindhoven');
  });
});

describe('Gazetteer matching rules', () => {
  const row = (id: number, name: string, alt: string, country: string, population: number) =>
    [id, name, name, alt, '50', '5', 'P', 'PPL', country, '', '', '', '', '', population, '', '', '', ''].join('\t');
  it('prefers a primary name unless an alternate belongs to a much larger place', () => {
    const g = new Gazetteer([
      row(1, 'Springfield', '', 'US', 5_000),
      row(2, 'Capital City', 'Springfield', 'US', 500_000),
      row(3, 'Oldtown', '', 'US', 5_000),
      row(4, 'Bigtown', 'Oldtown', 'US', 15_000),
    ]);
    expect(g.resolve('Springfield', 'US')!.geonameId).toBe(2);
    expect(g.resolve('Oldtown', 'US')!.geonameId).toBe(3);
  });
  it('ignores blank and malformed rows', () => {
    expect(new Gazetteer(['', 'not\ta\trow']).size).toBe(0);
  });
});
