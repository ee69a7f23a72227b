// Word classes the figure reader walks by when it looks for the noun phrase a figure measures.
export const DETERMINERS = new Set(
  "the a an our their its his her my your this that these those each every all both some any no another such".split(" "),
);
export const PREPOSITIONS = new Set(
  "of for in from on at across with by to into over under during within per among between than via about through since until after before".split(
    " ",
  ),
);
export const PRONOUNS = new Set("we they it he she i you us them which who whom whose what there here".split(" "));
export const CONJUNCTIONS = new Set(
  "and or but while whereas as so because although though if when where that unless whether yet nor then".split(" "),
);
export const AUXILIARIES = new Set(
  "will would shall should could may might must can cannot has have had is are was were be been being do does did to not also still now already just".split(
    " ",
  ),
);
/** Verbs that state a level or a change of a measure; a figure after them measures their subject. */
export const MEASURE_VERBS = new Set(
  (
    "reached reach reaches hit hits rose rise rises risen grew grow grows grown increased increase increases climbed climb climbs jumped " +
    "improved improve improves gained gain gains doubled tripled expanded accelerated surged soared fell fall falls fallen dropped drop " +
    "drops declined decline declines decreased decrease decreases shrank shrunk slipped slowed halved plunged totalled totaled totals " +
    "total stood stands stand came comes averaged average averages amounted amounts remained remain remains stayed stays was were is are " +
    "be been equals equalled exceeded exceeds topped ended ends sits sat held holds peaked touched crossed passed surpassed returned " +
    "take takes took taken last lasts lasted require requires required need needs needed scored scores score costs cost charges charged " +
    "earned earns sold sells employs employed hired hires serves served counts counted went goes go ran runs run adds add added"
  ).split(" "),
);
/** Verbs that act on an object a figure then measures: "cut prices by 10%". */
export const OBJECT_VERBS = new Set(
  (
    "cut cuts reduced reduce reduces lowered lower lowers raised raise raises increased increase increases boosted boost boosts " +
    "grew grow grows improved improve improves shift shifts shifted moved move moves spent spend spends saved save saves invest " +
    "invested allocate allocated allocates budgeted targeted trimmed trim slashed slash doubled halved"
  ).split(" "),
);
export const UP_VERBS =
  /\b(?:rose|risen|rise|rises|rising|grew|grown|grow|grows|growing|increased|increase|increases|increasing|climbed|climbs|jumped|jumps|improved|improves|improving|gained|gains|doubled|tripled|expanded|raised|raises|boosted|up|higher|accelerated|surged|soared|widened|added)\b/i;
export const DOWN_VERBS =
  /\b(?:fell|fallen|fall|falls|falling|dropped|drop|drops|dropping|declined|declines|declining|decreased|decrease|decreases|decreasing|cut|cuts|cutting|reduced|reduce|reduces|reducing|lowered|lowers|shrank|shrunk|shrinks|slipped|slips|down|lower|slowed|halved|plunged|trimmed|slashed|narrowed|lost)\b/i;
export const MONEY_HEADS =
  /\b(?:price|prices|pricing|cost|costs|revenue|revenues|sales|budget|budgets|fee|fees|spend|spending|income|profit|profits|margin|salary|salaries|value|amount|funding|arr|mrr|ebitda|bill|invoice|rate|rates|payment|payments|deal|contract|investment|capex|opex|savings|turnover|earnings|valuation|round|loss|losses)\b/i;

/** Words in -ing that are nouns in a metric ("shipping costs", "marketing spend"). */
export const ING_NOUNS = new Set(
  "pricing shipping marketing funding spending booking bookings hiring onboarding training meeting building rating ranking billing staffing housing landing listing offering earnings savings opening closing rating advertising engineering accounting manufacturing consulting licensing packaging printing recruiting routing scheduling testing hosting computing streaming processing".split(
    " ",
  ),
);
/** The measure a verb names when its subject is only a name: "Help Scout scored 4.8", "Zendesk costs $55". */
export const VERB_MEASURES: Record<string, string> = {
  scored: "score",
  scores: "score",
  score: "score",
  costs: "price",
  cost: "price",
  charges: "price",
  charged: "price",
  earned: "earnings",
  earns: "earnings",
  sold: "sales",
  sells: "sales",
  employs: "employees",
  employed: "employees",
  hired: "hires",
  hires: "hires",
  serves: "customers served",
  served: "customers served",
  raised: "funding raised",
  take: "duration",
  takes: "duration",
  took: "duration",
  last: "duration",
  lasts: "duration",
  lasted: "duration",
};
/** Verbs that are also nouns of a metric: a verb only right after a name or pronoun ("Zendesk costs $55"). */
export const AMBIGUOUS_VERBS = new Set(
  "costs cost score scores need needs take last counts charges total totals average averages".split(" "),
);

/** Adverbs that qualify a value ("only 70% done", "almost 400"): never a metric. */
export const ADVERBS = new Set(
  "flat steady stable unchanged only just far almost nearly roughly barely merely currently still already even now mostly largely partly fully well further approximately around".split(
    " ",
  ),
);
/** Nouns that name a measure; a prepositional phrase after them qualifies what was measured. */
export const MEASURE_NOUNS =
  /^(?:margin|margins|rate|rates|revenue|revenues|sales|price|prices|cost|costs|spend|spending|share|growth|churn|retention|conversion|yield|return|returns|uptime|latency|score|budget|profit|profits|income|volume|turnover|utilisation|utilization|occupancy|capacity|headcount|ratio|premium|discount|fee|fees|value|values)$/;
