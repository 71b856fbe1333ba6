// Tokenisation for the sentence encoder: lower-case words and numbers; hyphenated words give their parts
// too ("deep-tech" -> deep, tech); known acronyms give their expansion as well ("EV" -> ev, electric,
// vehicle), so short forms and spelled-out forms land close.

/** Acronyms founders and the knowledge base use, with their spelled-out words. */
export const ACRONYMS: Readonly<Record<string, readonly string[]>> = {
  ai: ['artificial', 'intelligence'],
  ml: ['machine', 'learning'],
  llm: ['language', 'model'],
  nlp: ['language', 'processing'],
  ev: ['electric', 'vehicle'],
  evs: ['electric', 'vehicles'],
  bms: ['battery', 'management', 'system'],
  saas: ['software', 'service'],
  b2b: ['business', 'enterprise'],
  b2c: ['consumer'],
  iot: ['internet', 'things', 'sensors'],
  ar: ['augmented', 'reality'],
  vr: ['virtual', 'reality'],
  pv: ['solar', 'photovoltaic'],
  hr: ['human', 'resources'],
  ip: ['intellectual', 'property'],
  rd: ['research', 'development'],
  cvc: ['corporate', 'venture', 'capital'],
  vc: ['venture', 'capital'],
  ux: ['user', 'experience'],
  ci: ['continuous', 'integration'],
  api: ['software', 'interface'],
  ict: ['information', 'technology'],
  mri: ['magnetic', 'resonance', 'imaging'],
  ehr: ['electronic', 'health', 'records'],
  rna: ['genetic', 'molecule'],
  dna: ['genetic', 'sequencing'],
  crispr: ['gene', 'editing'],
  gpu: ['graphics', 'processor', 'chip'],
  cpu: ['processor', 'chip'],
  asic: ['chip', 'semiconductor'],
  fpga: ['chip', 'programmable'],
  lidar: ['laser', 'sensor'],
  uav: ['drone', 'unmanned', 'aircraft'],
  kyc: ['identity', 'verification', 'banking'],
  aml: ['money', 'laundering', 'compliance'],
  defi: ['decentralized', 'finance', 'blockchain'],
  nft: ['token', 'blockchain'],
  co2: ['carbon', 'emissions'],
  esg: ['sustainability', 'environmental'],
  hvac: ['heating', 'ventilation', 'cooling'],
  erp: ['enterprise', 'software'],
  crm: ['customer', 'sales', 'software'],
  edtech: ['education', 'technology'],
  fintech: ['financial', 'technology'],
  medtech: ['medical', 'technology'],
  agtech: ['agriculture', 'technology'],
  agritech: ['agriculture', 'technology'],
  proptech: ['property', 'real', 'estate', 'technology'],
  insurtech: ['insurance', 'technology'],
  regtech: ['regulation', 'compliance', 'technology'],
  legaltech: ['legal', 'technology'],
  govtech: ['government', 'technology'],
  cleantech: ['clean', 'energy', 'technology'],
  climatetech: ['climate', 'technology'],
  foodtech: ['food', 'technology'],
  healthtech: ['health', 'technology'],
  biotech: ['biotechnology'],
  deeptech: ['deep', 'technology', 'research'],
  adtech: ['advertising', 'technology'],
  martech: ['marketing', 'technology'],
  cyber: ['cybersecurity', 'security'],
  quantum: ['quantum', 'computing'],
  '3d': ['three', 'dimensional'],
  '5g': ['mobile', 'network', 'telecom'],
};

/** Longest text the encoder reads; the rest is ignored (documented in the model card). */
export const MAX_TOKENS = 512;

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.normalize('NFKC').matchAll(WORD)) {
    const raw = match[0];
    const lower = raw.toLowerCase().replace(/[’']/g, '');
    const parts = lower.split('-');
    if (parts.length > 1) out.push(parts.join(''), ...parts);
    else out.push(lower);
    for (const p of parts) {
      const expansion = Object.hasOwn(ACRONYMS, p) ? ACRONYMS[p] : undefined;
      if (expansion) out.push(...expansion);
    }
    if (out.length >= MAX_TOKENS) break;
  }
  return out.slice(0, MAX_TOKENS);
}
