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
  /** The table lists attributes down its side and options across its top (see attributesDown). */
  transposed?: boolean;
  /** Whose claim the sentence passes on (Block.claimOf): read for names only, never for facts. */
  claimOf?: string;
}

export function textUnits(blocks: readonly Block[]): TextUnit[] {
  const units: TextUnit[] = [];
  let previous: Block["kind"] | null = null;
  for (const block of blocks) {
    const cued = block.kind === "list_item" || block.kind === "quote" || previous === "heading";
    previous = block.kind;
    if (block.kind === "paragraph" || block.kind === "list_item" || block.kind === "quote") {
      for (const sentence of block.sentences) {
        const unit: TextUnit = { text: sentence, section: block.section, block: block.kind, cued };
        if (block.claimOf !== undefined) unit.claimOf = block.claimOf;
        units.push(unit);
      }
    } else if (block.kind === "table" && block.rows) {
      const [header, ...rows] = block.rows;
      const transposed = attributesDown(header ?? [], rows);
      for (const row of rows) {
        if (row.every((c) => !c)) continue;
        const unit: TextUnit = { text: row.join(" | "), section: block.section, block: "table", cued, cells: row, header: header ?? [] };
        if (transposed) unit.transposed = true;
        units.push(unit);
      }
    }
  }
  return units;
}

/**
 * "| | Kungsholmen | Solna Centrum | Täby |" over "Rent per month", "Footfall (weekday)": an empty
 * corner, names across the top (no word in lower case) and attributes down the side (most with a
 * word in lower case). A vendor table with an empty corner ("| | Price | Seats |" over "Zendesk")
 * is the other way round, and stays so.
 */
export function attributesDown(header: readonly string[], rows: readonly string[][]): boolean {
  if ((header[0] ?? "").trim() !== "" || header.length < 3 || rows.length < 2) return false;
  const lower = (t: string) => /(?:^|\s)\p{Ll}/u.test(t.replace(/\([^)]*\)/g, ""));
  const names = header.slice(1).filter((h) => h.trim() !== "");
  const labels = rows.map((r) => r[0] ?? "").filter((l) => l.trim() !== "");
  if (names.length < 2 || names.some(lower)) return false;
  if (labels.filter(lower).length * 2 > labels.length) return true;
  // Or each row's values are of one kind ("SEK …" across, "… m²" across) while the rows differ:
  // a row is one attribute of every option.
  const kind = (cell: string) =>
    cell
      .replace(/[\d.,\s\u00a0+~≈<>-]+/g, " ")
      .trim()
      .toLowerCase();
  const rowKinds = rows.map(
    (r) =>
      new Set(
        r
          .slice(1)
          .filter((c) => /\d/.test(c))
          .map(kind),
      ),
  );
  return rowKinds.every((k) => k.size === 1) && new Set(rowKinds.flatMap((k) => [...k])).size >= 2;
}
