// A small i18n layer: English first, Dutch second. Missing Dutch strings fall back to English.
const en = {
  'app.tagline': 'Where to place each function, whom to approach, which bridges to build',
  'nav.founder': 'Founder', 'nav.accelerator': 'Accelerator', 'nav.corporate': 'Corporate', 'nav.explore': 'Knowledge base', 'nav.signout': 'Sign out',
  'lang.switch': 'Nederlands',
  'signin.title': 'Sign in', 'signin.key': 'API key', 'signin.submit': 'Sign in', 'signin.hint': 'Use the key printed by `foothold start` or `foothold keys create`.', 'signin.bad': 'That key is not valid.',
  'founder.title': 'Describe your startup', 'founder.name': 'Name', 'founder.description': 'What do you build?', 'founder.suggested': 'Suggested tags',
  'founder.stage': 'Stage', 'founder.tech': 'Where is the technical team?', 'founder.founders': 'Where are the founders?', 'founder.city': 'City', 'founder.country': 'Country (ISO code)',
  'founder.markets': 'Target markets', 'founder.markets.hint': 'Countries (US, DE), regions (EU, Asia) or global, separated by commas',
  'founder.needs': 'What do you need most?', 'need.capital': 'Capital', 'need.customers': 'Customers and pilots', 'need.talent': 'Talent', 'need.research': 'Research partners', 'need.manufacturing': 'Manufacturing', 'need.marketAccess': 'Market access and regulation',
  'founder.mode': 'We innovate', 'mode.partners': 'mostly with partners', 'mode.alone': 'mostly alone',
  'founder.constraints': 'Constraints', 'founder.stayInEU': 'Stay in the EU', 'founder.maxTz': 'Maximum time-zone difference (hours)', 'founder.cost': 'Cost sensitivity', 'cost.low': 'low', 'cost.medium': 'medium', 'cost.high': 'high',
  'founder.discoverable': 'Let corporates find us (anonymised until we accept)', 'founder.submit': 'Get advice', 'founder.working': 'Working on your advice…', 'founder.mine': 'Your startups',
  'advice.title': 'Advice for', 'advice.recommended': 'Recommended', 'advice.configurations': 'Configurations compared', 'advice.overlap': 'shared office hours', 'advice.km': 'km apart',
  'advice.exec': 'Executive, finance, marketing and sales', 'advice.tech': 'Technical team', 'advice.weights': 'Weights (drag to re-rank)', 'advice.partners': 'Partners to approach', 'advice.bridges': 'Bridges',
  'advice.confidence': 'Confidence', 'advice.vintage': 'Knowledge base of', 'advice.print': 'Print', 'advice.json': 'Download JSON', 'advice.map': 'Map of the recommended places',
  'kind.corporates': 'Corporates', 'kind.universities': 'Universities', 'kind.researchCenters': 'Research centres', 'kind.foreignPartners': 'Foreign partners', 'kind.programs': 'Programmes',
  'pattern.split': 'Split', 'pattern.stay': 'Stay', 'pattern.move-all': 'Move all',
  'acc.title': 'Score a cohort', 'acc.name': 'Cohort name', 'acc.file': 'CSV file of startups', 'acc.drop': 'or drop a CSV file here', 'acc.template': 'Download a template', 'acc.upload': 'Upload and score',
  'acc.rejected': 'Rows not accepted', 'acc.progress': 'Progress', 'acc.results': 'Results', 'acc.summary': 'What the cohort shares', 'acc.export': 'Export CSV', 'acc.filter': 'Filter',
  'corp.title': 'Find startups', 'corp.text': 'What are you looking for?', 'corp.tags': 'Tags (comma separated)', 'corp.countries': 'Countries (comma separated)', 'corp.search': 'Search',
  'corp.intro': 'Request an introduction', 'corp.requested': 'Introduction requested', 'corp.intros': 'Introductions', 'corp.message': 'Message',
  'intro.accept': 'Accept', 'intro.decline': 'Decline',
  'explore.title': 'Knowledge base', 'explore.clusters': 'Clusters', 'explore.tag': 'Strong in tag',
  'state.loading': 'Loading…', 'state.empty': 'Nothing here yet.', 'state.error': 'Something went wrong', 'state.unavailable': 'Foothold cannot reach its job queue or database right now. Your data is safe: reload the page in a minute.',
} as const;
export type Key = keyof typeof en;
const nl: Partial<Record<Key, string>> = {
  'app.tagline': 'Waar je elke functie plaatst, wie je benadert, welke bruggen je bouwt',
  'nav.founder': 'Oprichter', 'nav.accelerator': 'Accelerator', 'nav.corporate': 'Bedrijf', 'nav.explore': 'Kennisbank', 'nav.signout': 'Afmelden',
  'lang.switch': 'English',
  'signin.title': 'Aanmelden', 'signin.key': 'API-sleutel', 'signin.submit': 'Aanmelden', 'signin.hint': 'Gebruik de sleutel van `foothold start` of `foothold keys create`.', 'signin.bad': 'Die sleutel is niet geldig.',
  'founder.title': 'Beschrijf je startup', 'founder.name': 'Naam', 'founder.description': 'Wat bouw je?', 'founder.suggested': 'Voorgestelde tags',
  'founder.stage': 'Fase', 'founder.tech': 'Waar zit het technische team?', 'founder.founders': 'Waar zitten de oprichters?', 'founder.city': 'Stad', 'founder.country': 'Land (ISO-code)',
  'founder.markets': 'Doelmarkten', 'founder.markets.hint': 'Landen (US, DE), regio’s (EU, Asia) of global, gescheiden door komma’s',
  'founder.needs': 'Wat heb je het meest nodig?', 'need.capital': 'Kapitaal', 'need.customers': 'Klanten en pilots', 'need.talent': 'Talent', 'need.research': 'Onderzoekspartners', 'need.manufacturing': 'Productie', 'need.marketAccess': 'Markttoegang en regelgeving',
  'founder.mode': 'We innoveren', 'mode.partners': 'vooral met partners', 'mode.alone': 'vooral alleen',
  'founder.constraints': 'Voorwaarden', 'founder.stayInEU': 'Binnen de EU blijven', 'founder.maxTz': 'Maximaal tijdsverschil (uren)', 'founder.cost': 'Kostengevoeligheid', 'cost.low': 'laag', 'cost.medium': 'gemiddeld', 'cost.high': 'hoog',
  'founder.discoverable': 'Laat bedrijven ons vinden (anoniem tot we accepteren)', 'founder.submit': 'Advies vragen', 'founder.working': 'We werken aan je advies…', 'founder.mine': 'Je startups',
  'advice.title': 'Advies voor', 'advice.recommended': 'Aanbevolen', 'advice.configurations': 'Configuraties vergeleken', 'advice.overlap': 'gedeelde kantooruren', 'advice.km': 'km uit elkaar',
  'advice.exec': 'Directie, financiën, marketing en verkoop', 'advice.tech': 'Technisch team', 'advice.weights': 'Gewichten (schuif om te herschikken)', 'advice.partners': 'Partners om te benaderen', 'advice.bridges': 'Bruggen',
  'advice.confidence': 'Betrouwbaarheid', 'advice.vintage': 'Kennisbank van', 'advice.print': 'Afdrukken', 'advice.json': 'JSON downloaden', 'advice.map': 'Kaart van de aanbevolen plaatsen',
  'kind.corporates': 'Bedrijven', 'kind.universities': 'Universiteiten', 'kind.researchCenters': 'Onderzoekscentra', 'kind.foreignPartners': 'Buitenlandse partners', 'kind.programs': 'Programma’s',
  'pattern.split': 'Splitsen', 'pattern.stay': 'Blijven', 'pattern.move-all': 'Alles verhuizen',
  'acc.title': 'Een cohort beoordelen', 'acc.name': 'Naam van het cohort', 'acc.file': 'CSV-bestand met startups', 'acc.drop': 'of sleep hier een CSV-bestand', 'acc.template': 'Sjabloon downloaden', 'acc.upload': 'Uploaden en beoordelen',
  'acc.rejected': 'Niet aanvaarde rijen', 'acc.progress': 'Voortgang', 'acc.results': 'Resultaten', 'acc.summary': 'Wat het cohort deelt', 'acc.export': 'CSV exporteren', 'acc.filter': 'Filteren',
  'corp.title': 'Startups zoeken', 'corp.text': 'Wat zoek je?', 'corp.tags': 'Tags (komma’s)', 'corp.countries': 'Landen (komma’s)', 'corp.search': 'Zoeken',
  'corp.intro': 'Introductie vragen', 'corp.requested': 'Introductie gevraagd', 'corp.intros': 'Introducties', 'corp.message': 'Bericht',
  'intro.accept': 'Aanvaarden', 'intro.decline': 'Afwijzen',
  'explore.title': 'Kennisbank', 'explore.clusters': 'Clusters', 'explore.tag': 'Sterk in tag',
  'state.loading': 'Laden…', 'state.empty': 'Hier is nog niets.', 'state.error': 'Er ging iets mis', 'state.unavailable': 'Foothold kan zijn wachtrij of database nu niet bereiken. Je gegevens zijn veilig: laad de pagina over een minuut opnieuw.',
};

export const i18n = $state({ locale: (typeof localStorage !== 'undefined' && localStorage.getItem('foothold.locale')) || 'en' });

export function t(key: Key): string {
  return (i18n.locale === 'nl' ? nl[key] : undefined) ?? en[key];
}

export function toggleLocale(): void {
  i18n.locale = i18n.locale === 'en' ? 'nl' : 'en';
  localStorage.setItem('foothold.locale', i18n.locale);
  document.documentElement.lang = i18n.locale;
}
