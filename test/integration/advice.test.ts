import { KnowledgeService } from '../../services/knowledge.service.ts';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.ts';
import { ProfileProblems } from '../../engine/advice/validate.ts';
import { loadGazetteer } from '../../sources/gazetteer.ts';
import { Encoder } from '../../models/encoder.ts';
import { AdviceService, referenceDate } from '../../services/advice.service.ts';
import { decodeDetail, encodeAdvice } from '../../db/advice-codec.ts';
import { advise } from '../../engine/advice/advise.ts';
import { EnginePool } from '../../worker/engine-pool.ts';
import { evaluateCases } from '../../evaluation/placement.ts';
import { seededDatabase } from '../helpers/db.ts';

let db: Database;
let service: AdviceService;
const example = (name: string) => JSON.parse(readFileSync(new URL(`../../examples/${name}.json`, import.meta.url), 'utf8'));

beforeAll(async () => {
  db = await seededDatabase();
  const encoder = await Encoder.load();
  expect(await new KnowledgeService(db.pool).embed(encoder)).toEqual({ clusters: 0, organizations: 0, programs: 0 }); // the seed is current
  service = new AdviceService(db.pool, encoder, loadGazetteer());
});
afterAll(() => db?.close());

describe('advice on an engine thread', () => {
  it('is the same advice, to the byte, as the engine gives in this thread, and reports no-place constraints per startup', async () => {
    const pool = new EnginePool(1);
    try {
      const knowledge = await service.versionedKnowledge();
      const at = referenceDate(knowledge.slice.vintage);
      const profiles = ['leuven-deeptech', 'india-saas', 'medellin-fintech'].map(example);
      const nowhere = { ...profiles[0], constraints: { allowedCountries: ['BT'] } };
      const resolved = await Promise.all([...profiles, nowhere].map((p) => service.resolve(p, { knowledge: knowledge.slice })));
      const results = await pool.advise(knowledge, resolved, at);
      expect(results).toHaveLength(4);
      resolved.slice(0, 3).forEach((r, i) => {
        const here = advise(r, knowledge.slice, at);
        const there = results[i]!;
        if (!there.ok) throw new Error(there.error.message);
        const stored = encodeAdvice(here);
        expect(Buffer.compare(there.advice.detail, stored.detail)).toBe(0);
        expect(there.advice.headline).toBe(stored.headline);
        expect(decodeDetail(there.advice.detail).placement.recommended).toBe(here.placement.recommended);
      });
      expect(results[3]).toMatchObject({ ok: false, error: { code: 'no_candidates' } });
    } finally {
      await pool.close();
    }
  });
});

