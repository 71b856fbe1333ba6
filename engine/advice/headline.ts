// The headline of an advice: the few fields that lists, cohort tables and cohort summaries query. It is
// stored beside the full advice so those queries never open the full result.
import type { Advice } from './advise.ts';
import { PARTNER_KINDS, type PartnerKind } from './partners.ts';
import type { Pattern } from './placement.ts';

export interface AdviceHeadline {
  pattern: Pattern;
  executivePlace: string;
  technicalPlace: string;
  firstBridge: string | null;
  topCorporate: string | null;
  topUniversity: string | null;
  /** Every partner listed, in the advice's order. */
  partners: { id: string; name: string; kind: PartnerKind; city: string }[];
  bridges: { clusterId: string; name: string }[];
}

export function adviceHeadline(advice: Advice): AdviceHeadline {
  return {
    pattern: advice.placement.recommended,
    executivePlace: advice.placement.executiveRecommendation.name,
    technicalPlace: advice.placement.technical.recommendation.name,
    firstBridge: advice.bridges.bridges[0]?.name ?? null,
    topCorporate: advice.partners.corporates[0]?.name ?? null,
    topUniversity: advice.partners.universities[0]?.name ?? null,
    partners: PARTNER_KINDS.flatMap((kind) => advice.partners[kind].map((p) => ({ id: p.id, name: p.name, kind, city: p.city }))),
    bridges: advice.bridges.bridges.map((b) => ({ clusterId: b.clusterId, name: b.name })),
  };
}
