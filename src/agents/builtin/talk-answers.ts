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
  /^(?:\.{2,}|…)?\s*(?:thanks|thank\s+you|that'?s\s+(?:fair|great|helpful|useful|really\s+useful)|noted|good\s+(?:idea|point)|be\s+as\s+\w+\s+as\s+you\s+like|i'?ll\s+take\s+it\s+to|i'?ll\s+write\s+(?:this|it|that|these|them)\s+up|we'?ll\s+(?:write|get)\s+back|let'?s\s+(?:start|begin|wrap))/i;
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

/**
 * A line with the label block-speakers.ts gave its turn: set before it, or in place of the line's own
 * label when that names the same person without a role ("Priya Nair: …" → "Priya Nair (parent): …").
 */
export function withLabel(label: string, line: string): string {
  const own = speakerOf(line);
  const name = label.replace(/\s*\([^()]*\)\s*$/, "");
  return own.speaker !== null && own.speaker === name ? `${label}: ${own.rest}` : `${label}: ${line}`;
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
  const blocks = new Map<string, Map<number, readonly string[]>>();
  for (const s of insights.sentences) {
    if (s.block === undefined) continue;
    const byBlock = blocks.get(s.source.id) ?? new Map<number, readonly string[]>();
    // (A label ingest set apart before the paragraph labels its first line: block-speakers.ts.)
    const lines = s.paragraph ?? [s.text];
    if (!byBlock.has(s.block)) byBlock.set(s.block, s.speaker && lines[0] ? [withLabel(s.speaker, lines[0]), ...lines.slice(1)] : lines);
    blocks.set(s.source.id, byBlock);
  }
  for (const [id, byBlock] of blocks) {
    const counts = new Map<string, number>();
    // (A transcript typed without blank lines is one paragraph whose lines are the turns: each labelled line is one.)
    let turns = 0;
    for (const lines of byBlock.values()) {
      const labelled = lines.map((l) => speakerOf(l).speaker).filter((sp): sp is string => sp !== null);
      for (const sp of labelled) counts.set(who(sp), (counts.get(who(sp)) ?? 0) + 1);
      turns += Math.max(1, labelled.length);
    }
    const labelled = [...counts.values()].reduce((a, b) => a + b, 0);
    const repeated = [...counts.values()].filter((n) => n >= 2).length;
    if (repeated >= 2 && labelled * 2 >= turns) out.add(id);
  }
  return out;
}

// A recording's own line inside a turn ("[00:02:12] [Recording ended — 00:02:12]", "[end of recording]"): no words of the speaker's.
const RECORDING_LINE = /^\s*(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*)*(?:\[[^\]]*\]|\((?:recording|transcript)[^)]*\))\s*$/i;

/**
 * A paragraph's lines split into turns: a transcript typed without blank lines ("EN: OK, we're on." /
 * "PO: In Opeta the women said …") is one paragraph, each of its labelled lines opening a turn. Each
 * part with the block's sentences its lines hold.
 */
function splitTurns(lines: readonly string[], list: readonly Sentence[]): { lines: string[]; sentences: Sentence[] }[] {
  const opens = lines.map((l, i) => i === 0 || speakerOf(l).speaker !== null);
  if (opens.filter(Boolean).length < 2 || lines.slice(1).every((l) => speakerOf(l).speaker === null))
    return [{ lines: [...lines], sentences: [...list] }];
  const parts: { lines: string[]; sentences: Sentence[] }[] = [];
  const partOf: number[] = [];
  for (const [i, l] of lines.entries()) {
    if (opens[i]) parts.push({ lines: [], sentences: [] });
    parts[parts.length - 1]!.lines.push(l);
    partOf.push(parts.length - 1);
  }
  // (Each sentence in the line that holds it, read in order; one ingest reworded stays with the last found.)
  let at = 0;
  for (const s of list) {
    const j = lines.findIndex((l, i) => i >= at && (l === s.text || l.includes(s.text) || s.text.includes(l)));
    if (j >= 0) at = j;
    parts[partOf[at] ?? 0]!.sentences.push(s);
  }
  return parts.filter((p) => p.sentences.length > 0);
}

