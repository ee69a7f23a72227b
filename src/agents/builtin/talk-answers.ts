// A brief's question answered in talk: a meeting, a panel or a huddle where someone asks the room
// what the brief asks ("We want to know what gets in the way when you borrow e-books", "I want to
// understand why new patients here are still waiting"), and the others answer in their own words
// ("The waiting lists. … Eleven weeks!", "About a third of our new patients only gave a landline.").
// Those answers share few words with the brief's question, yet they are what it asks for: a reader
// of the brief wants them quoted, turn by turn, not the asking itself.
import type { Group, Insights, Sentence } from "./insights.js";
import { contentStemsOf } from "./insights.js";
import { headline } from "./compose-kit.js";

// A speaker label opening a transcript's turn: "Dana:", "Luis Carvalho:", "Marcus (scheduler):",
// "Dr. Okoye:". (A label and value — "Hood River: offer a relocation package" — opens one block in a
// report; a transcript repeats its speakers, which is what tells the two apart: see talkSources.)
const SPEAKER = /^((?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}(?:\s*\([^()]{1,40}\))?):\s+(?=\S)/u;
// A recording's time stamp opening a turn: "[00:05:20] ", "00:01:37 ", "(12:04) ".
const STAMP = /^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s+(?=\S)/;
// The asking: "we want to know …", "I'd like to understand …", "tell us …", or a question.
const ASKS =
  /\?\s*$|\b(?:want|wanted|would\s+like|'d\s+like|need|needed|trying|here|hoping)\s+to\s+(?:know|understand|hear|find\s+out|learn|get\s+to\s+the\s+bottom\s+of)\b|\b(?:tell|give)\s+(?:me|us)\b/i;
// A turn that opens by acknowledging the last one ("That's fair.", "Noted.", "Good idea.", "Thanks"):
// the host taking an answer in, not a new answer.
const ACKNOWLEDGES =
  /^(?:thanks|thank\s+you|that'?s\s+(?:fair|great|helpful|useful|really|good|true)|noted|good\s+(?:idea|point|question|to\s+know)|fair\s+enough|i\s+hear\s+you|got\s+it|understood|okay|ok|right|great|sure|yes|yeah|mm+)\b/i;
// What the host says between answers and to close: courtesies, promises to follow up.
const COURTESY =
  /^(?:\.{2,}|…)?\s*(?:thanks|thank\s+you|that'?s\s+(?:fair|great|helpful|useful|really\s+useful)|noted|good\s+(?:idea|point)|be\s+as\s+\w+\s+as\s+you\s+like|i'?ll\s+take\s+it\s+to|we'?ll\s+(?:write|get)\s+back|let'?s\s+(?:start|begin|wrap))/i;
// A host's recap of what was said ("Okay, summary so far: waiting times …, the login …, and …",
// "So, one dentist, the OHP demand, landlines …, and no evenings."): the answers in one line.
const RECAP =
  /^(?:(?:okay|ok|right|so|well)[,.]?\s+)*(?:(?:(?:summary|summing\s+up|to\s+sum\s+up|to\s+recap|recap)(?:\s+so\s+far)?|so\s+far)\s*[:,]|so,\s)/i;

export interface Turn {
  source: Sentence["source"];
  block: number;
  /** The speaker as the transcript labels the turn ("Marcus (scheduler)"), when it does. */
  speaker: string | null;
  /**
   * The turn as said, without its label: its short sentences ("Eleven weeks!") included, its opening
   * acknowledgement ("Good idea.", "That's the thing.") and closing question ("Anything else?") left out.
   */
  text: string;
  sentences: Sentence[];
  /** The turn opens by taking the last one in ("That's fair.", "Noted."): the host speaking. */
  acknowledges: boolean;
  /** The question of the turn before, by another speaker, that this turn replies to. */
  replyTo?: Sentence | undefined;
}

export interface TalkAnswers {
  /** The sentences that ask the brief's question in the room: the question, not an answer. */
  prompts: Set<number>;
  /** Each answering sentence's weight (2 a recap, 1 an answer, ½ the host's own remark) and its turn. */
  answers: Map<number, { weight: number; turn: Turn; recaps?: Sentence | undefined }>;
}

/** The speaker label a turn opens with, and the rest of its line. */
export function speakerOf(line: string): { speaker: string | null; rest: string } {
  // (After a recording's time stamp: "[00:05:20] Resident (flat): …", "00:01:37 TA: …".)
  const stamp = STAMP.exec(line)?.[0] ?? "";
  const m = SPEAKER.exec(line.slice(stamp.length));
  return m ? { speaker: m[1]!.trim(), rest: line.slice(stamp.length + m[0].length) } : { speaker: null, rest: line };
}

/** "Dana (front desk lead)" and "Dana" are one speaker. */
const who = (speaker: string) =>
  speaker
    .replace(/\s*\([^()]*\)\s*$/, "")
    .split(/\s+/)[0]!
    .toLowerCase();

/**
 * The items that are talk: those ingest read as a chat or transcript, and those whose turns open on
 * speaker labels, two speakers or more each speaking twice or more, on half the item's paragraphs.
 */
export function talkSources(insights: Pick<Insights, "sentences" | "conversations">): Set<string> {
  const out = new Set(insights.conversations ?? []);
  const blocks = new Map<string, Map<number, string>>();
  for (const s of insights.sentences) {
    if (s.block === undefined) continue;
    const byBlock = blocks.get(s.source.id) ?? new Map<number, string>();
    if (!byBlock.has(s.block)) byBlock.set(s.block, s.paragraph?.[0] ?? s.text);
    blocks.set(s.source.id, byBlock);
  }
  for (const [id, byBlock] of blocks) {
    const counts = new Map<string, number>();
    for (const line of byBlock.values()) {
      const { speaker } = speakerOf(line);
      if (speaker) counts.set(who(speaker), (counts.get(who(speaker)) ?? 0) + 1);
    }
    const labelled = [...counts.values()].reduce((a, b) => a + b, 0);
    const repeated = [...counts.values()].filter((n) => n >= 2).length;
    if (repeated >= 2 && labelled * 2 >= byBlock.size) out.add(id);
  }
  return out;
}

/** A talk item's turns in order: each paragraph one speaker's turn. */
function turnsOf(sentences: readonly Sentence[]): Turn[] {
  const byBlock = new Map<number, Sentence[]>();
  for (const s of [...sentences].sort((a, b) => a.position - b.position))
    if (s.block !== undefined) byBlock.set(s.block, [...(byBlock.get(s.block) ?? []), s]);
  return [...byBlock]
    .sort(([a], [b]) => a - b)
    .map(([block, list]) => {
      const lines = list[0]!.paragraph ?? list.map((s) => s.text);
      const { speaker, rest } = speakerOf(lines[0] ?? "");
      const said = [rest, ...lines.slice(1)].map((l) => l.trim()).filter((l) => l.length > 0);
      // (Kept whole when nothing else would be left.)
      let from = 0;
      while (from < said.length - 1 && asideLine(said[from]!)) from++;
      let to = said.length;
      while (to > from + 1 && (/\?\s*$/.test(said[to - 1]!) || COURTESY.test(said[to - 1]!))) to--;
      const acknowledges = ACKNOWLEDGES.test(said[0] ?? "");
      return { source: list[0]!.source, block, speaker, text: said.slice(from, to).join(" "), sentences: list, acknowledges };
    })
    .map((turn, i, turns) => {
      const before = turns[i - 1];
      const last = before?.sentences[before.sentences.length - 1];
      const other = !before?.speaker || !turn.speaker || who(before.speaker) !== who(turn.speaker);
      return last && other && /\?\s*$/.test(last.text) ? { ...turn, replyTo: last } : turn;
    });
}

/** A line opening a turn that only takes the last one in: "Good idea.", "Honestly?", "That's the thing." */
function asideLine(line: string): boolean {
  const words = (line.match(/\p{L}+/gu) ?? []).length;
  return (
    (words <= 4 && ACKNOWLEDGES.test(line)) ||
    COURTESY.test(line) ||
    (words <= 2 && /\?\s*$/.test(line)) ||
    /^that'?s\s+(?:the\s+thing|it|why|the\s+problem|the\s+point)[.!]?$/i.test(line)
  );
}

/**
 * The turns answering the brief's question where it is asked in the room. `asked` are the question's
 * stems beyond its frame, `matches` whether a stem is among a sentence's words: the asking shares two of them and
 * at least two in five ("We want to know what gets in the way when you borrow e-books and audiobooks"
 * for "what frustrates borrowers about e-books and audiobooks"). Every later turn answers it: another
 * speaker's statements fully, a host's recap doubly, a host's own remarks ("On average a hold takes
 * nineteen days now") at half; questions, courtesies and fragments of three words or fewer not at all.
 */
export function talkAnswers(
  insights: Pick<Insights, "sentences" | "conversations">,
  asked: readonly string[],
  matches: (stem: string, s: Sentence) => boolean,
  // (A question about what some people say is asked in the room in other words: "Tess, give us the
  // venue view", "What are the drivers saying?" — an asking naming them is the asking.)
  asksAbout?: (s: Sentence) => boolean,
): TalkAnswers {
  const prompts = new Set<number>();
  const answers: TalkAnswers["answers"] = new Map();
  if (asked.length === 0 && !asksAbout) return { prompts, answers };
  const talk = talkSources(insights);
  for (const id of talk) {
    const turns = turnsOf(insights.sentences.filter((s) => s.source.id === id));
    const at = turns.findIndex((t) =>
      t.sentences.some((s) => {
        const shared = asked.filter((a) => matches(a, s)).length;
        if (!ASKS.test(s.text) || (!(asksAbout?.(s) ?? false) && (shared < 2 || shared * 5 < asked.length * 2))) return false;
        prompts.add(s.id);
        return true;
      }),
    );
    if (at < 0) continue;
    const host = turns[at]!.speaker;
    // (The turn after the asking replies to it, as a turn after a question replies to that.)
    const asking = turns[at]!.sentences.filter((s) => prompts.has(s.id)).pop();
    for (const [i, turn] of turns.slice(at + 1).entries()) {
      if (i === 0 && !turn.replyTo) turn.replyTo = asking;
      const hosting = (host !== null && turn.speaker !== null && who(turn.speaker) === who(host)) || turn.acknowledges;
      for (const s of turn.sentences) {
        const said = speakerOf(s.text).rest;
        if (/\?\s*$/.test(said) || COURTESY.test(said) || (said.match(/\p{L}+/gu) ?? []).length <= 3) continue;
        // (A recap answers the asking itself, as the first reply to it does.)
        const recap = RECAP.test(said);
        answers.set(s.id, { weight: recap ? 2 : hosting ? 0.5 : 1, turn, recaps: recap ? asking : undefined });
      }
    }
    // A turn whose words the host's recap names ("the login and PIN problem", "the text-size …
    // features") is an answer the room registered: half as much again.
    const recapped = [...answers].filter(([, a]) => a.recaps !== undefined && a.turn.source.id === id);
    const named = new Set(recapped.flatMap(([sid]) => [...partsOf(insights.sentences.find((x) => x.id === sid)!.stems)]));
    for (const [sid, a] of answers) {
      if (a.recaps !== undefined || a.turn.source.id !== id) continue;
      const words = new Set(a.turn.sentences.flatMap((x) => [...partsOf(x.stems)]));
      if ([...words].some((w) => w.length >= 4 && named.has(w))) answers.set(sid, { ...a, weight: a.weight + 0.5 });
    }
  }
  return { prompts, answers };
}

/** Stems with their compounds' parts ("text-size" → "text", "size"). */
function partsOf(stems: Set<string>): Set<string> {
  const out = new Set(stems);
  for (const st of stems) if (st.includes("-")) for (const part of contentStemsOf(st.replace(/-/g, " "))) out.add(part);
  return out;
}

/** A turn as a group of its own: a finding quotes one speaker's answer whole. */
export function turnGroup(turn: Turn): Group {
  return { source: turn.source, heading: turn.speaker ?? turn.source.title, sentences: turn.sentences, score: 0 };
}

/**
 * A turn's opening sentence as its heading, when it names what the turn is about: three words or
 * more, no question, no acknowledgement or courtesy, and not leaning on what was said before
 * ("That's the thing.", "It won't …"). "The waiting lists", "Also no evening hours", "We have one dentist".
 */
export function turnOpening(turn: Turn): string | null {
  const opening = turn.text.split(/(?<=[.!?])\s+/)[0]?.trim() ?? "";
  // A recap is headed by what it lists: "So, one dentist, the OHP demand, …" → "One dentist, the OHP demand, …".
  if (RECAP.test(opening)) {
    const listed = headline(opening.replace(RECAP, "").trim(), 72);
    return listed ? listed.replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : null;
  }
  // ("And a lot of the walk-ins are …": the turn's point without its link to the last one.)
  const first = opening.replace(/^(?:and|but)\s+/i, "").replace(/^\p{Ll}/u, (c) => c.toUpperCase());
  const words = first.match(/\p{L}+/gu) ?? [];
  // A suggestion put as a question ("Could the app tell you when a hold will come in?") heads its turn as asked.
  if (/\?$/.test(first))
    return words.length >= 5 && /^(?:could|can|would|why\s+not|what\s+if)\b/i.test(first) && first.length <= 72 ? first : null;
  if (words.length < 3) return null;
  if (words.length > 12) return headline(first, 72);
  // (Nor a speaker saying who they are: "I'm eighty-one", "I've been a member since 2010".)
  if (ACKNOWLEDGES.test(first) || COURTESY.test(first) || /^(?:that|this|it|they|those|these|so|and|but|i'?m|i\s+am|i'?ve)\b/i.test(first))
    return null;
  return first.replace(/[.!]+$/, "").replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}