describe('advice on the real knowledge base', () => {
  it('advises the Leuven deep-tech spin-off to build on a strong home', async () => {
    const a = await service.advise(example('leuven-deeptech'));
    expect(a.startup.tags.every((t) => t.inferred)).toBe(true);
    expect(a.placement.technical.recommendation.id).toBe('leuven');
    expect(a.bridges.assessment.weak).toBe(false);
    expect(a.partners.universities.map((p) => p.id)).toContain('ku-leuven');
    // The home region's research centres are candidates whatever their fields (imec is 0 km away); which of
    // them rank depends on the fields inferred from the description.
    expect(a.partners.researchCenters.length).toBe(5);
  });
  it('advises the Indian SaaS company to put its executives near US capital', async () => {
    const a = await service.advise(example('india-saas'));
    expect(a.placement.recommended).toBe('split');
    expect(a.placement.executiveRecommendation.country).toBe('US');
    expect(a.placement.technical.recommendation.name).toBe('Pune');
  });
  it('keeps the Medellín fintech within three hours and bridges it to stronger fintech clusters', async () => {
    const a = await service.advise(example('medellin-fintech'));
    for (const c of a.placement.configurations) expect(['CO', 'US', 'MX', 'BR', 'CA']).toContain(c.executive.country);
    expect(a.bridges.assessment.weak).toBe(true);
    expect(a.bridges.bridges.length).toBeGreaterThan(0);
    expect(a.placement.excluded.length).toBeGreaterThan(0);
  });
  it('explains every item with a sentence and carries the knowledge base’s vintage', async () => {
    const a = await service.advise(example('india-saas'));
    expect(a.knowledgeBase.vintage).toBe(2026);
    for (const item of [...a.placement.executive, ...Object.values(a.partners).flat(), ...a.bridges.bridges]) {
      expect(item.sentence.length).toBeGreaterThan(20);
      expect(item.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 10);
    }
  });
  it('answers a bad profile with one error listing every problem', async () => {
    const error = await service
      .advise({
        name: 'Bad',
        description: '',
        tags: ['unicorns'],
        techTeam: { city: 'Atlantis', country: 'NL' },
        constraints: { stayInEU: true, allowedCountries: ['US'] },
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ProfileProblems);
    expect((error as ProfileProblems).problems.map((p) => p.path).sort()).toEqual(['constraints', 'tags.0', 'techTeam'].sort());
    expect((error as ProfileProblems).describe()).toMatch(/techTeam: unknown city "Atlantis"/);
    expect((error as ProfileProblems).message).toBe('The profile is not valid (3 problems)');
  });
  it('asks for words when the description has none the encoder knows', async () => {
    const error = await service.advise({ name: 'Emoji', description: '🚀🚀', techTeam: { city: 'Gent', country: 'BE' } }).catch((e) => e);
    expect(error).toBeInstanceOf(ProfileProblems);
    expect((error as ProfileProblems).problems[0]!.path).toBe('description');
  });
});

describe('advice outside the well-covered regions', () => {
  const founder = (name: string, description: string, tags: string[], city: string, country: string) => ({
    name,
    description,
    tags,
    stage: 'seed',
    techTeam: { city, country },
  });
  const partnersIn = (a: Awaited<ReturnType<AdviceService['advise']>>, countries: string[]) =>
    [...a.partners.universities, ...a.partners.researchCenters, ...a.partners.corporates].filter((p) => countries.includes(p.country));

  it('names organisations in a Lagos fintech’s own country, and says what Foothold lacks in Nigeria', async () => {
    const a = await service.advise(founder('PayLagos', 'Mobile payments and credit scoring for small merchants, from their transaction data.', ['fintech'], 'Lagos', 'NG'));
    expect(partnersIn(a, ['NG']).length).toBeGreaterThan(0);
    const nigeria = a.knowledgeBase.coverage.places.find((p) => p.country === 'NG')!;
    expect(nigeria.universities).toBeGreaterThan(100);
    expect(a.knowledgeBase.coverage.notes.join(' ')).toMatch(/no corporate startup programmes in Nigeria: partner lists there are incomplete/);
    expect(a.confidence).toBeLessThan(1);
  });
  it('names organisations in Kenya for a Nairobi agritech', async () => {
    const a = await service.advise(founder('ShambaSense', 'Soil sensors and satellite data that tell smallholder farmers when to plant and irrigate.', ['agrifood'], 'Nairobi', 'KE'));
    expect(partnersIn(a, ['KE']).map((p) => p.name).join(', ')).toMatch(/Nairobi|Kenya|Jomo Kenyatta|Livestock/);
    expect(a.knowledgeBase.coverage.notes.join(' ')).toMatch(/in Kenya: partner lists there are incomplete/);
  });
  it('places a Tartu space spin-off in its own ecosystem, with Estonian partners and no far-away "nearest strong cluster"', async () => {
    const a = await service.advise(founder('OrbitTartu', 'A university spin-off building small satellite cameras and onboard image processing.', ['space-aerospace'], 'Tartu', 'EE'));
    expect(a.knowledgeBase.coverage.places.find((p) => p.country === 'EE')!.ecosystem).toMatchObject({ name: 'Tartu', origin: 'derived' });
    expect(partnersIn(a, ['EE']).length).toBeGreaterThan(0);
    expect(a.bridges.assessment.nearestStrong?.name).not.toBe('Lagos');
    expect(a.knowledgeBase.coverage.notes.join(' ')).toMatch(/Tartu is an ecosystem found in open data/);
  });
});

describe('foothold eval on the dev cases', () => {
  it('beats every baseline on executive hit@1 and hit@3, and the majority pattern', async () => {
    const { cases } = JSON.parse(readFileSync(new URL('../fixtures/eval-dev.json', import.meta.url), 'utf8'));
    const report = await evaluateCases(cases, service, loadGazetteer());
    expect(report.cases).toBe(18);
    expect(report.evaluated + report.unresolved.length).toBe(18);
    expect(report.unresolved.map((u) => u.id)).toEqual(['icertis']); // no founding place in the sources
    const { engine, ...baselines } = report.results;
    for (const b of Object.values(baselines)) {
      expect(engine.execHitAt1).toBeGreaterThan(b.execHitAt1);
      expect(engine.execHitAt3).toBeGreaterThan(b.execHitAt3);
    }
    expect(engine.patternAccuracy).toBeGreaterThan(report.majorityPattern.rate);
  });
});
