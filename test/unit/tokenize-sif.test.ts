import { describe, expect, it } from 'vitest';
import { firstPrincipalComponent, removeComponent } from '../../models/sif.ts';
import { zipfProbability } from '../../models/word-weights.ts';
import { MAX_TOKENS, tokenize } from '../../models/tokenize.ts';

describe('tokenize', () => {
  it('lower-cases, keeps numbers, splits hyphenated words and keeps the joined form', () => {
    expect(tokenize('Deep-tech spin-off, founded 2019')).toEqual(['deeptech', 'deep', 'tech', 'spinoff', 'spin', 'off', 'founded', '2019']);
  });
  it('adds the spelled-out words of known acronyms', () => {
    expect(tokenize('EV battery BMS')).toEqual(['ev', 'electric', 'vehicle', 'battery', 'bms', 'battery', 'management', 'system']);
  });
  it('treats words that name object properties as plain words', () => {
    expect(tokenize('Constructor toString __proto__ hasOwnProperty')).toEqual(['constructor', 'tostring', 'proto', 'hasownproperty']);
  });
  it('drops punctuation and emoji, and caps the length', () => {
    expect(tokenize('🚀🔥 !!')).toEqual([]);
    expect(tokenize('word '.repeat(2000))).toHaveLength(MAX_TOKENS);
  });
});

describe('SIF pieces', () => {
  it('estimates word probability from the frequency rank (Zipf)', () => {
    const v = 400_000;
    expect(zipfProbability(1, v)).toBeCloseTo(1 / (Math.log(v) + 0.5772156649), 12);
    expect(zipfProbability(10, v)).toBeCloseTo(zipfProbability(1, v) / 10, 12);
  });
  it('finds the dominant direction by power iteration and removes it', () => {
    const vectors = [
      [3, 0.1],
      [2.9, -0.1],
      [-3.1, 0.05],
    ].map((v) => Float32Array.from(v));
    const pc = firstPrincipalComponent(vectors);
    expect(Math.abs(pc[0]!)).toBeCloseTo(1, 2);
    const removed = removeComponent(Float32Array.from([2, 1]), pc);
    expect(removed[0]).toBeCloseTo(0, 1);
    expect(removed[1]).toBeCloseTo(1, 1);
  });
});
