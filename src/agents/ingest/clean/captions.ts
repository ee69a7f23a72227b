// A meeting's caption file — WebVTT (Zoom, Teams, Meet save one) or SubRip (.srt) — read as the
// transcript it is. Its cue numbers, timings, settings and comment blocks are the recording's
// machinery, not what was said; a sound description ("[Recording started]", "(laughter)") is no
// one's words; and a tool that cuts one person's turn into five-second cues has still said one
// thing. So the cues become turns, "Speaker: what they said", one paragraph each, which the plain
// text reader takes as any typed transcript. The speakers' roles, when a comment lists the
// participants ("NOTE Participants: Lee Sandham (gritter driver); …"), go with their turns: a
// brief asked what the crews said needs to know who the crews are.

const HEADER = /^\uFEFF?WEBVTT(?:[ \t].*)?$/;
const TIMING = /^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}(?:\s.*)?$/;
/** "<v Kerry Allott>", "<v.loud Kerry Allott>": WebVTT's voice span names who speaks. */
const VOICE = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/;
/** Other cue markup: class, italic, bold, underline, ruby, language spans and cue timestamps. */
const CUE_TAG = /<\/?(?:v|c|i|b|u|ruby|rt|lang)(?:[.\s][^>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}>/g;
/** A sound or action described, not said: "[Recording started]", "(laughter)", "♪ music ♪". */
const SOUND = /^(?:\[[^\]]*\]|\([^)]*\)|♪[^♪]*♪|\s)*$/;
/** "Kerry Allott: …" opening a cue's text (Zoom writes the speaker so). */
const SPEAKER_PREFIX = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*:\s+(?=\S)/u;
const PARTICIPANTS = /^(?:attendees|participants|present|speakers|in\s+attendance)\s*:\s*(.+)$/i;

/** True for a WebVTT file, or a SubRip file (numbered cues with "00:00:01,000 --> …" timings). */
export function isCaptionFile(body: string): boolean {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  if (first < 0) return false;
  if (HEADER.test(lines[first]!.trim())) return true;
  return /^\d+$/.test(lines[first]!.trim()) && TIMING.test(lines[first + 1] ?? "");
}

interface Cue {
  speaker: string | null;
  text: string;
}

/** The caption file as a typed transcript: one "Speaker (role): words" paragraph per turn. */
export function captionsAsTranscript(body: string): string {
  const blocks = body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((b) => b.split("\n").filter((l) => l.trim() !== ""))
    .filter((b) => b.length > 0);
  const roles = new Map<string, string>();
  const cues: Cue[] = [];
  for (const lines of blocks) {
    const head = lines[0]!.trim();
    if (HEADER.test(head)) {
      // The header block may carry comment-like lines of its own (some tools put NOTE lines there).
      readNotes(lines.slice(1), roles);
      continue;
    }
    if (/^NOTE(?:\s|$)/.test(head)) {
      readNotes(lines, roles);
      continue;
    }
    if (/^(?:STYLE|REGION)\s*$/.test(head)) continue;
    const at = lines.findIndex((l) => TIMING.test(l));
    if (at < 0 || at > 1) continue; // no cue: a stray block of the header's or a broken one
    const payload = lines.slice(at + 1);
    if (payload.length === 0) continue;
    for (const cue of cuesOf(payload)) cues.push(cue);
  }
  const turns: Cue[] = [];
  for (const cue of cues) {
    const last = turns.at(-1);
    // One speaker's cues in a row are one turn; cues naming no one go on with whoever spoke.
    if (last && (cue.speaker === null || cue.speaker === last.speaker)) last.text = `${last.text} ${cue.text}`;
    else turns.push({ ...cue });
  }
  return turns
    .map((t) => {
      if (!t.speaker) return t.text;
      const role = roles.get(t.speaker);
      return `${t.speaker}${role ? ` (${role})` : ""}: ${t.text}`;
    })
    .join("\n\n");
}

/** A cue's lines as what was said, by whom when a voice span or a "Name:" prefix says so. */
function cuesOf(payload: readonly string[]): Cue[] {
  const out: Cue[] = [];
  for (const raw of payload) {
    const voice = VOICE.exec(raw.trim());
    const text = raw
      .replace(CUE_TAG, "")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&nbsp;/g, " ");
    const line = text.replace(/\s+/g, " ").trim();
    if (!line || SOUND.test(line)) continue;
    const prefix = voice ? null : SPEAKER_PREFIX.exec(line);
    const speaker = voice?.[1]?.trim() ?? prefix?.[1] ?? null;
    const said = prefix ? line.slice(prefix[0].length) : line;
    // A sound described inside the words ("[crosstalk] so the depot …") is left out too.
    const words = said.replace(/\[[^\]]*\]\s*/g, "").trim();
    if (!words) continue;
    const last = out.at(-1);
    if (last && (speaker === null || speaker === last.speaker)) last.text = `${last.text} ${words}`;
    else out.push({ speaker, text: words });
  }
  return out;
}

/** "Participants: Jo Tremlett; Kerry Allott (Customer Contact Centre lead)" → each person's role. */
function readNotes(lines: readonly string[], roles: Map<string, string>): void {
  for (const line of lines) {
    const listed = PARTICIPANTS.exec(line.replace(/^NOTE\s*/, "").trim());
    if (!listed?.[1]) continue;
    for (const person of listed[1].split(/\s*[;|]\s*|,\s+(?![^()]*\))/)) {
      const m = /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})\s*\(([^)]{1,60})\)$/u.exec(person.trim());
      if (m?.[1] && m[2]) roles.set(m[1], m[2].trim());
    }
  }
}
