// Fields (taxonomy tags) for records from open data sets, which do not name fields the way our taxonomy
// does: the Research Organization Registry gives a name and a type; Y Combinator's directory gives its own
// tags and industries. Directory tags are the source's own statement, mapped one to one; a field read from
// an organisation's name is an inference, with a probability (how reliably the word names the field), and
// weighs less than a field a source states.

/** A field inferred from a name, with how sure the inference is. */
export interface InferredTag {
  tag: string;
  probability: number;
}

/**
 * Word stems in organisation names (English, and the other languages common in the registry: Spanish,
 * Portuguese, French, Italian, German, Dutch) and the fields they indicate. A stem matches at the start of
 * a word; one that ends in a space matches only the whole word ("art " is not "artificial"). The probabilities are judgements of how often the word means the field (e.g. "pharmac" almost
 * always does; "medic" spreads over four fields), not measurements.
 */
const NAME_STEMS: [string[], [string, number][]][] = [
  [['agricult', 'agron', 'agrar', 'agrí', 'agri', 'landbouw', 'horticult', 'farm ', 'farming', 'crop', 'soil', 'seed ', 'seeds ', 'livestock', 'veterin', 'forest', 'florest', 'fisher', 'pesca', 'aquacult', 'dairy'], [['agrifood', 0.8]]],
  [['food', 'aliment', 'nutri', 'lebensmittel', 'voeding'], [['foodtech', 0.7], ['agrifood', 0.4]]],
  [['pharmac', 'farmac', 'pharma', 'drug'], [['pharma', 0.85]]],
  [['biotech', 'biotec', 'genom', 'genetic', 'genét', 'molecul', 'biolog', 'microbio', 'biomed', 'vaccin', 'immun'], [['biotech', 0.75]]],
  [['cancer', 'oncolog', 'tumor', 'tumour'], [['biotech', 0.6], ['pharma', 0.5]]],
  [['medic', 'médic', 'medizin', 'geneeskund', 'health', 'salud', 'saúde', 'santé', 'gesundheit', 'nurs', 'enferm', 'clinic', 'clínic', 'hospital'], [['medtech', 0.45], ['pharma', 0.35], ['digital-health', 0.35]]],
  [['dental', 'dent', 'odonto', 'ophthalm', 'cardio', 'neuro', 'orthop', 'radiol', 'imaging', 'surg', 'cirug'], [['medtech', 0.65]]],
  [['semicond', 'microelectr', 'nanoelectr', 'chip'], [['semiconductors', 0.85]]],
  [['photon', 'optic', 'óptic', 'optik', 'laser', 'láser'], [['photonics', 0.85]]],
  [['quantum', 'quantique', 'cuántic'], [['quantum', 0.8]]],
  [['electron', 'electr', 'elektr', 'électr', 'eletr'], [['electronics-hardware', 0.55], ['energy-renewables', 0.2]]],
  [['robot', 'mechatron', 'automat'], [['robotics-automation', 0.8]]],
  [['telecom', 'communicat', 'comunica', 'wireless', 'radio'], [['iot-telecom', 0.6]]],
  [['aerospace', 'aeronaut', 'aéro', 'aero', 'aviation', 'aviac', 'luftfahrt', 'space', 'espac', 'spatial', 'raumfahrt', 'satellit', 'astronaut', 'astrophys', 'astronom'], [['space-aerospace', 0.8]]],
  [['automo', 'automot', 'vehic', 'mobil', 'transport', 'railway', 'ferrov', 'traffic'], [['mobility-automotive', 0.65]]],
  [['logist', 'maritim', 'marít', 'marine', 'naval', 'shipping', 'port ', 'ports ', 'ocean', 'océan', 'oceano', 'sea '], [['logistics-maritime', 0.5]]],
  [['solar', 'wind ', 'wind energy', 'renewab', 'renovab', 'renouvel', 'photovolt', 'geotherm', 'energ', 'power'], [['energy-renewables', 0.7]]],
  [['nuclear', 'nucléaire', 'fusion', 'atomic'], [['energy-renewables', 0.5]]],
  [['batter', 'storage', 'electrochem'], [['energy-storage', 0.75]]],
  [['hydrogen', 'hidróg', 'wasserstoff', 'waterstof', 'fuel cell'], [['hydrogen', 0.85]]],
  [['climat', 'clima', 'environment', 'ambient', 'umwelt', 'milieu', 'ecolog', 'sustainab', 'sostenib', 'recycl', 'circular'], [['climate-circular', 0.7]]],
  [['chemi', 'químic', 'chimi', 'chimic', 'chemie', 'material', 'polymer', 'plastic', 'ceramic', 'metallurg', 'textil', 'nanotech', 'nanomat'], [['chemicals-materials', 0.75]]],
  [['water', 'agua', 'água', 'hydraul', 'hydrolog', 'hídric', 'wasser'], [['water', 0.75]]],
  [['artificial intelligence', 'intelligence artificielle', 'inteligencia artificial', 'machine learning'], [['ai-ml', 0.9]]],
  [['informat', 'comput', 'software', 'data', 'digital', 'cyber'], [['ai-ml', 0.35], ['data-analytics', 0.35], ['enterprise-software', 0.3]]],
  [['security', 'cyber'], [['cybersecurity', 0.6]]],
  [['defen', 'défense', 'militar', 'army', 'navy', 'air force', 'armed forces'], [['defense-security', 0.8]]],
  [['manufactur', 'industri', 'produc', 'machin', 'mechanic', 'mecánic', 'mecânic', 'fraunhofer'], [['advanced-manufacturing', 0.55]]],
  [['polytechn', 'politécn', 'politecn', 'technolog', 'tecnológ', 'tecnolog', 'technic', 'técnic', 'technisch', 'engineering', 'ingenier', 'engenharia'], [['advanced-manufacturing', 0.3], ['electronics-hardware', 0.3]]],
  [['construct', 'building', 'civil engineering', 'architect', 'arquitect', 'urban', 'bouw', 'bau'], [['proptech-construction', 0.6]]],
  [['smart cit', 'urban planning'], [['smart-cities', 0.8]]],
  [['bank', 'banc', 'financ', 'finanz', 'econom', 'business', 'commerce', 'management'], [['fintech', 0.3]]],
  [['insur', 'seguro', 'assur', 'versicher'], [['insurtech', 0.8]]],
  [['law ', 'laws ', 'legal', 'jurid', 'juríd', 'derecho', 'direito', 'droit', 'recht', 'public administr', 'government'], [['legal-govtech', 0.55]]],
  [['educat', 'educac', 'pedagog', 'teacher', 'normal school', 'didact'], [['edtech', 0.45]]],
  [['tourism', 'turism', 'touris', 'hotel', 'hospitality', 'gastronom'], [['travel-hospitality', 0.75]]],
  [['design', 'diseño', 'fashion', 'moda', 'art ', 'arts ', 'music', 'músic', 'film', 'cinema', 'fine arts', 'beaux-arts'], [['creative-design', 0.55]]],
  [['media', 'journalis', 'game', 'broadcast'], [['media-gaming', 0.55]]],
];

