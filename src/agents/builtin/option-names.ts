// Which names are one option, and which words name none. A second list of an option's terms often
// calls it by a short form of the name its paragraph gave it — its first words ("Brasswick" for
// "Brasswick Kitchen Co"), its initials ("NTS" for "Nordic Translation Services"), or both ("Baltic
// F&L" for "Baltic Freight & Logistics") — and is the same row. And a sentence's opening word is no
// name because it is capitalised: "They'd finish by April", "Both want 10% up front", "We've …".

// Pronouns, determiners and other function words (a contraction's first part: "they'd" → "they").
const FUNCTION_WORDS = new Set(
  (
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs " +
    "this that these those there here who whom whose which what where when why how " +
    "a an the some any each every either neither both all none no one another other such " +
    "and or but so then also plus if unless because as at by for from in of on to with without " +
    "everything everyone everybody something someone somebody anything anyone nothing nobody " +
    "yes ok okay thanks hi hello dear regards cheers"
  ).split(" "),
);
// Words joining a name's parts: no initial of their own ("Boreholes & Pumps" is B&P).
const JOINERS = new Set(["&", "and", "of", "the", "for", "de", "la", "von", "van"]);

function words(name: string): string[] {
  return name
    .replace(/[.,;:!?'’()"“”]+/g, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
}

/**
 * Whether a name names nothing: empty, or opening on a pronoun, a determiner or another function
 * word, or a contraction of one ("They'd", "We've", "It's", "Their", "Both").
 */
export function isNoName(name: string): boolean {
  const first = name.trim().split(/\s+/)[0]?.toLowerCase() ?? "";
  if (first === "") return true;
  const bare = first.replace(/['’](?:d|ll|re|ve|s|m|t)$/, "").replace(/[^\p{L}]+/gu, "");
  return FUNCTION_WORDS.has(bare) || (bare !== first && /^(?:they|we|you|it|he|she|i|that|there|who)$/.test(bare));
}

/**
 * Whether a name is a possessive and a number ("Klimavex's 18" from "Klimavex's 18 kW is more than
 * …"): the option's value said of it, never an option of its own.
 */
export function isPossessiveFigure(name: string): boolean {
  return /['’]s\s+[\d.,]+(?:\s*[\p{L}%]+)?$/u.test(name.trim());
}

// The kinds of thing a comparison compares, said bare: "Contractor: we asked four" names none of them.
const KIND_WORD =
  /^(?:options?|alternatives?|vendors?|suppliers?|bidders?|bids?|providers?|contractors?|compan(?:y|ies)|agenc(?:y|ies)|partners?|candidates?|quotes?|offers?|proposals?|tenders?|firms?|caterers?|carriers?|forwarders?|others?|rest|shortlist)$/i;

/** Whether a name is one word that is only the kind compared ("Contractor", "Vendors", "Bidder"). */
export function isKindWord(name: string): boolean {
  return KIND_WORD.test(name.trim());
}

/** The capitals of a short form's letters ("B&P" → "BP", "NTS" → "NTS"), or null when it is a word. */
function initialsOf(token: string): string | null {
  const letters = token.replace(/[&.\-/]/g, "");
  return /^\p{Lu}{2,6}$/u.test(letters) ? letters : null;
}

/** The first letters of a name's words, its joiners left out: "Nordic Translation Services" → "NTS". */
function initials(ws: readonly string[]): string {
  return ws
    .filter((w) => !JOINERS.has(w.toLowerCase()))
    .map((w) => w.charAt(0).toUpperCase())
    .join("");
}

/**
 * Whether `short` names the option `full` names: the same words; its first words; its initials
 * ("NTS"); its first word then the initials of the rest ("Kagera B&P"); or its first word alone when
 * that word is distinctive — no function word, and the first word of none of the `others` (the
 * other options' names), so "Nordic" does not pick between "Nordic Freight" and "Nordic Post".
 */
export function sameOption(short: string, full: string, others: readonly string[] = []): boolean {
  const s = words(short);
  const f = words(full);
  if (s.length === 0 || f.length === 0) return false;
  const lower = (ws: readonly string[]) => ws.map((w) => w.toLowerCase());
  const [sl, fl] = [lower(s), lower(f)];
  if (sl.join(" ") === fl.join(" ")) return true;
  // Its first words: "Hadley & Sons" of "Hadley & Sons Roofing".
  if (sl.length < fl.length && sl.every((w, i) => w === fl[i]) && !isNoName(short))
    return s.length >= 2 || distinctive(s[0]!, full, others);
  // Its initials: "NTS".
  if (s.length === 1) {
    const caps = initialsOf(s[0]!);
    if (caps && f.length >= 2 && caps === initials(f)) return true;
  }
  // Its first word and the initials of the rest: "Baltic F&L".
  if (s.length === 2 && sl[0] === fl[0] && f.length >= 3) {
    const caps = initialsOf(s[1]!);
    if (caps && caps === initials(f.slice(1))) return distinctive(s[0]!, full, []);
  }
  return false;
}

/** A first word that tells its option from the others. */
function distinctive(word: string, full: string, others: readonly string[]): boolean {
  const w = word.toLowerCase();
  if (isNoName(word) || w.length < 3) return false;
  return !others.some((o) => o !== full && words(o)[0]?.toLowerCase() === w);
}

// "Lorraine Fitch: That matches the survey", "Greta Lindholm (host): Welcome everyone": a turn's
// label, a person's name of two or three words, with the speaker's role in brackets or not.
const TURN_LABEL = /^(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+){1,2})(?:\s*\([^()]{1,60}\))?:\s+(\S.*)$/u;
// Words said in the first or second person: a turn of talk, not a labelled line of terms.
const SPOKEN = /\b(?:i|i'm|i've|i'd|i'll|me|my|we|we're|we've|we'd|we'll|us|our|you|your)\b/i;

/**
 * The names that label turns of one item (a transcript's, a chat's speakers): people. A name that
 * labels two turns or more; and each name of an item whose labelled lines are talk — three or more,
 * by two names or more, most of them said in the first or second person (a panel where each guest
 * speaks once), where "Mangata Foods: EUR 44 per head" lines are terms, not talk.
 */
export function speakersOf(sentences: readonly { text: string; source: { id: string } }[]): string[] {
  const turns = new Map<string, { label: string; spoken: boolean }[]>();
  for (const s of sentences) {
    const m = TURN_LABEL.exec(s.text);
    if (m?.[1])
      (turns.get(s.source.id) ?? turns.set(s.source.id, []).get(s.source.id)!).push({ label: m[1], spoken: SPOKEN.test(m[2] ?? "") });
  }
  const out = new Set<string>();
  for (const list of turns.values()) {
    const labels = new Set(list.map((t) => t.label));
    const talk = list.length >= 3 && labels.size >= 2 && list.filter((t) => t.spoken).length * 2 >= list.length;
    for (const l of labels) if (talk || list.filter((t) => t.label === l).length >= 2) out.add(l);
  }
  return [...out];
}
