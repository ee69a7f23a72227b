// "What do drivers think of the electric vans", "how do members feel about the new timetable", "what
// did residents say about parking": a question about what some people think is answered in their own
// words. A survey or review export keeps those words in a free-text column ("comment", "review"),
// often beside a rating; each remark is quoted as written, with the row's other cells that tell rows
// apart (a rating, a ward, a stance), and sorted into what the people like and what concerns them.
// Before, such a brief read only the items' sentences (depot capacity, a cost per mile) and never
// quoted the survey whose comment column was exactly what the drivers thought. Nothing is counted or
// averaged here: every value is a cell copied from the table.
import { cleanHeading } from "./compose-kit.js";
import { hasContactDetails } from "./compose-content.js";
import { contentStemsOf, type Insights } from "./insights.js";
import { textColumn } from "./table-remarks.js";

type Table = Insights["tables"][number];

// "what do/did drivers think|say|feel …", "how do members feel about …", "what are customers saying",
// "what is the feedback from …", "views/opinions of …". The people are the words between the verbs.
const VOICE_QUESTIONS: readonly RegExp[] = [
  /\bwhat\s+(?:do|does|did|would|will)\s+(?:the\s+|our\s+)?(.{1,40}?)\s+(?:think|say|feel|make\s+of|tell\s+us|report|like\s+(?:and|or)\s+dislike)\b/i,
  /\bhow\s+(?:do|does|did)\s+(?:the\s+|our\s+)?(.{1,40}?)\s+(?:feel|rate|find|see|view|like|react)\b/i,
  /\bwhat\s+(?:are|were|is|was)\s+(?:the\s+|our\s+)?(.{1,40}?)\s+(?:saying|telling\s+us|thinking)\b/i,
  /\b(?:views?|opinions?|feedback|reactions?|verdict|sentiment|experience)\s+(?:of|from)\s+(?:the\s+|our\s+)?(\p{L}[\p{L}-]*)/iu,
];

/**
 * What a question about people's views is focused on: the words after "about" ("what did residents
 * say about parking and the junction" → parking, junction), as stems. "What do drivers think of the
 * vans" names the thing every remark is about and focuses on nothing: empty.
 */
export function voiceFocus(topic: string): Set<string> {
  const rest = /\b(?:about|regarding|concerning|over)\s+(.+)$/i.exec(topic)?.[1] ?? "";
  return contentStemsOf(rest);
}

/** The people a question asks the views of ("drivers"), or null when it asks for no one's views. */
export function voiceOf(topic: string): string | null {
  for (const re of VOICE_QUESTIONS) {
    const who = re.exec(topic)?.[1]?.trim();
    if (who && !/^(?:we|you|i|it|they|this|that|these|those)$/i.test(who)) return who;
  }
  return null;
}

