// Checks of a profile that need more than its schema: known tags, something to go on, constraints that
// leave a possibility. Every problem is collected, so one error lists them all.
import { DomainError, type ErrorDetail } from '../errors.ts';
import type { StartupProfile } from './profile.ts';
import { inEU, inRegion } from './regions.ts';

export type ProfileProblem = ErrorDetail;

export class ProfileProblems extends DomainError {
  constructor(readonly problems: ProfileProblem[]) {
    super('invalid', 'invalid_profile', `The profile is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, problems);
    this.name = 'ProfileProblems';
  }
}

export function checkProfile(profile: StartupProfile, knownTags: ReadonlySet<string>): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  (profile.tags ?? []).forEach((t, i) => {
    if (!knownTags.has(t)) problems.push({ path: `tags.${i}`, message: `unknown tag "${t}"` });
  });
  if (profile.description.trim() === '' && (profile.tags ?? []).length === 0)
    problems.push({ path: 'description', message: 'give a description or at least one tag: there is nothing to match on' });
  for (const group of ['executive', 'technical'] as const) {
    const given = Object.values(profile.weights?.[group] ?? {});
    if (given.length > 0 && !given.some((w) => w! > 0))
      problems.push({ path: `weights.${group}`, message: 'at least one weight must be above 0: only their ratios matter' });
  }
  const k = profile.constraints;
  if (k.allowedCountries?.length === 0) problems.push({ path: 'constraints.allowedCountries', message: 'an empty list allows nowhere; leave it out to allow every country' });
  if (k.allowedRegions?.length === 0) problems.push({ path: 'constraints.allowedRegions', message: 'an empty list allows nowhere; leave it out to allow every region' });
  if (k.stayInEU && k.allowedCountries?.length && !k.allowedCountries.some(inEU))
    problems.push({ path: 'constraints', message: `stayInEU contradicts allowedCountries (${k.allowedCountries.join(', ')}): none is in the EU` });
  if (k.allowedCountries?.length && k.allowedRegions?.length && !k.allowedCountries.some((c) => k.allowedRegions!.some((r) => inRegion(c, r))))
    problems.push({ path: 'constraints', message: 'no allowed country lies in an allowed region' });
  return problems;
}
