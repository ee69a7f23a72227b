// A context item's text → its ContextAnalysis (src/domain/context-analysis.ts): clean text and
// structure, facts, flags. Runs once when an item is added, and again when an agent reads an item
// analysed by an older ANALYSIS_VERSION. Pure and synchronous: no I/O.
// PLACEHOLDER (foundation commit): paragraphs only, no facts. Replaced by the cleaner + fact extractor.
import { ANALYSIS_VERSION, type ContextAnalysis } from "../../domain/context-analysis.js";

export interface ItemToAnalyse {
  title: string;
  /** The item's text as stored: a note's Markdown, or the text extracted from a file. */
  body: string;
  /** text/markdown, text/plain, text/csv, application/pdf, or null for notes. */
  mime?: string | null | undefined;
}

export function analyseContextItem(item: ItemToAnalyse): ContextAnalysis {
  const paragraphs = item.body
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return {
    version: ANALYSIS_VERSION,
    title: item.title,
    text: paragraphs.join("\n\n"),
    blocks: paragraphs.map((p) => ({ kind: "paragraph" as const, text: p, section: null, sentences: [p] })),
    figures: [],
    entities: [],
    events: [],
    statements: [],
    periods: [],
    flags: [],
  };
}
