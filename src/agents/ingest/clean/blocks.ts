// The cleaner's intermediate shape: a block of visible text before sentence splitting and the
// injection filter. `text` holds "\n" only where a line break ends a unit of meaning.
import { isChatNoise, isSpeakerLine, opensWithRole } from "./chat.js";

export interface RawBlock {
  kind: "heading" | "paragraph" | "list_item" | "table" | "quote" | "code";
  text: string;
  level?: number;
  rows?: string[][];
  /** A paragraph that is only bold or italic text ("**Next steps**"): a title when short. */
  emphasisOnly?: boolean;
  /** A heading read from layout alone (a short line standing by itself in plain text), not marked by its author. */
  guessed?: boolean;
  /** Not content (boilerplate.ts): shown in the clean text, never split into sentences or read for facts. */
  aside?: "header" | "navigation" | "signature";
  /** A message forwarded into a chat (claims.ts): whose claim it passes on. */
  claimOf?: string;
}

/**
 * Around a link's visible text while blocks are read (private-use characters, removed from the
 * body first): a line that is only links is navigation. boilerplate.ts removes them again.
 */
export const LINK_OPEN = "\uE000";
export const LINK_CLOSE = "\uE001";
export const LINK_MARKS = /[\uE000\uE001]/g;

/**
 * Where a raw-HTML block's structure was (a wiki export: `<h2>`, `<li>`, `<table>`): reduceHtml
 * writes these (private-use characters, removed from the body first) when asked, and
 * html-blocks.ts turns the marked text into headings, list items and tables.
 */
export const HTML_MARK = {
  /** `<h1>` … `<h6>`: HEADING + level − 1. */
  heading: 0xe020,
  item: "\uE011",
  row: "\uE012",
  cell: "\uE013",
  close: "\uE014",
  tableEnd: "\uE015",
} as const;
export const HTML_MARKS = /[\uE011-\uE015\uE020-\uE025]/g;

/** Joins the lines of a paragraph: a line break stays a break only where it ends something. */
export function joinSoftLines(lines: readonly string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.replace(/[ \t]+/g, " ").trim();
    if (!line) continue;
    if (!out) {
      out = line;
      continue;
    }
    if (out.endsWith("-") && /^\p{Ll}/u.test(line) && /\p{L}-$/u.test(out)) {
      out = out.slice(0, -1) + line; // a word hyphenated across lines
      continue;
    }
    out += breaksAfter(out.replace(LINK_MARKS, ""), line.replace(LINK_MARKS, "")) ? "\n" + line : " " + line;
  }
  return out;
}

const CONTINUES =
  /\b(?:and|or|but|nor|the|a|an|of|to|in|for|with|by|on|at|from|than|as|into|onto|per|via|versus|vs|between|against|about|around|over|under|within|without|is|are|was|were|be|been|being|would|shall|should|could|might|must|has|have|had|our|their|its|his|her|your|my|this|these|those|which|whose|if|because|although|whereas|while|unless|until|not|some|any|each|every|both|either|neither)$/i;

function breaksAfter(before: string, next: string): boolean {
  // A chat's speaker line ("Theo Lind 11:58 AM") and its reactions (":eyes: 3") are lines of their own.
  if (isSpeakerLine(before.slice(before.lastIndexOf("\n") + 1)) || isSpeakerLine(next) || isChatNoise(next)) return true;
  // "Luis (finance): …" opens a transcript's turn.
  if (opensWithRole(next)) return true;
  if (/[.!?…:]["'”’)\]]*$/.test(before)) return true;
  if (/(?:^|\s)[-_=*]{2,}$|^[-_=*]{2,}\s*\S.*[-_=*]{2,}$/.test(before)) return true; // "-- ", "-----Original Message-----"
  // A line ending on a word no sentence or list line ends on ("an order later than" / "13 March 2026
  // puts the programme at risk", "above the" / "2025 level"): a PDF wrapped it, whatever comes next.
  if (/[,;(\-–—&/]$/.test(before) || CONTINUES.test(before)) return false;
  // A line without end punctuation followed by one that starts like a new unit: a list written as lines.
  return /^[\p{Lu}\p{N}"“'‘(•▪◦·‣*-]/u.test(next);
}
