// People's own words kept in a table — a review export, a feedback form, a survey's free-text
// column ("date,hotel,rating,source,review") — answer a question about what they complain of: the
// rows whose words (or low score) say something went wrong, each with the thing it concerns (the
// row's repeated name: a hotel, a branch, a product). Before, a brief asked "what are guests
// complaining about, and at which hotel" read only sentences, missed the review export, and said
// "No item mentions 'complaining'".
import { contentStemsOf, type Insights } from "./insights.js";

type Table = Insights["tables"][number];

// "what are guests complaining about", "which problems do users report". ("What did residents say
// about parking" asks for every view, not the complaints: the brief's sentences answer that.)
export const COMPLAINT_QUESTION =
  /\b(?:complain\w*|complaints?|problems?|grievances?|unhappy|dissatisf\w*|frustrat\w*|negative\s+(?:reviews?|feedback))\b/i;
// Words of a remark that say something went wrong ("didn't work", "ran out", "which is steep").
const NEGATIVE =
  /\b(?:not|no|never|didn't|doesn't|don't|won't|wasn't|weren't|couldn't|can't|cannot|poor|slow|steep|expensive|overpriced|cold|dirty|damp|mould|broken|noisy|rude|smell\w*|ran\s+out|dropp\w*|worst|bad|awful|terrible|disappoint\w*|could\s+be\s+(?:faster|better|cleaner|quicker))\b/i;
const SCORE_HEADER = /\b(?:rating|score|stars?|grade)\b/i;

export interface Remark {
  /** What the remark is about: the row's value in a column of repeated names ("Quayside"). */
  about: string;
  text: string;
  source: Table["source"];
}

/** The column of people's words: the one whose cells run longest (six words or more on average). */
export function textColumn(rows: string[][]): number {
  const [header, ...body] = rows;
  let best = -1;
  let bestWords = 6;
  header?.forEach((_, j) => {
    const words = body.reduce((n, r) => n + (r[j] ?? "").split(/\s+/).filter(Boolean).length, 0) / Math.max(1, body.length);
    if (words >= bestWords) [best, bestWords] = [j, words];
  });
  return best;
}

/**
 * The negative remarks of the items' tables of people's words, most remarked-on subject first: a
 * row whose words say something went wrong, or whose score is in the lower half of the column's range.
 */
export function negativeRemarks(tables: readonly Table[], topic = ""): Remark[] {
  const out: Remark[] = [];
  for (const t of tables) {
    const [header, ...body] = t.rows;
    if (!header || body.length < 3) continue;
    const text = textColumn(t.rows);
    if (text < 0) continue;
    // The subject: a column of words (no digits) whose values repeat — the one the question names
    // ("at which branch") when it names one, else the first.
    const subjects = header
      .map((h, j) => ({ h, j }))
      .filter(({ j }) => {
        if (j === text) return false;
        const values = body.map((r) => (r[j] ?? "").trim());
        const kinds = new Set(values);
        return values.every((v) => v !== "" && !/\d/.test(v)) && kinds.size >= 2 && kinds.size < values.length;
      });
    const asked = contentStemsOf(topic);
    const about = (subjects.find(({ h }) => [...contentStemsOf(h)].some((st) => asked.has(st))) ?? subjects[0])?.j ?? -1;
    if (about < 0) continue;
    const scoreAt = header.findIndex((h) => SCORE_HEADER.test(h));
    const scores = scoreAt < 0 ? [] : body.map((r) => Number((r[scoreAt] ?? "").replace(",", "."))).filter(Number.isFinite);
    const mid = scores.length > 0 ? (Math.min(...scores) + Math.max(...scores)) / 2 : Number.NaN;
    for (const r of body) {
      const words = (r[text] ?? "").trim();
      const score = scoreAt < 0 ? Number.NaN : Number((r[scoreAt] ?? "").replace(",", "."));
      if (words === "" || !(NEGATIVE.test(words) || score < mid)) continue;
      out.push({ about: (r[about] ?? "").trim(), text: words, source: t.source });
    }
  }
  const count = new Map<string, number>();
  for (const r of out) count.set(r.about, (count.get(r.about) ?? 0) + 1);
  return out.sort((a, b) => (count.get(b.about) ?? 0) - (count.get(a.about) ?? 0));
}
