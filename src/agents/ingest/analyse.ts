// A context item's text → its ContextAnalysis (src/domain/context-analysis.ts): clean text and
// structure, facts, flags. Runs once when an item is added, and again when an agent reads an item
// analysed by an older ANALYSIS_VERSION. Pure and synchronous: no I/O.
//
// Only the first ANALYSED_CHARS characters are analysed (cut at a line break): an item may hold
// 10 MB of text, but an agent reads a few thousand words of any one item, and the analysis is
// stored as JSON on the row. `truncated` says when and where the cut was made.
import { ANALYSIS_VERSION, type ContextAnalysis } from "../../domain/context-analysis.js";
import { extractFacts } from "../facts/extract-facts.js";
import { cleanContextItem } from "./clean/clean-item.js";

export interface ItemToAnalyse {
  title: string;
  /** The item's text as stored: a note's Markdown, or the text extracted from a file. */
  body: string;
  /** text/markdown, text/plain, text/csv, application/pdf, text/html, application/json, or null for notes. */
  mime?: string | null | undefined;
}

export const ANALYSED_CHARS = 200_000;

export function analyseContextItem(item: ItemToAnalyse): ContextAnalysis {
  // A web page is cut after its markup is read (the cleaner caps its visible text): cut here, a page
  // whose head is 200,000 characters of inline script would have no text at all.
  const page = item.mime === "text/html";
  const body = page ? item.body : capText(item.body, ANALYSED_CHARS);
  const clean = cleanContextItem({ title: item.title, body, mime: item.mime, maxChars: page ? ANALYSED_CHARS : undefined });
  const facts = extractFacts(clean);
  const analysis: ContextAnalysis = {
    version: ANALYSIS_VERSION,
    title: clean.title,
    text: clean.text,
    blocks: clean.blocks,
    ...facts,
    flags: clean.flags,
  };
  if (clean.date) analysis.document_date = clean.date;
  if (clean.chat || (clean.speakers && clean.speakers.length > 0)) analysis.conversation = true;
  if (body.length < item.body.length) analysis.truncated = { analysed_chars: body.length, total_chars: item.body.length };
  if (clean.cut) analysis.truncated = clean.cut;
  return analysis;
}

/** The text up to `max` characters, cut after the last line break before it (or at `max`). */
function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf("\n", max);
  return text.slice(0, cut > max / 2 ? cut : max);
}
