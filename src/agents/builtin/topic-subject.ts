// What a post for outside readers draws on when one item is about its topic. A customer post on
// "the Harbour spa reopens in spring" has a marketing brief titled "Harbour Spa refurbishment" and a
// monthly trading pack whose every paragraph names the hotel ("Harbour benefited from the boat show
// …", "Kestrel Harbour's ADR is £138"): the brief is the post's subject; the pack speaks to it only
// where a sentence names the subject itself ("Harbour spa refurbishment: …"). Without such an item
// (no title names two of the topic's words) nothing is narrowed.
import { contentStemsOf, type Insights } from "./insights.js";
import { keepInsights } from "./keep-insights.js";

/** A stem in a set of stems, or a longer or shorter form of it ("repair" ~ "repairs", "reopen" ~ "reopening"). */
function names(t: string, stems: ReadonlySet<string>): boolean {
  if (stems.has(t)) return true;
  if (t.length < 4) return false;
  for (const s of stems) if (s.length >= 4 && (s.startsWith(t) || t.startsWith(s))) return true;
  return false;
}

/**
 * The items whose title names two or more of the topic's own words (`wanted`: the topic's stems
 * without how-to-post words), each with the words it names: the post's subject as that item says it.
 */
export function subjectItems(titles: ReadonlyMap<string, string>, wanted: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, title] of titles) {
    // A file's name ("harbour-spa-brief") names its words too.
    const stems = contentStemsOf(title.replace(/[-_]+/g, " "));
    const named = wanted.filter((t) => names(t, stems));
    if (named.length >= 2) out.set(id, named);
  }
  return out;
}

/**
 * The fact book narrowed to the topic's subject: everything of the items about it and of the items
 * whose title or first heading names one of the subject's words ("Customer feedback — Boards 3.0"
 * beside "Boards 3.0 — launch retrospective"), and of the other items only the sentences naming the
 * subject's words (all of them one such item names). Tables of the other items are left out (a KPI
 * table's rows name a hotel, never the spa). Unchanged when no item is about the topic.
 */
export function aboutTheSubject(insights: Insights, wanted: readonly string[]): Insights {
  const titles = new Map<string, string>();
  const firstHeading = new Map<string, { position: number; heading: string }>();
  for (const s of insights.sentences) {
    titles.set(s.source.id, s.source.title);
    const had = firstHeading.get(s.source.id);
    if (!had || s.position < had.position) firstHeading.set(s.source.id, { position: s.position, heading: s.section ?? "" });
  }
  const subject = subjectItems(titles, wanted);
  if (subject.size === 0) return insights;
  const subjects = [...subject.values()];
  const words = new Set(subjects.flat());
  const alongside = new Set(
    [...titles]
      .filter(([id, title]) => {
        const stems = contentStemsOf(`${title} ${firstHeading.get(id)?.heading ?? ""}`.replace(/[-_]+/g, " "));
        return [...words].some((t) => names(t, stems));
      })
      .map(([id]) => id),
  );
  const ok = (text: string, source: { id: string }) => {
    if (subject.has(source.id) || alongside.has(source.id)) return true;
    const stems = contentStemsOf(text);
    return subjects.some((words) => words.every((t) => names(t, stems)));
  };
  return keepInsights(insights, ok, (source) => subject.has(source.id) || alongside.has(source.id));
}
