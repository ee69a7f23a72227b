// A blog post's sections as a writer lays them out: the author's own short section labels
// ("Added", "Fixed", "Volunteers", "Scope") said as the phrase headings a post uses ("What is
// new", "What we fixed", "Our volunteers", "What is in it"), and the sections of one item kept in
// the order their author wrote them (step 1 before step 2, "Added" before "Fixed").

/**
 * Labels writers give sections of changelogs, release notes, plans and reports, and the heading a
 * post gives the same section. Only labels whose meaning does not depend on the document: "Notes",
 * "Details" or "Misc" say nothing and get none.
 */
const LABELS: Record<string, string> = {
  added: "What is new",
  new: "What is new",
  "new features": "What is new",
  features: "What is new",
  "what's new": "What is new",
  changed: "What has changed",
  changes: "What has changed",
  fixed: "What we fixed",
  fixes: "What we fixed",
  "bug fixes": "What we fixed",
  removed: "What has been removed",
  breaking: "Breaking changes",
  "breaking changes": "Breaking changes",
  "breaking change": "Breaking changes",
  performance: "How it performs",
  benchmarks: "How it performs",
  benchmark: "How it performs",
  deprecated: "What is being retired",
  deprecations: "What is being retired",
  security: "Security fixes",
  scope: "What is in it",
  "in scope": "What is in it",
  done: "What is done",
  completed: "What is done",
  quotes: "In their words",
  testimonials: "In their words",
  feedback: "What people told us",
  timeline: "Key dates",
  dates: "Key dates",
  "key dates": "Key dates",
  schedule: "Key dates",
  milestones: "Key dates",
  help: "How to get help",
  support: "How to get help",
  "getting help": "How to get help",
  contact: "How to get help",
  faq: "Questions and answers",
  faqs: "Questions and answers",
  accessibility: "Access for everyone",
  api: "Changes to the API",
  "api changes": "Changes to the API",
  requirements: "What you need",
  prerequisites: "What you need",
  compatibility: "What you need",
  spend: "Where the money went",
  spending: "Where the money went",
  outcomes: "What it achieved",
  results: "What it achieved",
  impact: "What it achieved",
  achievements: "What it achieved",
};

// Plural nouns that name people or places an organisation has ("Volunteers", "Sites", "Partners"):
// "Our volunteers" is how a post heads them. Not the words of a tracker or a team's to-do list.
const OURS =
  /^(?:volunteers|members|sites|partners|staff|schools|branches|stores|shops|venues|locations|growers|supporters|donors|funders|families|readers|users|customers|communities|teams|mentors|tutors|coaches|drivers|services|products|programmes|programs|projects|events|courses|classes)$/i;

/**
 * The phrase heading a post gives a section its writer labelled with a short label, or null when
 * the label says nothing a reader could use ("Notes", "Misc", a file's name).
 */
export function labelHeading(label: string): string | null {
  const l = label
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivx]+[.)])\s+/i, "")
    .replace(/[:.\s]+$/, "")
    .trim()
    .toLowerCase();
  const known = LABELS[l];
  if (known) return known;
  // "Benchmarks: 3.0.0 vs 2.14.2": a label and what it is about, the label heading the section.
  const [head, rest] = l.split(/\s*:\s+/, 2);
  if (head && rest !== undefined && /\d/.test(rest) && LABELS[head]) return LABELS[head];
  if (OURS.test(l)) return `Our ${l}`;
  return null;
}

// A changelog's or release note's sections telling users what stops working on upgrade: "Breaking",
// "Removed", "Upgrading", "Migration notes".
const CHANGES_FOR_READERS = /^(?:breaking(?:\s+changes?)?|removed|removals|upgrad\w*(?:\s+notes?)?|migrat\w*(?:\s+notes?|\s+guide)?)$/i;

/**
 * Sentences of a section telling readers what breaks when they upgrade ("… require('x') fails with
 * ERR_REQUIRE_ESM on Node 20"): the reader's to know, not an open issue of the team's — without
 * their risk and issue kinds, so a post for outside readers keeps them.
 */
export function breakingChangesForReaders<T extends { section: string | null; kinds: readonly string[] }>(sentences: readonly T[]): T[] {
  return sentences.map((s) => {
    const label = (s.section ?? "")
      .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?)\s+/, "")
      .replace(/[:.\s]+$/, "")
      .trim();
    if (!CHANGES_FOR_READERS.test(label)) return s;
    return { ...s, kinds: s.kinds.filter((k) => k !== "risk" && k !== "issue") };
  });
}

