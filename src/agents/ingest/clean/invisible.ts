// Characters a reader never sees but a model reads: zero-width joiners and spaces, bidi overrides,
// soft hyphens, and Unicode "tag" characters (U+E0000–E007F), which can spell out whole hidden
// sentences ("ASCII smuggling"). They are removed; tag text is decoded only to show in the flag.
import type { FlagCollector } from "./flags.js";

// ZW space/non-joiner/joiner, LRM/RLM, bidi embeddings and isolates, word joiner and invisible
// operators, BOM, soft hyphen, Mongolian vowel separator.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e]/g;
const TAGS = /[\u{e0000}-\u{e007f}]+/gu;
const QUICK = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\u{e0000}-\u{e007f}]/u;

export function stripInvisible(text: string, flags?: FlagCollector): string {
  if (!QUICK.test(text)) return text;
  let out = text.replace(TAGS, (run) => {
    const decoded = [...run].map((ch) => String.fromCharCode((ch.codePointAt(0) ?? 0xe0020) - 0xe0000)).join("");
    flags?.add("hidden_text", "invisible Unicode tag characters", decoded.replace(/[^\x20-\x7e]/g, ""));
    return "";
  });
  const zeroWidth = out.match(INVISIBLE);
  // A soft hyphen or one stray joiner is ordinary typography; a run of them hides something.
  if (zeroWidth && zeroWidth.length > 2)
    flags?.add("hidden_text", "zero-width or direction-control characters", `${zeroWidth.length} characters`);
  out = out.replace(INVISIBLE, "");
  return out;
}
