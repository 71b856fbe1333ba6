import { beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDING_DIM } from '../../engine/constants.ts';
import { ARTIFACTS_DIR, EncodeError, Encoder, loadNetwork } from '../../models/encoder.ts';

let encoder: Encoder;
beforeAll(async () => {
  encoder = await Encoder.load();
});

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const embed = (text: string) => encoder.embedStartup({ description: text });

describe('the encoder', () => {
  it('gives unit vectors of the shared dimension, with no NaN', () => {
    for (const v of encoder.embed([{ text: 'A marketplace for second-hand bicycles' }, { text: 'x', tags: ['fintech'], stage: 'seed' }])) {
      expect(v).toHaveLength(EMBEDDING_DIM);
      expect(v.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
  });
  it('gives fixed vectors for fixed inputs, across loads', async () => {
    const text = 'Software that schedules nurses in hospitals';
    const again = await Encoder.load();
    expect(Array.from(again.embedStartup({ description: text }))).toEqual(Array.from(embed(text)));
    expect(again.version).toBe(encoder.version);
  });
  it('computes the same numbers as the trained tfjs network', async () => {
    const { loadTf } = await import('../../models/backend.ts');
    const { tf } = await loadTf();
    const network = await loadNetwork(tf, ARTIFACTS_DIR);
    const inputs = [{ text: 'Carbon capture membranes for cement plants', tags: ['climate-circular'] }, { text: 'Payroll for remote teams' }];
    const features = encoder.features(inputs);
    const [tags] = network.predict(tf.tensor2d(features, [2, features.length / 2])) as import('@tensorflow/tfjs').Tensor[];
    const expected = (await tags!.array()) as number[][];
    const guesses = encoder.inferTags(inputs[1]!.text, 42);
    for (const g of guesses) expect(g.probability).toBeCloseTo(expected[1]![encoder.manifest.tags.indexOf(g.tag)]!, 5);
  });

  // Pairs written for this test (not from the knowledge base): each text should be closer to its partner
  // than to any text of another sector.
  const pairs: [string, string, string][] = [
    ['mobility', 'EV battery BMS', 'battery management for electric vehicles'],
    ['health', 'An app that reads chest X-rays to flag lung cancer early', 'medical imaging software that helps radiologists find tumours'],
    ['fintech', 'mobile payments and instant loans for small shop owners', 'a digital bank offering credit and card payments to merchants'],
    ['agrifood', 'robots that harvest lettuce in vertical farms', 'greenhouse automation for growing vegetables indoors'],
    ['security', 'detects phishing emails and stops ransomware attacks', 'software that protects company networks against hackers'],
    ['education', 'an online platform where teachers run maths lessons for pupils', 'a learning app that helps students practise for school exams'],
  ];
  it.each(pairs)('puts %s texts closer to each other than to other sectors', (sector, a, b) => {
    const sim = dot(embed(a), embed(b));
    for (const [other, c, d] of pairs) {
      if (other === sector) continue;
      expect(sim).toBeGreaterThan(dot(embed(a), embed(c)));
      expect(sim).toBeGreaterThan(dot(embed(a), embed(d)));
    }
  });

  it.each([
    ['A platform that lets banks detect fraudulent card payments in real time', 'fintech'],
    ['We design photonic chips that move data with light inside data centres', 'photonics'],
    ['Gene therapy for rare inherited eye diseases', 'biotech'],
    ['Autonomous mobile robots that move pallets in warehouses', 'robotics-automation'],
    ['Green hydrogen from offshore wind for steel makers', 'hydrogen'],
    ['Booking software for small hotels and holiday rentals', 'travel-hospitality'],
  ])('suggests the right tag in the top 3 for "%s"', (text, tag) => {
    expect(encoder.inferTags(text, 3).map((g) => g.tag)).toContain(tag);
  });

  describe('awkward input', () => {
    it('refuses text with nothing to read, naming the problem', () => {
      for (const text of ['', '   ', '🚀🔥💡', '!!! ???']) {
        expect(() => embed(text)).toThrow(EncodeError);
        expect(() => embed(text)).toThrow(/no word the encoder knows/);
      }
    });
    it('encodes tags alone when the text is empty', () => {
      const v = encoder.embedStartup({ description: '', tags: ['quantum'] });
      expect(v.every(Number.isFinite)).toBe(true);
    });
    it('gives finite vectors for stop words only, other languages and very long text', () => {
      for (const text of ['the and of it is', 'Wir entwickeln Batterien für Elektroautos', 'Nous développons des logiciels', 'battery '.repeat(5000)])
        expect(embed(text).every(Number.isFinite)).toBe(true);
    });
  });
});

describe('foothold model eval', () => {
  it('puts the trained encoder ahead of every baseline on held-out tag prediction', async () => {
    const { deriveKnowledgeBase } = await import('../../engine/kb/derive.ts');
    const { readKbDirectory } = await import('../../sources/kb-files.ts');
    const { loadGazetteer } = await import('../../sources/gazetteer.ts');
    const { evaluateEncoder: evaluate } = await import('../../evaluation/encoder.ts');
    const { kb, compiled } = readKbDirectory();
    const gazetteer = loadGazetteer();
    const report = evaluate(encoder, deriveKnowledgeBase(kb, (c, k, h) => gazetteer.place(c, k, h), compiled));
    const { trained, ...baselines } = report.tagPrediction.results;
    expect(report.tagPrediction.texts).toBeGreaterThan(50);
    for (const metric of ['precisionAt1', 'precisionAt3', 'recallAt5'] as const)
      for (const baseline of Object.values(baselines)) expect(trained[metric]).toBeGreaterThan(baseline[metric]);
    // Retrieval: the trained space beats the unsupervised vector baselines (BM25's literal place names win).
    expect(report.retrieval.results.trained.hitAt1).toBeGreaterThan(report.retrieval.results.sif.hitAt1);
  });
});
