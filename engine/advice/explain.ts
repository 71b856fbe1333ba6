// One plain sentence per advice item, built from its largest contributions and what is missing. No
// language model: the sentence can only say what the numbers say.
import type { Contribution, Scored } from './scoring.ts';

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function topReasons(contributions: Contribution[], n = 2): Contribution[] {
  return [...contributions]
    .filter((c) => c.contribution > 0 && !c.missing)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, n);
}

export function missingNote(scored: Scored): string {
  const missing = scored.contributions.filter((c) => c.missing && c.weight > 0);
  if (missing.length === 0) return '';
  return ` No figure for ${missing.map((c) => c.label).join(', ')}: assumed low, confidence ${pct(scored.confidence)}.`;
}

/** "<subject>: mostly <reason> (<note>) and <reason> (<note>)." plus what is missing. */
export function explain(subject: string, scored: Scored): string {
  const reasons = topReasons(scored.contributions);
  const body = reasons.length
    ? `mostly ${reasons.map((r) => `${r.label} (${r.note})`).join(' and ')}`
    : 'no factor stands out';
  return `${subject}: ${body}.${missingNote(scored)}`;
}