// A change to what readers pay, with its amount: "The annual plot fee rises to £38 from January",
// "Day tickets go up by 50p". (Not what the organisation pays: rent, wages, bills.)
const PRICE_CHANGE =
  /\b(?:prices?|fees?|fares?|charges?|subscriptions?|tickets?|tariffs?|memberships?|passes)\b[^.;]{0,40}\b(?:go(?:es)? up|go(?:es)? down|rises?|rising|will (?:rise|increase|fall|go up|go down)|increases?|falls?|drops?|is rising|are rising|changes?)\b[^.;]{0,60}(?:[$€£¥]\s?\d|\d\s?(?:p|c|%|pence|cents?)\b)/i;

/**
 * On a topic about money (`moneyTopic`), sentences announcing a change to a price readers pay with
 * its amount, without their risk kind: what a post about fees tells its readers, not the team's worry.
 */
export function priceChangesForReaders<T extends { text: string; kinds: readonly string[] }>(
  sentences: readonly T[],
  moneyTopic: boolean,
): T[] {
  if (!moneyTopic) return [...sentences];
  return sentences.map((s) => (PRICE_CHANGE.test(s.text) ? { ...s, kinds: s.kinds.filter((k) => k !== "risk") } : s));
}

/**
 * Sections in the order a writer lays them out: each item's sections together, in the order its
 * author wrote them, the items in the order the list first names them (its most relevant first) —
 * `first`'s item before all.
 */
export function inWritersOrder<G extends { source: { id: string }; sentences: readonly { position: number }[] }>(
  groups: readonly G[],
  first?: string,
): G[] {
  const itemRank = new Map<string, number>();
  // The item a post opens on: its sections follow the opening.
  if (first && groups.some((g) => g.source.id === first)) itemRank.set(first, 0);
  for (const g of groups) if (!itemRank.has(g.source.id)) itemRank.set(g.source.id, itemRank.size);
  const start = (g: G) => Math.min(...g.sentences.map((s) => s.position));
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => itemRank.get(a.g.source.id)! - itemRank.get(b.g.source.id)! || start(a.g) - start(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

// A line that only says who said the quotation before it: "— mobile lead, logistics app".
const ATTRIBUTION = /^[—–-]\s*\S/;
const QUOTATION = /^["“‘']|["”’']$|["”’'][.!?]?$/;

/**
 * Quotations with the line naming who said them joined to them ("'Migration took us 40 minutes.' —
 * indie developer"): the attribution alone is no statement, and a quotation is read with its speaker.
 * An attribution without its quotation is left out.
 */
export function withAttributions<T extends { text: string }>(list: readonly T[]): T[] {
  const out: T[] = [];
  for (const s of list) {
    if (!ATTRIBUTION.test(s.text.trim())) {
      out.push(s);
      continue;
    }
    const before = out[out.length - 1];
    if (before && QUOTATION.test(before.text.trim())) out[out.length - 1] = { ...before, text: `${before.text.trim()} ${s.text.trim()}` };
  }
  return out;
}

// Words naming a kind of document: a heading holding one names the paper, not a part of the story.
const DOCUMENT_KIND_WORD =
  /\b(?:report|minutes|memo|memorandum|newsletter|bulletin|briefing|brief|handover|retrospective|post-?mortem|proposal|changelog|release\s+notes|agenda|trading\s+pack|board\s+pack|write-?up)\b/i;
// A reporting period or date closing a heading: "(April–September 2026)", ", September 2026", "— Q3 2026", "(October)".
const MONTH =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATED_END = new RegExp(
  `(?:\\((?:[^()]*\\b(?:${MONTH}|q[1-4]|h[12]|\\d{4})\\b[^()]*)\\)|[,—–:-]\\s*(?:(?:${MONTH}|q[1-4]|h[12]|spring|summer|autumn|winter)\\b[\\s–-]*)*\\d{4}|\\s(?:${MONTH}|q[1-4]|h[12]|spring|summer|autumn|winter)\\b[\\s–-]*\\d{4})\\s*$`,
  "i",
);

/**
 * A heading that is a document's title rather than a writer's phrase for a section: one naming a
 * kind of document ("EV van pilot: six-month report", "Board minutes") or dated by its period
 * ("Customer interviews, September 2026", "Customer escalations (October)").
 */
export function isDocumentTitle(heading: string): boolean {
  return DOCUMENT_KIND_WORD.test(heading) || DATED_END.test(heading.trim());
}

/** A document title's phrase without its closing period ("Customer interviews, September 2026" → "Customer interviews"). */
export function withoutDatedEnd(heading: string): string {
  return heading
    .replace(DATED_END, "")
    .replace(/[\s,—–:-]+$/, "")
    .trim();
}