// A column headed as people's words ("comment", "review", "feedback", "verbatim", "what they said").
const VOICE_HEADER = /\b(?:comments?|reviews?|feedback|remarks?|verbatims?|responses?|opinions?|quotes?|said|says|why|free[\s_-]?text)\b/i;
const SCORE_HEADER = /\b(?:rating|score|stars?|grade|satisfaction|nps)\b/i;
// Words that say something is wrong or worrying, whatever the rating: "range anxiety", "drains the
// battery", "the app is confusing", "good but …".
const CONCERN =
  /\b(?:anxi\w*|worr\w*|concern\w*|drain\w*|confus\w*|heavy|tight|cramped|terrif\w*|scar\w*|danger\w*|unsafe|kill\w*|lose|losing|loss|lost|broken|slow|expensive|overpriced|cold|noisy|loud|rude|dirty|poor|bad|worse|worst|awful|terrible|disappoint\w*|hard\s+to|difficult|problems?|issues?|faults?|fail\w*|complain\w*|frustrat\w*|annoy\w*|unreliable|delays?|late|(?:does|do|did)\s*n[o']t\s+work|doesn't\s+work|don't\s+work|didn't\s+work)\b|\bbut\b|,\s*though\b/i;
// Without a rating, a bare negation says something went wrong ("the bus never came").
const NEGATION = /\b(?:not|no|never|nobody|nothing|can't|cannot|won't|isn't|aren't|wasn't|weren't)\b/i;
// A telephone number however it is introduced ("call me on 07700 900555", "+44 113 496 0000").
const PHONE_NUMBER = /(?:\+\d|(?<![\d.,])0\d)[\d\s().-]{7,}\d/;
// A row's key ("D014", "R-00012", "#412"): it tells rows apart but says nothing of the person.
const ID_VALUE = /^[#\p{L}]{0,4}[-_]?\d{2,}$/u;

export interface VoiceRemark {
  text: string;
  /** The row's telling cells, header (cleaned) and value as written: "rating: 2", "ward: Riverside". */
  cells: { header: string; value: string }[];
  source: Table["source"];
}

export interface VoiceRemarks {
  /** The people, as the question names them ("drivers"). */
  who: string;
  positive: VoiceRemark[];
  concerns: VoiceRemark[];
}

/** The columns that tell the people apart: neither the words nor a key, and not one value on every row. */
function tellingColumns(header: string[], body: string[][], text: number): number[] {
  return header
    .map((_, j) => j)
    .filter((j) => {
      if (j === text) return false;
      const values = body.map((r) => (r[j] ?? "").trim()).filter((v) => v !== "");
      if (values.length === 0 || new Set(values).size === 1) return false;
      // A key is on one row each: a value two rows share ("118" miles) is a measure, not a key.
      return !(new Set(values).size === values.length && values.every((v) => ID_VALUE.test(v)));
    });
}

/** True when a table holds people's own words: a free-text column headed as such, or in an item named for them. */
function isVoiceTable(t: Table, text: number, who: string): boolean {
  const header = t.rows[0] ?? [];
  if (VOICE_HEADER.test(header[text] ?? "")) return true;
  const people = contentStemsOf(who);
  const named = contentStemsOf(`${t.source.title} ${header.join(" ")} ${t.section ?? ""}`);
  return [...people].some((s) => named.has(s)) || /\b(?:survey|reviews?|feedback|comments?|responses?)\b/i.test(t.source.title);
}

/**
 * The remarks of the items' tables of people's words that answer a question about their views, or
 * null when the question asks for no one's views or no table holds their words. When some remarks
 * name what the question is about beyond the context's setting ("parking" of "what did residents say
 * about parking" in a cycle route's consultation), only those answer; when none do, the table as a
 * whole is the people's view of the subject asked about. A remark
 * giving contact details (a phone number, an e-mail address) is a person's, never quoted.
 */
export function voiceRemarks(tables: readonly Table[], topic: string, titles: readonly string[] = []): VoiceRemarks | null {
  const who = voiceOf(topic);
  if (!who) return null;
  const whoStems = contentStemsOf(who);
  // … the words it focuses on, beyond the context's setting named in the items' titles.
  const setting = contentStemsOf(titles.join(" "));
  const about = [...voiceFocus(topic)].filter((st) => !whoStems.has(st) && !setting.has(st));
  const all: (VoiceRemark & { score: number; mid: number })[] = [];
  for (const t of tables) {
    const [header, ...body] = t.rows;
    if (!header || body.length < 3) continue;
    const text = textColumn(t.rows);
    if (text < 0 || !isVoiceTable(t, text, who)) continue;
    const telling = tellingColumns(header, body, text);
    const scoreAt = telling.find((j) => SCORE_HEADER.test(header[j] ?? ""));
    const scoreOf = (r: string[]) => (scoreAt === undefined ? Number.NaN : Number((r[scoreAt] ?? "").replace(",", ".")));
    const scores = body.map(scoreOf).filter(Number.isFinite);
    const mid = scores.length > 0 ? (Math.min(...scores) + Math.max(...scores)) / 2 : Number.NaN;
    for (const r of body) {
      const words = (r[text] ?? "").replace(/\s+/g, " ").trim();
      // A remark of fewer than two words ("👍👍", "ok") says nothing a reader could quote.
      if ((words.match(/\p{L}+/gu) ?? []).length < 2 || hasContactDetails(words) || PHONE_NUMBER.test(words)) continue;
      all.push({
        text: words,
        cells: telling.flatMap((j) => {
          const value = (r[j] ?? "").trim();
          return value === "" ? [] : [{ header: cleanHeading(header[j] ?? "").toLowerCase(), value }];
        }),
        source: t.source,
        score: scoreOf(r),
        mid,
      });
    }
  }
  if (all.length === 0) return null;
  const naming = all.filter((r) => {
    const stems = contentStemsOf(r.text);
    return about.some((s) => stems.has(s));
  });
  const answering = naming.length > 0 ? naming : all;
  const concern = (r: (typeof answering)[number]) =>
    CONCERN.test(r.text) || r.score < r.mid || (!Number.isFinite(r.score) && NEGATION.test(r.text));
  const strip = ({ text, cells, source }: VoiceRemark): VoiceRemark => ({ text, cells, source });
  // The most telling first: the highest-rated praise, the lowest-rated concerns (as listed when unrated).
  const byScore = (dir: 1 | -1) => (a: { score: number }, b: { score: number }) =>
    Number.isFinite(a.score) && Number.isFinite(b.score) ? dir * (b.score - a.score) : 0;
  return {
    who,
    positive: answering
      .filter((r) => !concern(r))
      .sort(byScore(1))
      .map(strip),
    concerns: answering.filter(concern).sort(byScore(-1)).map(strip),
  };
}

// A table tallying what people raised ("Concern raised | Mentions | Share", "Theme | Responses").
const TALLY_HEADER =
  /\b(?:concerns?|issues?|themes?|topics?|reasons?|complaints?|comments?|feedback|mentions?|requests?|raised|said|responses?|votes?)\b/i;

export interface TallyRows {
  table: Table;
  rows: { label: string; cells: { header: string; value: string }[] }[];
}

/**
 * For a question about what people said on some matter ("… about parking and the junction"): the
 * rows of a table tallying what they raised whose label names that matter ("Loss of on-street parking
 * | 1,122 | 39%"), each with its cells as written. Null when the question focuses on nothing, or no
 * such table has such a row.
 */
export function tallyRows(tables: readonly Table[], topic: string, titles: readonly string[] = []): TallyRows | null {
  if (!voiceOf(topic)) return null;
  const setting = contentStemsOf(titles.join(" "));
  const focus = [...voiceFocus(topic)].filter((st) => !setting.has(st));
  if (focus.length === 0) return null;
  for (const table of tables) {
    const [header, ...body] = table.rows;
    if (!header || body.length < 2 || !TALLY_HEADER.test(header.join(" "))) continue;
    const rows = body.filter((r) => {
      const stems = contentStemsOf(r[0] ?? "");
      return focus.some((st) => stems.has(st));
    });
    if (rows.length === 0) continue;
    return {
      table,
      rows: rows.map((r) => ({
        label: (r[0] ?? "").trim(),
        cells: header.slice(1).flatMap((h, j) => {
          const value = (r[j + 1] ?? "").trim();
          return value === "" ? [] : [{ header: h.trim(), value }];
        }),
      })),
    };
  }
  return null;
}
