// What the API sends, as types: the web client imports these (type-only), so it is typed by the API's own
// definitions rather than by guesses. Each is what a route's handler passes to res.json.
export type { Account, Role } from '../engine/accounts.ts';
export type { Advice, ConfigurationItem, PlaceRef, RankedItem } from '../engine/advice/advise.ts';
export type { Partner, PartnerKind } from '../engine/advice/partners.ts';
export type { Contribution } from '../engine/advice/scoring.ts';
export type { ErrorDetail } from '../engine/errors.ts';
export type { AdviceKey, AdviceRow } from '../db/repositories/advice-results.repository.ts';
export type { CohortResultLine, CohortSummary, RejectedRow } from '../db/repositories/cohorts.repository.ts';
export type { IntroductionView } from '../db/repositories/corporate.repository.ts';
export type { ClusterItem, EcosystemMapItem, OrganizationItem, PageOf, ProgramItem, SiteItem } from '../db/repositories/kb-catalogue.repository.ts';
export type { CountryCoverage, KnowledgeBaseStats } from '../db/repositories/kb-stats.repository.ts';
export type { Indicator, IndicatorName } from '../engine/kb/indicators.ts';
export type { StrengthBasis, TagStrength } from '../engine/kb/strength.ts';
export type { StartupRow } from '../db/repositories/startups.repository.ts';
export type { TagGuess } from '../services/tag.service.ts';
export type { Progress } from '../services/cohort-progress.ts';
export type { SearchHit } from '../services/corporate.service.ts';

import type { CohortRow, RejectedRow } from '../db/repositories/cohorts.repository.ts';
import type { AdviceKey } from '../db/repositories/advice-results.repository.ts';
import type { ErrorDetail } from '../engine/errors.ts';
import type { CountryCoverage, KnowledgeBaseStats } from '../db/repositories/kb-stats.repository.ts';
import type { Progress } from '../services/cohort-progress.ts';

/** Every error: {error: {code, message, details}}. */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
}

/** POST /startups/:id/advice. */
export type AdviceRequested = AdviceKey & { jobId: string; state: string; result: string; events: string };

/** GET /startups/:id/advice while its job runs (202). */
export interface AdvicePending {
  state: string;
  progress: unknown;
}

/** POST /cohorts. */
export interface CohortUploaded {
  cohortId: string;
  name: string;
  duplicate: boolean;
  accepted?: number;
  rejected: RejectedRow[];
  progress: Progress;
  events: string;
}

/** GET /cohorts/:id. */
export type CohortView = CohortRow & { progress: Progress };

/** A list: {items}. */
export interface Items<T> {
  items: T[];
}

/** GET /kb/coverage: what the knowledge base holds and lacks per country, and the totals. */
export interface KbCoverage {
  items: CountryCoverage[];
  totals: KnowledgeBaseStats['totals'];
}
