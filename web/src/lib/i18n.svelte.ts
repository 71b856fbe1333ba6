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
  'explore.title': 'Knowledge base', 'explore.tag': 'Strong in tag',
  'explore.intro': 'Every ecosystem the knowledge base holds: clusters curated by hand and ecosystems found in open data. A circle grows with the ecosystem’s size, or with its strength in the tag you choose.',
  'explore.tag.hint': 'A taxonomy tag, e.g. semiconductors or fintech', 'explore.unknownTag': 'The taxonomy has no tag by that name.',
  'explore.map': 'Map of the ecosystems', 'explore.sizeBySize': 'Circle size: organisations and startups', 'explore.sizeByTag': 'Circle size: strength in {tag} (faded: not present)',
  'explore.totals': '{ecosystems} ecosystems ({curated} curated, {derived} found in open data) in {countries} countries · {organizations} organisations · {ventures} startups',
  'explore.largest': 'Largest ecosystems', 'explore.strongest': 'Strongest in {tag}', 'explore.noneStrong': 'No ecosystem shows strength in this tag.', 'explore.more': 'Show more',
  'explore.orgs': 'Organisations', 'explore.type': 'Type', 'explore.type.all': 'all types',
  'origin.curated': 'curated', 'origin.derived': 'found in open data',
  'origin.curated.long': 'Curated: compiled by hand from its sources', 'origin.derived.long': 'Found in open data: a metro area where research organisations or startups concentrate',
  'type.corporate': 'corporate', 'type.university': 'university', 'type.research_center': 'research centre',
  'col.ecosystem': 'Ecosystem', 'col.country': 'Country', 'col.origin': 'Origin', 'col.organizations': 'Organisations', 'col.startups': 'Startups', 'col.coverage': 'Indicators known', 'col.strength': 'Strength',
  'col.ecosystems': 'Ecosystems (curated + open data)', 'col.universities': 'Universities', 'col.researchCenters': 'Research centres', 'col.corporates': 'Corporates', 'col.withProgram': 'With startup programme', 'col.missing': 'What is missing',
  'col.name': 'Name', 'col.type': 'Type', 'col.place': 'Place', 'col.tags': 'Tags', 'col.source': 'Source',
  'col.indicator': 'Indicator', 'col.value': 'Value', 'col.confidence': 'How it is known', 'col.year': 'Year', 'col.tag': 'Tag', 'col.basis': 'Basis', 'col.lq': 'Location quotient', 'col.ranking': 'Ranking', 'col.rank': 'Rank', 'col.scope': 'Compared with',
  'coverage.title': 'Coverage per country', 'coverage.filter': 'Filter countries', 'coverage.none': 'No country matches that filter.', 'coverage.complete': 'nothing',
  'gap.noEcosystem': 'no ecosystem', 'gap.fewResearch': 'few research organisations ({n})', 'gap.noCorporateProgram': 'no corporate startup programme', 'gap.noVenture': 'no startup from the Y Combinator directory',
  'gap.noFounderProgram': 'no programme for its founders in particular', 'gap.noSalary': 'no developer salary', 'gap.noPriceLevel': 'no price level',
  'eco.back': 'All ecosystems', 'eco.notFound': 'The knowledge base has no ecosystem with this id.', 'eco.coverage': '{share} of its indicators have a value.',
  'eco.indicators': 'Indicators', 'eco.strengths': 'Strengths', 'eco.noStrengths': 'No strength is measured or stated here.', 'eco.evidence': 'Evidence', 'eco.presence': 'Tags with some presence but no strength ({n})',
  'eco.rankings': 'Rankings', 'eco.noRankings': 'No public ranking names this ecosystem.',
  'eco.organizations': 'Organisations', 'eco.noOrganizations': 'No organisation recorded here.', 'eco.previous': 'Previous', 'eco.next': 'Next', 'eco.range': '{from}–{to} of {total}',
  'eco.sources': 'Sources', 'eco.noSources': 'No source recorded.', 'eco.inferred': 'inferred, probability {p}', 'eco.stated': 'stated by a source', 'eco.source': 'source',
  'value.missing': 'missing',
  'confidence.reported': 'reported by a source', 'confidence.inherited': 'reported for the wider region', 'confidence.counted': 'counted in the knowledge base', 'confidence.missing': 'no source gives it',
  'basis.curated': 'curated, with evidence', 'basis.measured': 'measured in the records', 'basis.inferred': 'inferred', 'basis.none': 'some presence, not a strength',
  'indicator.universities': 'Universities', 'indicator.rankedUniversities': 'Universities in the ARWU top 500', 'indicator.researchCenters': 'Research centres', 'indicator.corporates': 'Corporates',
  'indicator.corporatesWithPrograms': 'Corporates with a startup programme', 'indicator.startupGenomeRank': 'Startup Genome rank', 'indicator.ecosystemValueUsdBn': 'Ecosystem value (USD bn)',
  'indicator.vcInvestedUsdBn': 'Venture capital invested (USD bn)', 'indicator.landingPrograms': 'Landing, innovation-network and trade-office programmes', 'indicator.accelerators': 'Accelerators and incubators',
  'indicator.giiRank': 'WIPO GII cluster rank', 'indicator.pctFilings': 'PCT patent filings (5 years)', 'indicator.publications': 'Scientific publications (5 years)',
  'indicator.foreignPresence': 'Foreign organisations with a site here', 'indicator.ventures': 'Startups in the Y Combinator directory', 'indicator.ventureExits': 'Of those, acquired or public', 'indicator.startupBlinkRank': 'StartupBlink city rank',
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
  'explore.title': 'Kennisbank', 'explore.tag': 'Sterk in tag',
  'explore.intro': 'Elk ecosysteem in de kennisbank: clusters die met de hand zijn samengesteld en ecosystemen gevonden in open data. Een cirkel groeit met de omvang van het ecosysteem, of met zijn sterkte in de tag die je kiest.',
  'explore.tag.hint': 'Een tag uit de taxonomie, bijvoorbeeld semiconductors of fintech', 'explore.unknownTag': 'De taxonomie heeft geen tag met die naam.',
  'explore.map': 'Kaart van de ecosystemen', 'explore.sizeBySize': 'Grootte van de cirkel: organisaties en startups', 'explore.sizeByTag': 'Grootte van de cirkel: sterkte in {tag} (vervaagd: niet aanwezig)',
  'explore.totals': '{ecosystems} ecosystemen ({curated} samengesteld, {derived} gevonden in open data) in {countries} landen · {organizations} organisaties · {ventures} startups',
  'explore.largest': 'Grootste ecosystemen', 'explore.strongest': 'Sterkste in {tag}', 'explore.noneStrong': 'Geen enkel ecosysteem is sterk in deze tag.', 'explore.more': 'Meer tonen',
  'explore.orgs': 'Organisaties', 'explore.type': 'Soort', 'explore.type.all': 'alle soorten',
  'origin.curated': 'samengesteld', 'origin.derived': 'gevonden in open data',
  'origin.curated.long': 'Samengesteld: met de hand opgebouwd uit de bronnen', 'origin.derived.long': 'Gevonden in open data: een stedelijk gebied waar onderzoeksorganisaties of startups samenkomen',
  'type.corporate': 'bedrijf', 'type.university': 'universiteit', 'type.research_center': 'onderzoekscentrum',
  'col.ecosystem': 'Ecosysteem', 'col.country': 'Land', 'col.origin': 'Herkomst', 'col.organizations': 'Organisaties', 'col.startups': 'Startups', 'col.coverage': 'Bekende indicatoren', 'col.strength': 'Sterkte',
  'col.ecosystems': 'Ecosystemen (samengesteld + open data)', 'col.universities': 'Universiteiten', 'col.researchCenters': 'Onderzoekscentra', 'col.corporates': 'Bedrijven', 'col.withProgram': 'Met startupprogramma', 'col.missing': 'Wat ontbreekt',
  'col.name': 'Naam', 'col.type': 'Soort', 'col.place': 'Plaats', 'col.tags': 'Tags', 'col.source': 'Bron',
  'col.indicator': 'Indicator', 'col.value': 'Waarde', 'col.confidence': 'Hoe het bekend is', 'col.year': 'Jaar', 'col.tag': 'Tag', 'col.basis': 'Grondslag', 'col.lq': 'Locatiequotiënt', 'col.ranking': 'Ranglijst', 'col.rank': 'Plaats', 'col.scope': 'Vergeleken met',
  'coverage.title': 'Dekking per land', 'coverage.filter': 'Landen filteren', 'coverage.none': 'Geen enkel land komt overeen met dit filter.', 'coverage.complete': 'niets',
  'gap.noEcosystem': 'geen ecosysteem', 'gap.fewResearch': 'weinig onderzoeksorganisaties ({n})', 'gap.noCorporateProgram': 'geen startupprogramma van een bedrijf', 'gap.noVenture': 'geen startup uit de lijst van Y Combinator',
  'gap.noFounderProgram': 'geen programma specifiek voor oprichters uit dit land', 'gap.noSalary': 'geen salaris voor ontwikkelaars', 'gap.noPriceLevel': 'geen prijsniveau',
  'eco.back': 'Alle ecosystemen', 'eco.notFound': 'De kennisbank heeft geen ecosysteem met deze id.', 'eco.coverage': '{share} van de indicatoren heeft een waarde.',
  'eco.indicators': 'Indicatoren', 'eco.strengths': 'Sterktes', 'eco.noStrengths': 'Hier is geen sterkte gemeten of vermeld.', 'eco.evidence': 'Bewijs', 'eco.presence': 'Tags met enige aanwezigheid maar zonder sterkte ({n})',
  'eco.rankings': 'Ranglijsten', 'eco.noRankings': 'Geen openbare ranglijst noemt dit ecosysteem.',
  'eco.organizations': 'Organisaties', 'eco.noOrganizations': 'Hier is geen organisatie geregistreerd.', 'eco.previous': 'Vorige', 'eco.next': 'Volgende', 'eco.range': '{from}–{to} van {total}',
  'eco.sources': 'Bronnen', 'eco.noSources': 'Geen bron geregistreerd.', 'eco.inferred': 'afgeleid, kans {p}', 'eco.stated': 'vermeld door een bron', 'eco.source': 'bron',
  'value.missing': 'ontbreekt',
  'confidence.reported': 'gemeld door een bron', 'confidence.inherited': 'gemeld voor de ruimere regio', 'confidence.counted': 'geteld in de kennisbank', 'confidence.missing': 'geen bron vermeldt het',
  'basis.curated': 'samengesteld, met bewijs', 'basis.measured': 'gemeten in de gegevens', 'basis.inferred': 'afgeleid', 'basis.none': 'enige aanwezigheid, geen sterkte',
  'indicator.universities': 'Universiteiten', 'indicator.rankedUniversities': 'Universiteiten in de ARWU-top 500', 'indicator.researchCenters': 'Onderzoekscentra', 'indicator.corporates': 'Bedrijven',
  'indicator.corporatesWithPrograms': 'Bedrijven met een startupprogramma', 'indicator.startupGenomeRank': 'Plaats bij Startup Genome', 'indicator.ecosystemValueUsdBn': 'Waarde van het ecosysteem (miljard USD)',
  'indicator.vcInvestedUsdBn': 'Geïnvesteerd durfkapitaal (miljard USD)', 'indicator.landingPrograms': 'Landings-, innovatienetwerk- en handelskantoorprogramma’s', 'indicator.accelerators': 'Accelerators en incubators',
  'indicator.giiRank': 'Plaats in de WIPO GII-clusterranglijst', 'indicator.pctFilings': 'PCT-octrooiaanvragen (5 jaar)', 'indicator.publications': 'Wetenschappelijke publicaties (5 jaar)',
  'indicator.foreignPresence': 'Buitenlandse organisaties met een vestiging hier', 'indicator.ventures': 'Startups in de lijst van Y Combinator', 'indicator.ventureExits': 'Daarvan overgenomen of beursgenoteerd', 'indicator.startupBlinkRank': 'Plaats van de stad bij StartupBlink',
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

/** A string with its {placeholders} filled in. */
export function tf(key: Key, values: Record<string, string | number>): string {
  return t(key).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Whether a key built at run time (e.g. `indicator.${name}`) has a string. */
export const hasKey = (key: string): key is Key => key in en;

/** A number as the current language writes it (1,234.5 or 1.234,5). */
export const num = (n: number, digits = 0) => n.toLocaleString(i18n.locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits });
