// What a status report's and a deck's lists (progress, risks, next steps) may say as the team's own
// points. The extractor tags statements one by one, wherever they stand; a reader of those lists
// wants what the team's documents state, said whole:
// - a chat line, a transcript's turn, a question or a feeling is talk ("morning all, lanes reopened
//   Friday", "Okay. that contractor worries me", "has anyone checked the rota?"): the talk may back
//   a point, but is none of its own — except a turn the team labelled as its outcome ("Decision: …");
// - what a piece written for customers or members tells them ("Your membership will be extended")
//   is the organisation's promise to its readers, not progress or a step for the team;
// - "Owner: Dana Fox (facilities lead)." says who owns the list, not a step on it;
// - a risk listed under a bold title ("1. **Boiler.** The boiler is 31 years old …") is said with
//   its explanation ("Boiler: The boiler is 31 years old …"), not as a bare "Boiler." followed by its
//   sentences as separate risks.
import { isPieceForReaders } from "./draft-lede.js";
import type { Insights, Sentence, Statement } from "./insights.js";
import { hasVerb, isAnaphoric, isStatementSentence } from "./sentence-kinds.js";
import { isSpokenRemark } from "./spoken-remarks.js";

type Context = Pick<Insights, "sentences" | "entities"> & Partial<Pick<Insights, "conversations">>;

// A chat line's timestamp left in its text ("[02/11/2026 08:12] …", escaped or not).
const TIMESTAMP = /^\\?\[[^\]]{3,30}\\?\]/;
// "Marcus (scheduler): …": a transcript's speaker with a role.
const SPEAKER_WITH_ROLE = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,2}\s*\([^()]{1,40}\)\s*:\s/u;
// A turn the team labelled as what the meeting or the thread settled.
const OUTCOME_LABEL = /^(?:decision|decided|agreed|action(?: point)?s?|ap|next steps?|to ?do|outcome|resolution|risk)\b[^:]{0,20}:/i;
// First and second person in talk: a feeling or an aside ("worries me", "I'll ask", "you said").
const PERSONAL = /\b(?:I|I'm|I'll|I've|I'd|me|my|you|your)\b/;
// "Owner: …", "Lead: …", "Prepared by: …": who is responsible, a label line of the list.
const WHO_LINE = /^(?:owners?|lead|leads|contact|responsible|accountable|prepared by|author|sponsor|assigned to)\s*:/i;