/** A talk item's turns in order: each paragraph one speaker's turn (or each labelled line of one). */
function turnsOf(sentences: readonly Sentence[]): Turn[] {
  const byBlock = new Map<number, Sentence[]>();
  for (const s of [...sentences].sort((a, b) => a.position - b.position))
    if (s.block !== undefined) byBlock.set(s.block, [...(byBlock.get(s.block) ?? []), s]);
  return [...byBlock]
    .sort(([a], [b]) => a - b)
    .flatMap(([block, all]) =>
      splitTurns(all[0]!.paragraph ?? all.map((s) => s.text), all).map((part, i) => ({
        block,
        ...part,
        label: i === 0 ? all[0]!.speaker : undefined,
      })),
    )
    .map(({ block, lines, sentences: list, label }) => {
      // (… or the label ingest set apart before the paragraph, or the attendees line's role for its own.)
      const own = speakerOf(label ? withLabel(label, lines[0] ?? "") : (lines[0] ?? ""));
      const { speaker, rest } = own;
      const said = [rest, ...lines.slice(1)].map((l) => l.trim()).filter((l) => l.length > 0 && !RECORDING_LINE.test(l));
      // (Kept whole when nothing else would be left.)
      let from = 0;
      while (from < said.length - 1 && asideLine(said[from]!)) from++;
      let to = said.length;
      while (to > from + 1 && (/\?\s*$/.test(said[to - 1]!) || COURTESY.test(said[to - 1]!))) to--;
      const acknowledges = ACKNOWLEDGES.test(said[0] ?? "") && !NAMES_ITS_POINT.test(said[0] ?? "");
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
// ("Yes — the Snow Wardens.": after its dash the reply names what it is about — an answer, kept.)
const NAMES_ITS_POINT = /^\p{L}+[,.!]?\s*[—–:]\s*\S/u;

function asideLine(line: string): boolean {
  const words = (line.match(/\p{L}+/gu) ?? []).length;
  return (
    (words <= 4 && ACKNOWLEDGES.test(line) && !NAMES_ITS_POINT.test(line)) ||
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
  // (A sentence reporting what the people said — "People told us the drive is the worst part": its
  // speaker relays them, see relayed below.)
  reports?: (s: Sentence) => boolean,
): TalkAnswers {
  const prompts = new Set<number>();
  const answers: TalkAnswers["answers"] = new Map();
  if (asked.length === 0 && !asksAbout && !reports) return { prompts, answers };
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
    const relayers = reports ? relayed(turns, at < 0 ? null : turns[at]!.speaker, reports, answers) : new Set<string>();
    if (at < 0) continue;
    const host = turns[at]!.speaker;
    // (Beside a relayer, the others in the call are the audience: their remarks — "That's the
    // callback question again.", "Put it in the plan." — are the host's, not answers.)
    const audience = (t: Turn) => relayers.size > 0 && t.speaker !== null && !relayers.has(who(t.speaker));
    // (The turn after the asking replies to it, as a turn after a question replies to that.)
    const asking = turns[at]!.sentences.filter((s) => prompts.has(s.id)).pop();
    for (const [i, turn] of turns.slice(at + 1).entries()) {
      if (i === 0 && !turn.replyTo) turn.replyTo = asking;
      // ("Yes, at Odyeka. People said …" after "Did anyone raise the water quality issue?" answers it: a
      // "yes" opening a reply to a question is no host taking an answer in.)
      const hosting =
        (host !== null && turn.speaker !== null && who(turn.speaker) === who(host)) ||
        (turn.acknowledges && !(turn.replyTo && /^(?:yes|yeah|no|sure)\b/i.test(speakerOf(turn.sentences[0]?.text ?? "").rest))) ||
        audience(turn);
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

/** A turn's sentence that answers as said: no question, courtesy or fragment of three words or fewer. */
function answersAsSaid(s: Sentence): boolean {
  const said = speakerOf(s.text).rest;
  return !/\?\s*$/.test(said) && !COURTESY.test(said) && (said.match(/\p{L}+/gu) ?? []).length > 3;
}

/**
 * A debrief's relayer: the one who went out and asked (a field officer, a research agency) reports in
 * the call what the people said — "People told us the drive is the worst part" — and goes on without
 * saying so again: "Business travellers were very clear: they need to be at the hub before 9 a.m.",
 * "Under £150 return, or they'll drive". Every turn of a speaker who reports them, other than the
 * host who asked, answers as a reply to the asking would.
 */
function relayed(
  turns: readonly Turn[],
  host: string | null,
  reports: (s: Sentence) => boolean,
  answers: TalkAnswers["answers"],
): Set<string> {
  // (By the whole label: "Resident (Orchard House, flat)" and "Resident (Millfield, house)" are two people.)
  const label = (speaker: string) => speaker.toLowerCase().replace(/\s+/g, " ").trim();
  const relaying = turns.filter((t) => t.speaker !== null && (host === null || who(t.speaker) !== who(host)) && t.sentences.some(reports));
  const labels = new Set(relaying.map((t) => label(t.speaker!)));
  const relayers = new Set(relaying.map((t) => who(t.speaker!)));
  for (const turn of turns) {
    if (turn.speaker === null || !labels.has(label(turn.speaker))) continue;
    for (const s of turn.sentences) if (!answers.has(s.id) && answersAsSaid(s)) answers.set(s.id, { weight: 1, turn });
  }
  return relayers;
}

// A turn taking up the one before: "Good ask.", "Agreed — put it in the plan.", "Let's do that.".
const TAKES_UP =
  /^(?:(?:that'?s\s+a\s+|a\s+)?(?:good|great|fair)\s+(?:ask|idea|call|shout|suggestion)|agreed|approved|yes,?\s+(?:let'?s|do\s+it|go\s+ahead|put\s+it)|let'?s\s+do\s+(?:it|that|this)|go\s+ahead|put\s+it\s+(?:in|on)|add\s+it\s+to|we'?ll\s+do\s+(?:it|that|this))\b/i;

/**
 * The sentences of talk whose turn the next speaker took up ("… they want a pump mechanic trained in
 * the parish." — "That's a good ask. Put it in the phase 3 plan."): a request there has its decision.
 */
export function takenUp(insights: Pick<Insights, "sentences" | "conversations">): Set<number> {
  const out = new Set<number>();
  for (const id of talkSources(insights)) {
    const turns = turnsOf(insights.sentences.filter((s) => s.source.id === id));
    for (const [i, turn] of turns.entries()) {
      const next = turns[i + 1];
      const other = next && (!next.speaker || !turn.speaker || who(next.speaker) !== who(turn.speaker));
      const opening = next ? speakerOf(next.sentences[0]?.text ?? "").rest : "";
      if (other && TAKES_UP.test(opening)) for (const s of turn.sentences) out.add(s.id);
    }
  }
  return out;
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

/**
 * The turns of a meeting held with the people a brief asks about — a debrief, a focus group, a panel
 * whose title or opening line names them ("pickers-debrief" for what the picking crew said, "Volunteer
 * focus group" for what volunteers told us): its speakers are those people, though no label gives them
 * a role, except whoever chairs it — the one who puts the question to the room ("Tell me honestly what
 * worked") and anyone whose every turn only takes the last in ("Noted. And …"). Every sentence of the
 * others' turns answers as said (weight 1, with its turn, the first replying to the asking); the
 * chair's askings are prompts, never answers.
 */
export function memberTurns(
  insights: Pick<Insights, "sentences" | "conversations">,
  namesThem: (title: string, opening: string) => boolean,
): TalkAnswers {
  const prompts = new Set<number>();
  const answers: TalkAnswers["answers"] = new Map();
  const bySource = new Map<string, Sentence[]>();
  for (const s of insights.sentences) bySource.set(s.source.id, [...(bySource.get(s.source.id) ?? []), s]);
  for (const sentences of bySource.values()) {
    const first = [...sentences].sort((a, b) => a.position - b.position)[0]!;
    if (!namesThem(first.source.title, first.text)) continue;
    const turns = turnsOf(sentences);
    const spoken = turns.filter((t) => t.speaker !== null);
    // (Talk: three labelled turns or more, by two speakers or more, on half the item's turns.)
    if (spoken.length < 3 || new Set(spoken.map((t) => who(t.speaker!))).size < 2 || spoken.length * 2 < turns.length) continue;
    // The chair: the speaker of the asking among the first two labelled turns, and whoever only takes answers in.
    const asking = spoken.slice(0, 2).find((t) => t.sentences.some((s) => ASKS.test(speakerOf(s.text).rest)));
    const hosts = new Set<string>(asking ? [who(asking.speaker!)] : []);
    for (const name of new Set(spoken.map((t) => who(t.speaker!))))
      if (spoken.filter((t) => who(t.speaker!) === name).every((t) => t.acknowledges)) hosts.add(name);
    if (hosts.size === 0) continue;
    const asked = asking?.sentences.filter((s) => ASKS.test(speakerOf(s.text).rest)).pop();
    for (const turn of spoken) {
      if (hosts.has(who(turn.speaker!))) {
        for (const s of turn.sentences) if (ASKS.test(speakerOf(s.text).rest)) prompts.add(s.id);
        continue;
      }
      if (!turn.replyTo && asked) turn.replyTo = asked;
      for (const s of turn.sentences) if (answersAsSaid(s)) answers.set(s.id, { weight: 1, turn });
    }
  }
  return { prompts, answers };
}

// A label naming the one who runs the meeting: "Gwen Ellis (facilitator)", "Chair", "Host (library)".
const HOST_ROLE = /\b(?:host|hosting|chair|chairs|chairing|chairperson|facilitat\w*|moderat\w*|convenor|convener|interviewer)\b/i;

/** Each talk item's turns, in order (talkSources' items). */
export function talkTurns(insights: Pick<Insights, "sentences" | "conversations">): Turn[][] {
  return [...talkSources(insights)].map((id) => turnsOf(insights.sentences.filter((s) => s.source.id === id)));
}

/**
 * The hosts of a talk item's turns (as speakerKey names them): the speaker whose label says they host or
 * chair, the one who asks the room in the first two labelled turns, and anyone whose every turn only
 * takes the last in ("Noted.", "Really useful, thank you.").
 */
export function hostsOf(turns: readonly Turn[]): Set<string> {
  const spoken = turns.filter((t) => t.speaker !== null);
  const hosts = new Set<string>();
  for (const t of spoken) if (HOST_ROLE.test(/\(([^()]+)\)\s*$/.exec(t.speaker!)?.[1] ?? t.speaker!)) hosts.add(speakerKey(t.speaker!));
  const asking = spoken.slice(0, 2).find((t) => t.sentences.some((s) => ASKS.test(speakerOf(s.text).rest)));
  if (asking) hosts.add(speakerKey(asking.speaker!));
  for (const name of new Set(spoken.map((t) => speakerKey(t.speaker!))))
    if (spoken.filter((t) => speakerKey(t.speaker!) === name).every((t) => t.acknowledges || COURTESY.test(t.text))) hosts.add(name);
  return hosts;
}

/** The speaker of a turn as hostsOf names them: the name without its role ("Dr Ann Cole (Head of Nursing)" → "dr ann cole"). */
export function speakerKey(speaker: string): string {
  return speaker
    .replace(/\s*\([^()]*\)\s*$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}
