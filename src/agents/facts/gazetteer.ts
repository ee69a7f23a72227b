// Small word lists the entity and figure readers share. Places are the ones business notes name
// most (countries, regions, large cities); anything else capitalised is judged by its context.

export const PLACES = new Set(
  (
    "Afghanistan|Albania|Algeria|Argentina|Armenia|Australia|Austria|Azerbaijan|Bangladesh|Belarus|Belgium|Bolivia|Bosnia|Brazil|Bulgaria|Cambodia|Cameroon|Canada|Chile|China|Colombia|Croatia|Cuba|Cyprus|Czechia|Czech Republic|Denmark|Ecuador|Egypt|Estonia|Ethiopia|Finland|France|Georgia|Germany|Ghana|Greece|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Japan|Jordan|Kazakhstan|Kenya|Korea|South Korea|Kuwait|Latvia|Lebanon|Lithuania|Luxembourg|Malaysia|Malta|Mexico|Moldova|Morocco|Netherlands|the Netherlands|New Zealand|Nigeria|Norway|Pakistan|Peru|Philippines|Poland|Portugal|Qatar|Romania|Russia|Saudi Arabia|Serbia|Singapore|Slovakia|Slovenia|South Africa|Spain|Sri Lanka|Sweden|Switzerland|Taiwan|Thailand|Tunisia|Turkey|Türkiye|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|United States|US|USA|U.S.|U.K.|Uruguay|Vietnam|" +
    "Europe|Asia|Africa|Americas|North America|South America|Latin America|Oceania|Middle East|Scandinavia|Nordics|the Nordics|Baltics|Benelux|DACH|EMEA|APAC|LATAM|EU|European Union|Nordic|European|Asian|" +
    "London|Paris|Berlin|Munich|Hamburg|Frankfurt|Madrid|Barcelona|Lisbon|Porto|Rome|Milan|Amsterdam|Rotterdam|Brussels|Vienna|Zurich|Geneva|Copenhagen|Stockholm|Gothenburg|Malmö|Oslo|Bergen|Trondheim|Helsinki|Tallinn|Riga|Vilnius|Warsaw|Krakow|Prague|Budapest|Dublin|Edinburgh|Manchester|Athens|Istanbul|Moscow|Kyiv|New York|San Francisco|Los Angeles|Seattle|Boston|Chicago|Austin|Toronto|Vancouver|Montreal|Mexico City|São Paulo|Buenos Aires|Tokyo|Osaka|Seoul|Beijing|Shanghai|Shenzhen|Hong Kong|Singapore|Bangalore|Mumbai|Delhi|Dubai|Sydney|Melbourne|Auckland|Cape Town|Nairobi|Lagos|Cairo|Tel Aviv"
  ).split("|"),
);

export const MONTH_NAMES = new Set(
  "January February March April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(
    " ",
  ),
);

/** Acronyms that name a measure, a role, a format or a time zone ("07:02 PDT"), not an organisation or product. */
export const GENERIC_ACRONYMS = new Set(
  "CEO CTO CFO COO CMO CPO CISO VP SVP EVP HR IT AI ML LLM API APIs UI UX KPI KPIs OKR OKRs ARR MRR NPS CSAT CAC LTV ROI ROAS SLA SLAs SLO SaaS B2B B2C D2C DTC PDF CSV URL FAQ PR PRs QA ETA EOD EOW TBD TBC FY YoY QoQ MoM CX GDPR EBITDA COGS P&L R&D OK FTE FTEs GMV AOV SKU SKUs RFP RFQ PoC POC MVP GA CI CD CDN DNS SSO SAML MFA VAT GAAP IFRS ESG CO2 HQ Q&A TL;DR NB PS AM PM UTC GMT ISO EUR USD GBP NOK SEK DKK CHF JPY CAD AUD INR CNY PST PDT MST MDT CST CDT EST EDT AKST AKDT HST BST CET CEST EET EEST WET WEST IST JST KST AEST AEDT NZST NZDT".split(
    " ",
  ),
);

/** Units of measure written with capitals ("22 kW AC units", "200 kVA", "4 GB"): never a name. */
export const UNIT_SYMBOLS = /^(?:[kMGT]?Wh?|[kMG]?VA|[kMGTP]i?B|[kMG]?Hz|mAh|dB|pH|AC|DC|kWp|MWp|NOx|PM2\.5|CO2e?)$/;

export const ORG_SUFFIXES =
  /\b(?:Inc|Ltd|LLC|GmbH|AB|AS|ASA|AG|SA|SAS|SpA|BV|NV|Oy|plc|PLC|Corp|Corporation|Company|Co|Group|Holdings|Bank|University|Institute|Labs|Technologies|Systems|Software|Solutions|Partners|Capital|Ventures|Foundation|Agency|Association|Council|Ministry|Department|Studios|Industries|Networks|Logistics|Airlines|Motors|Pharma|Health|Media)\.?$/;

export const PRODUCT_NOUNS =
  /^(?:jackets?|line|range|collection|app|apps|platform|service|plan|tier|edition|suite|product|feature|device|tool|sdk|release|version|model|subscription|card|shoes?|boots?|tents?|bikes?|phone|laptop|engine|cloud|store|marketplace|checkout|dashboard|portal|api|plugin|extension|module)$/i;

export const PROJECT_NOUNS =
  /^(?:project|migration|initiative|programme|program|pilot|launch|rollout|campaign|effort|upgrade|rewrite|integration|team|squad)$/i;

export const ORG_VERBS =
  /^(?:launched|launches|cut|cuts|raised|raises|acquired|acquires|offers|offer|ships|ship|announced|announces|charges|charge|sells|sell|hired|hires|reported|reports|signed|partnered|competes|opened|opens|closed|introduced|introduces|released|releases|dropped|lowered|increased|priced|prices|costs|undercuts|provides|supports|includes|lacks|has|does|is|was)$/i;

export const ROLE_WORDS =
  /^(?:CEO|CTO|CFO|COO|CMO|founder|co-founder|director|manager|lead|head|owner|engineer|designer|analyst|president|chair|VP)$/i;
export const SPEECH_VERBS = /^(?:said|says|told|wrote|asked|noted|explained|added|argued|reported|commented|mentioned|replied)$/i;
