// Checks of a profile that need more than its schema: known tags, something to go on, constraints that
// leave a possibility. Every problem is collected, so one error lists them all.
import type { StartupProfile } from './profile.ts';
import { inEU, inRegion } from './regions.ts';

export interface ProfileProblem {
  path: string;
  message: string;
}

export class ProfileProblems extends Error {
  constructor(readonly problems: ProfileProblem[]) {
    super(`The profile has ${problems.length} problem(s):\n${problems.map((p) => `  ${p.path || '(profile)'}: ${p.message}`).join('\n')}`);
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
  const k = profile.constraints;
  if (k.allowedCountries?.length === 0) problems.push({ path: 'constraints.allowedCountries', message: 'an empty list allows nowhere; leave it out to allow every country' });
  if (k.allowedRegions?.length === 0) problems.push({ path: 'constraints.allowedRegions', message: 'an empty list allows nowhere; leave it out to allow every region' });
  if (k.stayInEU && k.allowedCountries?.length && !k.allowedCountries.some(inEU))
    problems.push({ path: 'constraints', message: `stayInEU contradicts allowedCountries (${k.allowedCountries.join(', ')}): none is in the EU` });
  if (k.allowedCountries?.length && k.allowedRegions?.length && !k.allowedCountries.some((c) => k.allowedRegions!.some((r) => inRegion(c, r))))
    problems.push({ path: 'constraints', message: 'no allowed country lies in an allowed region' });
  return problems;
}
