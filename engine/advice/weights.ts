// The visible weight vectors, one per function, and how a profile shifts them (stage, needs, cost
// sensitivity, innovation mode). A request may replace them outright (fDi Benchmark style): then they are
// used as given, only normalised.
import type { ExecutiveWeights, StartupProfile, TechnicalWeights } from './profile.ts';

/** Executive, finance, marketing and sales: led by access to capital (Engel's main reason to move). */
export const BASE_EXECUTIVE_WEIGHTS: ExecutiveWeights = {
  capital: 0.3,
  targetMarket: 0.15,
  corporates: 0.1,
  fields: 0.1,
  similarity: 0.05,
  connectedness: 0.1,
  landing: 0.05,
  continuity: 0.15,
};

/** Technical team: talent and research partners in its fields, cost, and the value of staying put. */
export const BASE_TECHNICAL_WEIGHTS: TechnicalWeights = {
  talent: 0.3,
  research: 0.2,
  cost: 0.15,
  continuity: 0.35,
};

const STAGE_CAPITAL: Record<string, number> = { idea: 1.3, 'pre-seed': 1.3, seed: 1.2, 'series-a': 1, 'series-b+': 0.7 };
const COST: Record<string, number> = { low: 0.5, medium: 1, high: 1.6 };
/** A need of 0.5 (or none given) leaves a weight as it is; 1 makes it 1.5x, 0 halves it. */
const needFactor = (need: number | undefined) => 0.5 + (need ?? 0.5);

export function executiveWeights(profile: StartupProfile): ExecutiveWeights {
  const override = profile.weights?.executive;
  if (override && Object.keys(override).length > 0) return { ...zero(BASE_EXECUTIVE_WEIGHTS), ...override };
  const n = profile.needs;
  const b = BASE_EXECUTIVE_WEIGHTS;
  return {
    capital: b.capital * (STAGE_CAPITAL[profile.stage ?? 'seed'] ?? 1) * needFactor(n.capital),
    targetMarket: b.targetMarket * needFactor(n.customers) * needFactor(n.marketAccess),
    corporates: b.corporates * needFactor(n.customers),
    fields: b.fields * needFactor(n.research),
    similarity: b.similarity,
    connectedness: b.connectedness,
    landing: b.landing * needFactor(n.marketAccess),
    continuity: b.continuity,
  };
}

export function technicalWeights(profile: StartupProfile): TechnicalWeights {
  const override = profile.weights?.technical;
  if (override && Object.keys(override).length > 0) return { ...zero(BASE_TECHNICAL_WEIGHTS), ...override };
  const n = profile.needs;
  const b = BASE_TECHNICAL_WEIGHTS;
  // TNO: firms innovating alone gain from many innovators nearby; firms with partners depend less on place.
  const alone = profile.innovationMode === 'alone';
  return {
    talent: b.talent * needFactor(n.talent) * (alone ? 1.25 : 1),
    research: b.research * needFactor(n.research) * needFactor(n.manufacturing),
    cost: b.cost * (COST[profile.constraints.costSensitivity] ?? 1),
    continuity: b.continuity * (alone ? 1 : 1.15),
  };
}

function zero<T extends object>(weights: T): T {
  return Object.fromEntries(Object.keys(weights).map((k) => [k, 0])) as T;
}
