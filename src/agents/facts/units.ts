// The pieces of text facts are read from: every sentence of a paragraph, list item or quote, and
// every body row of a table (as the row's text in the clean text, cells joined by " | ").
import type { Block } from "../../domain/context-analysis.js";

export interface TextUnit {
  text: string;
  section: string | null;
  block: Block["kind"];
  /** A list item, or the paragraph right under its heading: the heading names what it is ("Risks"). */
  cued: boolean;
  /** For table rows: the cells and the header row. */
  cells?: string[];
  header?: string[];
}

export function textUnits(blocks: readonly Block[]): TextUnit[] {
  const units: TextUnit[] = [];
  let previous: Block["kind"] | null = null;
  for (const block of blocks) {
    const cued = block.kind === "list_item" || block.kind === "quote" || previous === "heading";
    previous = block.kind;
    if (block.kind === "paragraph" || block.kind === "list_item" || block.kind === "quote") {
      for (const sentence of block.sentences) units.push({ text: sentence, section: block.section, block: block.kind, cued });
    } else if (block.kind === "table" && block.rows) {
      const [header, ...rows] = block.rows;
      for (const row of rows) {
        if (row.every((c) => !c)) continue;
        units.push({ text: row.join(" | "), section: block.section, block: "table", cued, cells: row, header: header ?? [] });
      }
    }
  }
  return units;
}
