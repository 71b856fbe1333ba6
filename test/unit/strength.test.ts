import { describe, expect, it } from 'vitest';
import { deriveStrengths, upperQuartile, weightedTags } from '../../engine/kb/strength.ts';

const stated = (lists: string[][]) => lists.map((tags) => weightedTags(tags));

describe('upperQuartile', () => {
  it('is the nearest-rank 75th percentile of positive counts', () => {
    expect(upperQuartile([0, 1, 2, 3, 4])).toBe(3);
    expect(upperQuartile([5])).toBe(5);
    expect(upperQuartile([0, 0])).toBe(Infinity);
  });
});

describe('deriveStrengths (hand-computed world)', () => {
  // 10 organisations in all; 4 carry "chips". Cluster X holds 3 of its 4 organisations with "chips":
  // LQ = (3/4) / (4/10) = 1.875. Cluster Y holds 1 of 4: LQ = (1/4)/(4/10) = 0.625. Z holds none.
  const orgs = {
    x: [['chips'], ['chips', 'ai'], ['chips'], ['ai']],
    y: [['chips'], ['ai'], ['ai'], ['bio']],
    z: [['bio'], ['bio']],
  };
  const strengths = deriveStrengths({
    clusters: [
      { id: 'x', specializations: [] },
      { id: 'y', specializations: [{ tag: 'bio', evidence: 'named by a source' }] },
      { id: 'z', specializations: [] },
    ],
    membersByCluster: new Map(Object.entries(orgs).map(([c, lists]) => [c, stated(lists)])),
    all: stated(Object.values(orgs).flat()),
  });
  const get = (c: string, t: string) => strengths.get(c)!.find((s) => s.tag === t);

  it('computes the location quotient', () => {
    expect(get('x', 'chips')!.lq).toBeCloseTo(1.875, 10);
    expect(get('y', 'chips')!.lq).toBeCloseTo(0.625, 10);
    expect(get('z', 'chips')).toBeUndefined();
  });
  it('reveals a strength only with LQ >= 1, top quartile and the size floor', () => {
    expect(get('x', 'chips')).toMatchObject({ revealed: true, score: 1, orgCount: 3 });
    expect(get('y', 'chips')).toMatchObject({ revealed: false, orgCount: 1 });
    expect(get('y', 'chips')!.score).toBeCloseTo(0.5 * 0.625, 10);
    // z: bio LQ = (2/2)/(3/10) = 3.33 and 2 organisations (the floor), top quartile of {1, 2}: revealed.
    expect(get('z', 'bio')).toMatchObject({ revealed: true, orgCount: 2 });
  });
  it('keeps a named specialisation with its evidence even without organisations', () => {
    expect(get('y', 'bio')).toMatchObject({ explicit: true, evidence: 'named by a source', score: 1 });
  });
  it('does not reveal strength from a single organisation', () => {
    // x: ai LQ = (2/4)/(4/10) = 1.25 with 2 orgs -> top quartile of {2, 2} is 2 -> revealed
    expect(get('x', 'ai')!.revealed).toBe(true);
    const one = deriveStrengths({
      clusters: [{ id: 'solo', specializations: [] }],
      membersByCluster: new Map([['solo', stated([['rare']])]]),
      all: stated([['rare'], ['other'], ['other']]),
    });
    expect(one.get('solo')![0]).toMatchObject({ tag: 'rare', revealed: false, orgCount: 1 });
  });
  it('marks how each strength is known: curated with evidence, measured from stated fields, or inferred', () => {
    expect(get('y', 'bio')!.basis).toBe('curated');
    expect(get('x', 'chips')!.basis).toBe('measured');
    const judged = deriveStrengths({ clusters: [{ id: 'j', specializations: [{ tag: 'ai', evidence: null }] }], membersByCluster: new Map(), all: stated([['ai']]) });
    expect(judged.get('j')![0]).toMatchObject({ basis: 'inferred', score: 0.7 });
    // Revealed only by fields read from names (probability 0.8, counting 0.4 each): inferred, not measured.
    const guessed = deriveStrengths({
      clusters: [{ id: 'g', specializations: [] }, { id: 'h', specializations: [] }],
      membersByCluster: new Map([['g', Array.from({ length: 6 }, () => weightedTags([], [{ tag: 'agri', probability: 0.8 }]))], ['h', stated([['other'], ['other']])]]),
      all: [...Array.from({ length: 6 }, () => weightedTags([], [{ tag: 'agri', probability: 0.8 }])), ...stated([['other'], ['other']])],
    });
    expect(guessed.get('g')![0]).toMatchObject({ tag: 'agri', revealed: true, basis: 'inferred', score: 0.7 });
  });
  it('orders strengths strongest first', () => {
    const scores = strengths.get('x')!.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});