// "Heard from a haulier that …", "pub talk but apparently …": what someone heard is no point of the
// team's — not progress, not a risk, not a step, and no finding of a summary.
// "a mate at another HA says …", "someone from the trade show reckons …", "no idea if true": passed on, unchecked.
const HEARD =
  /\b(?:heard (?:from|that|it|on the grapevine)|I(?:'ve)? heard|apparently|rumou?r(?:s|ed)?|word is|pub talk|nothing official|unconfirmed|unverified|allegedly|so I'?m told|I gather|hearsay|gossip|grapevine|no idea (?:if|whether) (?:it'?s |that'?s |this is )?true|(?:mate|friend|pal|someone|somebody)\b[^.;!?]{0,40}?\b(?:says|said|reckons|reckoned|tells me|told me))\b/i;
// "Will know by Friday" (a reply with no subject); "Ardvane's team pulled out on 12 November": no step of ours.
const NO_SUBJECT = /^(?:will|would|should|could|can|might|must|shall|gonna)\s/i;
const PULLED_OUT = /\b(?:withdrew|(?:has|have|had) withdrawn|pulled out|dropped out|backed out)\b/i;

/** A line passing on what someone heard. */
export function passesOnHearsay(text: string): boolean {
  return HEARD.test(text);
}

/** A line on a next-steps list that states no step of the team's. */
export function noStepOfOurs(text: string): boolean {
  return NO_SUBJECT.test(text.trim()) || PULLED_OUT.test(text);
}

/** A line of talk as typed or spoken: a timestamp or speaker left on it, a question, a filler. */
export function isTalkLine(text: string, personNames: readonly string[] = []): boolean {
  const t = text.trim();
  if (TIMESTAMP.test(t) || SPEAKER_WITH_ROLE.test(t) || /\?["”’)]?$/.test(t) || isSpokenRemark(t)) return true;
  // "Priya: will do": a person's name as the line's label is the turn's speaker.
  const label = /^([^:]{2,40}):\s/.exec(t)?.[1]?.trim();
  return !!label && personNames.some((n) => n === label || n.split(" ")[0] === label);
}

/** The predicates a report's and a deck's lists apply to a statement before saying it. */
export function teamPoints(insights: Context): {
  progress: (s: Pick<Statement, "text" | "source">) => boolean;
  step: (s: Pick<Statement, "text" | "source">) => boolean;
  risk: (s: Pick<Statement, "text" | "source">) => boolean;
} {
  const talk = new Set(insights.conversations ?? []);
  const people = insights.entities.filter((e) => e.kind === "person").map((e) => e.name);
  // A piece written for customers or members, by its title or by how it speaks to its readers.
  const addressed = addressesItsReaders(insights.sentences);
  const forReaders = (s: Pick<Statement, "source">) => isPieceForReaders(s.source.title) || addressed.has(s.source.id);
  const spoken = (s: Pick<Statement, "text" | "source">) => isTalkLine(s.text, people);
  const labelled = (s: Pick<Statement, "text">) => OUTCOME_LABEL.test(s.text.trim());
  return {
    // "And as discussed, nothing about the fee talks goes near patients": an aside leaning on the line before.
    progress: (s) => !talk.has(s.source.id) && !forReaders(s) && !spoken(s) && !isAnaphoric(s.text) && !HEARD.test(s.text),
    step: (s) =>
      !forReaders(s) &&
      !WHO_LINE.test(s.text.trim()) &&
      !HEARD.test(s.text) &&
      !noStepOfOurs(s.text) &&
      (talk.has(s.source.id) ? labelled(s) && !spoken(s) : !spoken(s)),
    // A risk in talk is said only as the team's point: labelled so, or a whole sentence that needs no
    // turn before it ("Slow.", "Delivery is the problem." answer a question the talk asked).
    risk: (s) =>
      !spoken(s) &&
      !HEARD.test(s.text) &&
      (!talk.has(s.source.id) ||
        labelled(s) ||
        (!PERSONAL.test(s.text) && isStatementSentence(s.text) && !isAnaphoric(s.text) && s.text.split(/\s+/).length >= 8)),
  };
}

/** "Boiler.", "Freight and margin.", "Hood River staffing": a list item's title, no sentence. */
export function isListTitle(text: string): boolean {
  const t = text.trim();
  return t.split(/\s+/).length <= 6 && /^[\p{Lu}\d]/u.test(t) && /[\p{L}\d)][.:]?$/u.test(t) && !hasVerb(t);
}

const MAX_WORDS = 45;

/**
 * Statements with each list item that opens on a title said as one point, "Title: its sentences"
 * (up to about 45 words), at the place of the item's first statement; the item's other statements
 * are not said again. Statements outside such items are kept as they are.
 */
export function withListTitles<S extends Statement>(list: readonly S[], insights: Pick<Insights, "sentences">): S[] {
  const bySource = new Map<string, Sentence>();
  for (const s of insights.sentences) {
    bySource.set(`${s.source.id}\u0000${s.text}`, s);
    // A title too short to be a sentence of its own ("Boiler.") is found through its item's sentences.
    const title = s.listItem?.[0];
    if (title && !bySource.has(`${s.source.id}\u0000${title}`)) bySource.set(`${s.source.id}\u0000${title}`, s);
  }
  const done = new Set<string>();
  const out: S[] = [];
  for (const st of list) {
    const at = bySource.get(`${st.source.id}\u0000${st.text}`);
    const item = at?.listItem;
    const title = item?.[0];
    if (!at || !item || item.length < 2 || !title || !isListTitle(title) || !item.includes(st.text)) {
      out.push(st);
      continue;
    }
    const key = `${st.source.id}\u0000${at.block ?? title}\u0000${title}`;
    if (done.has(key)) continue;
    done.add(key);
    const said: string[] = [];
    let words = 0;
    for (const sentence of item.slice(1)) {
      const n = sentence.split(/\s+/).length;
      if (said.length > 0 && words + n > MAX_WORDS) break;
      said.push(sentence);
      words += n;
    }
    out.push({ ...st, text: `${title.trim().replace(/[.:]$/, "")}: ${said.join(" ")}` });
  }
  return out;
}

// The author's own heading for what was done: "Progress", "Done this month", "Highlights", "What we did".
const PROGRESS_HEADING =
  /\b(?:progress|done|completed|achieve(?:d|ments?)|highlights?|what we did|what went well|delivered|milestones? (?:met|reached))\b/i;
const NOT_PROGRESS_HEADING = /\b(?:risks?|issues?|next|plans?|blockers?|to ?do)\b/i;

/**
 * The statements under the author's own progress heading, in their order: the author said this is
 * what moved, whatever verb says it ("The new filtration plant was commissioned on 28 October").
 */
export function authorsProgress(insights: Pick<Insights, "sentences">): Statement[] {
  return [...insights.sentences]
    .filter(
      (s) =>
        s.focused &&
        !!s.section &&
        PROGRESS_HEADING.test(s.section) &&
        !NOT_PROGRESS_HEADING.test(s.section) &&
        isStatementSentence(s.text) &&
        !s.kinds.some((k) => k === "risk" || k === "issue" || k === "plan"),
    )
    .sort((a, b) => a.id - b.id)
    .map((s) => ({
      kind: "achievement" as const,
      text: s.text,
      section: s.section,
      source: s.source,
      sourceRank: s.sourceRank,
      focused: s.focused,
      score: s.score,
    }));
}

const YOU = /\b(?:you|your|you'll|you're|you've)\b/i;

/**
 * Items that speak to their readers as "you" in at least a third of their sentences (and at least
 * three): a newsletter, a notice or a web page for customers, whatever its file is called
 * ("residents-update.html": "Your black bin will be emptied every two weeks").
 */
export function addressesItsReaders(sentences: readonly Pick<Sentence, "text" | "source">[]): Set<string> {
  const count = new Map<string, { you: number; all: number }>();
  for (const s of sentences) {
    const c = count.get(s.source.id) ?? { you: 0, all: 0 };
    c.all++;
    if (YOU.test(s.text)) c.you++;
    count.set(s.source.id, c);
  }
  return new Set([...count].filter(([, c]) => c.you >= 3 && c.you * 3 >= c.all).map(([id]) => id));
}