/** Lower case, accents dropped ("Farmácia" meets "farmac"), words separated by single spaces, padded. */
const normalise = (s: string) => ` ${s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

/**
 * Fields a name suggests, each with the highest probability any matching stem gives it. An organisation
 * with several names (aliases, acronyms) is read on all of them.
 */
export function inferTagsFromNames(names: string[], knownTags: ReadonlySet<string>): InferredTag[] {
  const text = names.map(normalise).join(' ');
  const best = new Map<string, number>();
  for (const [stems, tags] of NAME_STEMS)
    if (stems.some((stem) => text.includes(` ${normalise(stem).trim()}${stem.endsWith(' ') ? ' ' : ''}`)))
      for (const [tag, p] of tags) if (knownTags.has(tag) && p > (best.get(tag) ?? 0)) best.set(tag, p);
  return [...best].map(([tag, probability]) => ({ tag, probability })).sort((a, b) => b.probability - a.probability || a.tag.localeCompare(b.tag));
}

/**
 * Y Combinator's directory tags and industries, as our fields. Generic labels (b2b, saas, consumer,
 * marketplace) say how a company sells, not its field, and map to nothing unless the taxonomy has them.
 */
const DIRECTORY_FIELDS: Record<string, string[]> = {
  'artificial-intelligence': ['ai-ml'], ai: ['ai-ml'], 'machine-learning': ['ai-ml'], 'generative-ai': ['ai-ml'], 'ai-assistant': ['ai-ml'], 'computer-vision': ['ai-ml'], nlp: ['ai-ml'], 'deep-learning': ['ai-ml'],
  analytics: ['data-analytics'], 'data-engineering': ['data-analytics'], 'big-data': ['data-analytics'], 'data-science': ['data-analytics'], 'business-intelligence': ['data-analytics'], Analytics: ['data-analytics'],
  security: ['cybersecurity'], cybersecurity: ['cybersecurity'], 'fraud-detection': ['cybersecurity'], Security: ['cybersecurity'],
  infrastructure: ['cloud-infrastructure'], 'cloud-computing': ['cloud-infrastructure'], devops: ['cloud-infrastructure'], Infrastructure: ['cloud-infrastructure'],
  saas: ['enterprise-software'], enterprise: ['enterprise-software'], 'enterprise-software': ['enterprise-software'], productivity: ['enterprise-software'], 'workflow-automation': ['enterprise-software'], Productivity: ['enterprise-software'], Operations: ['enterprise-software'], 'Office Management': ['enterprise-software'],
  'developer-tools': ['developer-tools'], api: ['developer-tools'], 'open-source': ['developer-tools'], 'Engineering, Product and Design': ['developer-tools'],
  fintech: ['fintech'], payments: ['fintech'], banking: ['fintech'], 'consumer-finance': ['fintech'], lending: ['fintech'], Fintech: ['fintech'], Payments: ['fintech'], 'Banking and Exchange': ['fintech'], 'Credit and Lending': ['fintech'], 'Consumer Finance': ['fintech'], 'Asset Management': ['fintech'], 'Finance and Accounting': ['fintech'],
  insurance: ['insurtech'], insurtech: ['insurtech'], Insurance: ['insurtech'],
  proptech: ['proptech-construction'], 'real-estate': ['proptech-construction'], construction: ['proptech-construction'], 'Real Estate and Construction': ['proptech-construction'], 'Housing and Real Estate': ['proptech-construction'], Construction: ['proptech-construction'],
  'e-commerce': ['ecommerce-retail'], retail: ['ecommerce-retail'], Retail: ['ecommerce-retail'], 'Apparel and Cosmetics': ['ecommerce-retail'],
  marketing: ['marketing-adtech'], advertising: ['marketing-adtech'], sales: ['marketing-adtech'], Marketing: ['marketing-adtech'], Sales: ['marketing-adtech'],
  gaming: ['media-gaming'], video: ['media-gaming'], music: ['media-gaming'], 'creator-economy': ['media-gaming'], Gaming: ['media-gaming'], Content: ['media-gaming'],
  education: ['edtech'], edtech: ['edtech'], Education: ['edtech'],
  'hr-tech': ['hr-future-of-work'], recruiting: ['hr-future-of-work'], 'remote-work': ['hr-future-of-work'], 'Human Resources': ['hr-future-of-work'], 'Recruiting and Talent': ['hr-future-of-work'], 'Job and Career Services': ['hr-future-of-work'],
  legal: ['legal-govtech'], 'legal-tech': ['legal-govtech'], govtech: ['legal-govtech'], compliance: ['legal-govtech'], Legal: ['legal-govtech'], Government: ['legal-govtech'],
  semiconductors: ['semiconductors'], 'hard-tech': ['electronics-hardware'], hardware: ['electronics-hardware'], 'consumer-electronics': ['electronics-hardware'], 'Consumer Electronics': ['electronics-hardware'],
  quantum: ['quantum'], 'quantum-computing': ['quantum'],
  robotics: ['robotics-automation'], drones: ['space-aerospace'], 'Manufacturing and Robotics': ['robotics-automation', 'advanced-manufacturing'], Drones: ['space-aerospace'],
  iot: ['iot-telecom'], telecommunications: ['iot-telecom'], 'telecom': ['iot-telecom'],
  'space-exploration': ['space-aerospace'], aerospace: ['space-aerospace'], 'Aviation and Space': ['space-aerospace'],
  'autonomous-vehicles': ['mobility-automotive'], 'electric-vehicles': ['mobility-automotive'], automotive: ['mobility-automotive'], transportation: ['mobility-automotive'], Automotive: ['mobility-automotive'], 'Transportation Services': ['mobility-automotive'],
  logistics: ['logistics-maritime'], 'supply-chain': ['logistics-maritime'], 'Supply Chain and Logistics': ['logistics-maritime'],
  energy: ['energy-renewables'], 'solar-power': ['energy-renewables'], Energy: ['energy-renewables'], 'renewable-energy': ['energy-renewables'],
  batteries: ['energy-storage'], 'energy-storage': ['energy-storage'],
  hydrogen: ['hydrogen'],
  climate: ['climate-circular'], 'carbon-capture': ['climate-circular'], sustainability: ['climate-circular'], recycling: ['climate-circular'], Climate: ['climate-circular'],
  'advanced-materials': ['chemicals-materials'], chemistry: ['chemicals-materials'], 'Industrial Bio': ['biotech', 'chemicals-materials'],
  water: ['water'],
  agriculture: ['agrifood'], agtech: ['agrifood'], Agriculture: ['agrifood'],
  'food-tech': ['foodtech'], 'food-and-beverage': ['foodtech'], 'Food and Beverage': ['foodtech'],
  biotech: ['biotech'], 'synthetic-biology': ['biotech'], genomics: ['biotech'], 'gene-therapy': ['biotech'], bioinformatics: ['biotech'],
  'drug-discovery': ['pharma'], therapeutics: ['pharma'], Therapeutics: ['pharma'], 'Drug Discovery and Delivery': ['pharma'],
  'medical-devices': ['medtech'], diagnostics: ['medtech'], 'Medical Devices': ['medtech'], Diagnostics: ['medtech'],
  'health-tech': ['digital-health'], 'digital-health': ['digital-health'], healthcare: ['digital-health'], telemedicine: ['digital-health'], 'consumer-health-services': ['digital-health'], 'Healthcare IT': ['digital-health'], 'Healthcare Services': ['digital-health'], 'Consumer Health and Wellness': ['digital-health'],
  manufacturing: ['advanced-manufacturing'], '3d-printing': ['advanced-manufacturing'], Industrials: ['advanced-manufacturing'],
  'smart-cities': ['smart-cities'],
  defense: ['defense-security'], 'defense-tech': ['defense-security'],
  'crypto-web3': ['blockchain-web3'], blockchain: ['blockchain-web3'], 'web3': ['blockchain-web3'],
  travel: ['travel-hospitality'], 'Travel, Leisure and Tourism': ['travel-hospitality'],
  design: ['creative-design'], fashion: ['creative-design'],
};

/** A directory's labels as our fields: each label's fields, in the order first met, none twice. */
export function fieldsFromDirectory(labels: string[], knownTags: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const label of labels) for (const tag of DIRECTORY_FIELDS[label] ?? []) if (knownTags.has(tag) && !out.includes(tag)) out.push(tag);
  return out;
}
