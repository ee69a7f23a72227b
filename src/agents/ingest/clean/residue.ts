// Tag fragments that are not HTML to a parser (an unterminated "<img src=x onerror=alert(1)", a
// tag split by a line break) but are still markup to a reader and to whatever opens the file
// later. Removed wherever text leaves the cleaner.
import type { FlagCollector } from "./flags.js";

const TAG_NAMES =
  "a|abbr|applet|area|audio|b|base|basefont|bdi|bdo|bgsound|blink|body|br|button|canvas|center|code|col|details|dialog|div|em|embed|font|form|frame|frameset|head|html|i|iframe|image|img|input|isindex|keygen|label|layer|li|link|marquee|math|meta|meter|noembed|noframes|noscript|object|ol|option|p|picture|pre|script|select|small|source|span|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|th|title|tr|u|ul|video|xml|xss";
// Unterminated tags of any of these names, and whole tags that are active (scripts, frames, images,
// event handlers) even where a parser saw text (inside code, across lines).
const RESIDUE = new RegExp(
  String.raw`<\/?(?:${TAG_NAMES})(?=[\s/>]|$)[^<>\n]*(?=\n|$|<)|<\/?(?:script|iframe|img|image|svg|object|embed|style|link|meta|base|frame|frameset|applet|xss)(?=[\s/>]|$)[^<>]*>|<[a-z][\w-]*\s[^<>]*\bon[a-z]+\s*=[^<>]*>`,
  "gi",
);
const QUICK = /<\/?[a-z]/i;

export function removeTagResidue(text: string, flags?: FlagCollector): string {
  if (!QUICK.test(text)) return text;
  return text.replace(RESIDUE, (tag) => {
    flags?.add(/\bon[a-z]+\s*=|script|javascript:/i.test(tag) ? "script" : "markup", "unterminated HTML tag removed", tag);
    return "";
  });
}
