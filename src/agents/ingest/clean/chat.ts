// Chat exports (Slack, Teams, Discord, WhatsApp pasted or saved as text): who spoke and when is
// metadata, like an e-mail's header, not a sentence of the conversation. Recognised lines:
//   "Theo Lind  11:58 AM", "Ana Silva — Yesterday at 4:12 PM", "Ana Silva — 03/14/2026 4:12 PM",
//   "Dana Reyes  9:02 AM (Mon 26 Oct)", "Theo Lind — Mon 26 Oct 11:58" (a speaker line over the message), "[10:02] Ana: we're live", "[10:02 AM] Ana Silva",
//   "12/03/2026, 10:02 - Ana: we're live" (a speaker prefix on the message's own line);
// thread and edit notes ("4 replies", "(edited)", "View thread"); reaction lines (":eyes: 3",
// "👍 3"); emoji shortcodes (":tada:", ":+1:") anywhere. A speaker line alone is not enough to
// call an item a chat: two are (so "Revenue 12:30" in a note is left alone).

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?`;
/** A day written with words: "Mon 26 Oct", "Monday, 26 October 2026", "Oct 26". */
const WORD_DATE = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?)(?:,?\s+\d{4})?`;
const DAY = String.raw`(?:(?:today|yesterday)\s+at\s+|\d{1,2}[./-]\d{1,2}[./-]\d{2,4},?\s+(?:at\s+)?|${WORD_DATE},?\s+(?:at\s+)?)`;
/** A day after the time, as some exports print it: "9:02 AM (Mon 26 Oct)", "9:02 AM, 26 Oct". */
const DAY_AFTER = String.raw`(?:\s*\(${WORD_DATE}\)|,?\s+${WORD_DATE})`;
/** A display name: one to four words, or a handle ("theo.lind", "@dana"). */
const NAME = String.raw`@?[\p{L}][\p{L}\p{N}._'’-]*(?:\s[\p{L}][\p{L}\p{N}._'’-]*){0,3}`;
/** An IRC/Matrix nick between angle brackets ("<dev_sam>", "<@mira:matrix.org>"). */
const IRC_LINE = /^(\s*(?:\[[^\]\n]{3,30}\]\s*)?)<([@+%&~]?[\p{L}\p{N}_.|^`{}[\]-]{1,32}(?::[\w.-]+)?)>\s+(\S.*)$/u;

/** "Theo Lind 11:58 AM", "Ana Silva — Yesterday at 4:12 PM": a line that is only a name and a time. */
const SPEAKER_OVER = new RegExp(`^(?:${NAME})\\s*(?:[—–|·-]\\s*|\\s)\\s*${DAY}?${TIME}${DAY_AFTER}?$`, "iu");
/** A speaker's team or role after their name, as Teams and Google Chat print it: "Priya Shah (Ops)". */
const ROLE = String.raw`\s*\([^()\n]{1,40}\)`;
/**
 * "[10:02] Ana:", "[10:02 AM] Ana Silva", "12/03/2026, 10:02 - Ana: text", "[02/11/2026 08:12] Priya
 * Shah (Ops) text": the speaker before the message. A role in brackets ends the name, so the message
 * may follow it without a colon.
 */
const SPEAKER_PREFIX = new RegExp(
  `^(\\[?(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4},?\\s+)?${TIME}\\]?\\s*(?:[—–-]\\s*)?(?:${NAME})(?:${ROLE}\\s*:?(?=\\s|$)|:|$))\\s*(.*)$`,
  "iu",
);

/** "Marcus Bell (00:01:02): And the complaints…": a meeting transcript's speaker and timestamp. */
const SPEAKER_TRANSCRIPT = new RegExp(`^((?:${NAME})\\s*[([]\\d{1,2}:\\d{2}(?::\\d{2})?[)\\]]\\s*:)\\s*(.*)$`, "iu");

const THREAD_NOTE =
  /^(?:\d+\s+(?:repl(?:y|ies)|new messages?)|\(edited\)|edited|view thread|reply in thread|show (?:more|less)|last reply\b.*|\S.{0,40}\breplied to a thread\b.*|<?(?:media|image|video|audio|sticker|gif|document) omitted>?|this message was deleted)$/i;

/** ":tada:", ":+1:", ":white_check_mark:" — never a colon-separated ratio or time (no letters there). */
export const SHORTCODE = /(?<![\p{L}\p{N}:/]):(?:[+-]1|[a-z][a-z0-9_+-]{1,40}):(?![\p{L}\p{N}])/giu;
const EMOJI = String.raw`(?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\u{FE0F}|\u{200D}|\p{Emoji_Modifier}|\p{Extended_Pictographic})*`;
/** A line of reactions only: emoji or shortcodes, each with an optional count. */
const REACTIONS = new RegExp(`^(?:(?::(?:[+-]1|[a-z][a-z0-9_+-]{1,40}):|${EMOJI})\\s*(?:\\d+\\s*)?)+$`, "iu");

/** A line that names who spoke and when, on its own line or before the message. */
export function isSpeakerLine(line: string): boolean {
  const t = line.trim();
  if (t.length <= 90 && SPEAKER_OVER.test(t)) return true;
  // A prefix before the message: the line may be long, the prefix may not.
  const m = SPEAKER_PREFIX.exec(t) ?? SPEAKER_TRANSCRIPT.exec(t);
  return !!m?.[1] && m[1].length <= 90;
}

/** "[10:02] Ana: we're live" → ["[10:02] Ana:", "we're live"]; a speaker line alone → [line, ""]; else null. */
export function speakerSplit(line: string): [string, string] | null {
  const t = line.trim();
  if (t.length <= 90 && SPEAKER_OVER.test(t)) return [t, ""];
  const m = SPEAKER_PREFIX.exec(t) ?? SPEAKER_TRANSCRIPT.exec(t);
  if (!m?.[1] || m[1].length > 90) return null;
  return [m[1].trim(), (m[2] ?? "").trim()];
}

/**
 * Who spoke, from a speaker header: "[28/11/2025, 07:58] Priya Shah:" → "Priya Shah", "Marcus Bell
 * (00:01:02):" → "Marcus Bell", "Theo Lind 11:58 AM" → "Theo Lind"; null for a handle ("theo.lind",
 * "@dana"), which names no one a reader would call by name.
 */
export function speakerName(header: string): string | null {
  const name = header
    .trim()
    .replace(/\s*:$/, "")
    .replace(new RegExp(`${ROLE}$`, "u"), "")
    .replace(new RegExp(`^\\[?(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4},?\\s+)?${TIME}\\]?\\s*(?:[—–-]\\s*)?`, "iu"), "")
    .replace(/\s*[([]\d{1,2}:\d{2}(?::\d{2})?[)\]]$/, "")
    .replace(new RegExp(`\\s*(?:[—–|·-]\\s*|\\s)\\s*${DAY}?${TIME}${DAY_AFTER}?$`, "iu"), "")
    .trim();
  if (!/^\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,3}$/u.test(name)) return null;
  return name;
}

/** Thread and edit notes, and reaction lines: what a chat client adds around messages. */
export function isChatNoise(line: string): boolean {
  const t = line.trim();
  return t !== "" && (THREAD_NOTE.test(t) || REACTIONS.test(t));
}

/** A line of reactions only (":eyes: 3", "👍 3 🎉 1"): never content, chat or not. */
export function isReactionLine(line: string): boolean {
  const t = line.trim();
  return t !== "" && REACTIONS.test(t);
}

/** The text without emoji shortcodes, spacing tidied where one stood. */
export function withoutShortcodes(text: string): string {
  if (!text.includes(":")) return text;
  return text
    .replace(SHORTCODE, "")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/ +([.,;!?])/g, "$1")
    .replace(/^[ \t]+|[ \t]+$/gm, "");
}

/** "#launch-boards-3 — exported Tue, Sep 15, 2026": a channel export's title line. */
export function isChannelLine(line: string): boolean {
  return /^#[\p{L}\p{N}][\p{L}\p{N}_.-]*(?:\s|$)/u.test(line.trim());
}

/**
 * IRC and Matrix logs write the speaker as "<nick>" ("[15:01] <dev_sam> jest ESM breakage …"), which
 * an HTML reader would drop as an unknown tag, gluing every message into one run-on paragraph. With
 * two or more such lines the item is a chat: each becomes "[15:01] dev_sam: …", the form the speaker
 * readers know. One such line is left alone ("<b> bold" in a note is markup, not a speaker).
 */
export function withIrcSpeakers(body: string): string {
  const lines = body.split("\n");
  if (lines.filter((l) => IRC_LINE.test(l)).length < 2) return body;
  return lines
    .map((l) => {
      const m = IRC_LINE.exec(l);
      if (!m) return l;
      const nick = (m[2] ?? "").replace(/^[@+%&~]/, "").replace(/:[\w.-]+$/, "");
      return `${m[1] ?? ""}${nick}: ${m[3] ?? ""}`;
    })
    .join("\n");
}

/**
 * "Dana Okafor (chair): Let's start with the budget." — a transcript or minutes written as name,
 * role and what was said, without timestamps. "Option A (towpath upgrade): …" and "Cost (£m): 3.2"
 * have the same shape, so the item is read as a conversation only when two or more people speak
 * this way and one of them speaks again (a turn: "Dana (chair): …" or later just "Dana: …");
 * a role is words ("chair", "finance lead", "resident") or a title's letters (CEO), never a unit.
 */
const PERSON = String.raw`\p{Lu}[\p{Ll}'’-]+(?:\s\p{Lu}[\p{L}'’-]+){0,2}`;
const SPEAKER_ROLE = new RegExp(`^((${PERSON})\\s*\\(([^()\\n]{2,40})\\)\\s*:)\\s*(.*)$`, "u");
const SPEAKER_NAMED = new RegExp(`^((${PERSON})\\s*:)\\s*(.*)$`, "u");

function roleLike(role: string): boolean {
  return !/[\d£$€¥%/]/.test(role) && (/\p{Ll}{3}/u.test(role) || /^(?:CEO|CFO|CTO|COO|CIO|CMO|PM|HR|IT|QA|UX|GP|MP|VP)\b/.test(role));
}

/** The people a "Name (role): …" transcript's turns name, or null when the item is no such transcript. */
export function transcriptSpeakers(lines: readonly string[]): Set<string> | null {
  const roles = new Set<string>();
  for (const l of lines) {
    const m = SPEAKER_ROLE.exec(l.trim());
    if (m?.[2] && m[3] && roleLike(m[3])) roles.add(m[2]);
  }
  if (roles.size < 2) return null;
  const turns = new Map<string, number>();
  for (const l of lines) {
    const name = transcriptSplit(l, roles)?.[2];
    if (name) turns.set(name, (turns.get(name) ?? 0) + 1);
  }
  return Math.max(...turns.values()) >= 2 ? roles : null;
}

/** "Dana (chair): text" → ["Dana (chair):", "text", "Dana"] for one of the transcript's speakers, else null. */
export function transcriptSplit(line: string, speakers: ReadonlySet<string>): [string, string, string] | null {
  const t = line.trim();
  const m = SPEAKER_ROLE.exec(t) ?? SPEAKER_NAMED.exec(t);
  const name = m?.[2];
  if (!m?.[1] || !name || !speakers.has(name)) return null;
  return [m[1], (m[m.length - 1] ?? "").trim(), name];
}

/** A line that opens with "Name (role):" (a turn of a transcript, when the item proves to be one). */
export function opensWithRole(line: string): boolean {
  const m = SPEAKER_ROLE.exec(line.trim());
  return !!m?.[3] && roleLike(m[3]);
}
