// The startup profile a founder (or an accelerator's upload) describes: versioned, validated by zod.
import { z } from 'zod';
import { text } from '../text.ts';
import { REGION_NAMES, type Region } from './regions.ts';

/** The version of the profile's format (its `version` field), not how often a startup's profile was edited (`profileVersion`). */
export const PROFILE_SCHEMA_VERSION = 1;
export const STARTUP_STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+'] as const;
export type StartupStage = (typeof STARTUP_STAGES)[number];
export const NEEDS = ['capital', 'customers', 'talent', 'research', 'manufacturing', 'marketAccess'] as const;
export type Need = (typeof NEEDS)[number];

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code, e.g. BE')
  .transform((s) => s.toUpperCase());
const regionName = z.enum(REGION_NAMES as [Region, ...Region[]]);

export const LocationSchema = z
  .object({
    city: text().trim().min(1).max(120).nullable().default(null).describe('city; when unknown, the country’s largest city is assumed'),
    country: countryCode,
  })
  .strict();
export type Location = z.infer<typeof LocationSchema>;

/** A weight relative to the others in its group (only ratios matter); 100 is plenty of range. */
const weight = z.number().min(0).max(100);

export const ExecutiveWeightsSchema = z
  .object({
    capital: weight,
    targetMarket: weight,
    corporates: weight,
    fields: weight,
    similarity: weight,
    connectedness: weight,
    landing: weight,
    continuity: weight,
  })
  .strict();
export type ExecutiveWeights = z.infer<typeof ExecutiveWeightsSchema>;

export const TechnicalWeightsSchema = z
  .object({
    talent: weight,
    research: weight,
    cost: weight,
    continuity: weight,
  })
  .strict();
export type TechnicalWeights = z.infer<typeof TechnicalWeightsSchema>;

export const StartupProfileSchema = z
  .object({
    version: z.literal(PROFILE_SCHEMA_VERSION).default(PROFILE_SCHEMA_VERSION).describe('the format of this profile (1); the edit counter is the startup’s profileVersion'),
    name: text().trim().min(1).max(120),
    description: text().max(5000).default('').describe('what the startup builds, in plain words'),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(8).optional().describe('taxonomy tags; inferred from the description when absent'),
    stage: z.enum(STARTUP_STAGES).nullable().default(null),
    techTeam: LocationSchema.describe('where the technical team is now'),
    founders: LocationSchema.optional().describe('where the founders and executives are now; defaults to the technical team'),
    targetMarkets: z.array(z.union([z.literal('global'), regionName, countryCode])).min(1).max(20).default(['global']),
    needs: z
      .object(Object.fromEntries(NEEDS.map((n) => [n, z.number().min(0).max(1).optional()])) as Record<Need, z.ZodOptional<z.ZodNumber>>)
      .strict()
      .default({}),
    innovationMode: z.enum(['alone', 'partners']).default('partners').describe('TNO: mostly alone, or with partners'),
    constraints: z
      .object({
        allowedCountries: z.array(countryCode).optional(),
        allowedRegions: z.array(regionName).optional(),
        maxTimezoneDifferenceHours: z.number().min(0).max(14).optional(),
        stayInEU: z.boolean().default(false),
        costSensitivity: z.enum(['low', 'medium', 'high']).default('medium'),
      })
      .strict()
      .default({ stayInEU: false, costSensitivity: 'medium' }),
    discoverable: z.boolean().default(false),
    weights: z
      .object({ executive: ExecutiveWeightsSchema.partial().optional(), technical: TechnicalWeightsSchema.partial().optional() })
      .strict()
      .optional()
      .describe('override the weight vectors (fDi Benchmark style)'),
  })
  .strict();
export type StartupProfile = z.infer<typeof StartupProfileSchema>;
export type StartupProfileInput = z.input<typeof StartupProfileSchema>;
