// A transcript's hesitations and the transcriber's notes ("Um, so the quarter …", "[inaudible]")
// are how it was said, not what: a quoted line keeps its words without them.
const FILLER = /(^|[\s,;(])(?:u+m+|u+h+|e+r+m+|h+m+)(?:,\s*|\s+(?=\p{Ll}))/giu;
const TRANSCRIBER_NOTE =
  /\s*\[(?:inaudible|crosstalk|laughter|laughs|pause|silence|music|background noise|unclear|indistinct)[^\]]{0,20}\]\s*/gi;

export function withoutHesitations(text: string): string {
  const out = text
    .replace(TRANSCRIBER_NOTE, " ")
    .replace(FILLER, "$1")
    .replace(/[ \t]{2,}/g, " ");
  // "Um, so the quarter …" → "So the quarter …": a line that began with a hesitation begins with its first word.
  return out !== text && /^\s*\p{Ll}/u.test(out) && !/^\s*\p{Ll}/u.test(text)
    ? out.replace(/^(\s*)(\p{Ll})/u, (_m, sp: string, c: string) => sp + c.toUpperCase())
    : out;
}
