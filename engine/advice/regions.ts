// Regions a founder can name as a target market or a constraint, as ISO country lists. The EU list is
// the 27 member states (2020 onwards); the others are broad continental groupings.
export const REGIONS = {
  EU: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  Europe: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB', 'CH', 'NO', 'IS', 'UA', 'RS', 'TR'],
  'North America': ['US', 'CA'],
  'Latin America': ['MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'CR', 'EC'],
  Asia: ['CN', 'HK', 'TW', 'JP', 'KR', 'SG', 'IN', 'MY', 'ID', 'TH', 'VN', 'PH', 'PK', 'BD'],
  'Middle East': ['IL', 'AE', 'SA', 'QA', 'IR', 'EG', 'JO', 'TR'],
  Africa: ['NG', 'KE', 'ZA', 'EG', 'GH', 'RW', 'MA', 'ET'],
  Oceania: ['AU', 'NZ'],
} as const satisfies Record<string, readonly string[]>;

export type Region = keyof typeof REGIONS;
export const REGION_NAMES = Object.keys(REGIONS) as Region[];

export const inRegion = (country: string, region: Region) => (REGIONS[region] as readonly string[]).includes(country);
export const inEU = (country: string) => inRegion(country, 'EU');
