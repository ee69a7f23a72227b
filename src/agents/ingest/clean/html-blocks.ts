// A raw-HTML block reduced with structure marks (reduceHtml's markStructure) → RawBlocks: a wiki
// page exported as HTML keeps its headings, list items and tables instead of becoming one flat
// paragraph per line — "Risks" over a list is a section whose items are risks, a <table> is a table.
import { HTML_MARK, HTML_MARKS, joinSoftLines, type RawBlock } from "./blocks.js";

type Mode = { kind: "loose" } | { kind: "heading"; level: number } | { kind: "item" } | { kind: "cell" };

const SPLIT = /([\uE011-\uE015\uE020-\uE025])/;

export function blocksFromMarkedHtml(marked: string): RawBlock[] {
  const out: RawBlock[] = [];
  let mode: Mode = { kind: "loose" };
  let table: string[][] | null = null;
  let row: string[] | null = null;
  const endRow = () => {
    if (row && table && row.some((c) => c !== "")) table.push(row);
    row = null;
  };
  const endTable = () => {
    endRow();
    if (table && table.length > 0) out.push({ kind: "table", text: table.map((r) => r.join(" | ")).join("\n"), rows: table });
    table = null;
  };
  const flush = (text: string) => {
    switch (mode.kind) {
      case "heading": {
        const line = oneLine(text);
        if (line) out.push({ kind: "heading", text: line, level: mode.level });
        return;
      }
      case "item": {
        const joined = joinSoftLines(text.split("\n"));
        if (joined) out.push({ kind: "list_item", text: joined });
        return;
      }
      case "cell": {
        if (!row) row = [];
        row.push(oneLine(text));
        return;
      }
      case "loose":
        // Text between a table's cells is layout whitespace; text after a table ends it.
        if (table && text.trim() === "") return;
        if (table && text.trim() !== "") endTable();
        for (const line of text.split("\n")) {
          const l = oneLine(line);
          if (l) out.push({ kind: "paragraph", text: l });
        }
    }
  };
  for (const part of marked.split(SPLIT)) {
    if (part === "") continue;
    if (!HTML_MARKS.test(part)) {
      HTML_MARKS.lastIndex = 0;
      flush(part);
      continue;
    }
    HTML_MARKS.lastIndex = 0;
    const code = part.charCodeAt(0);
    if (code >= HTML_MARK.heading && code <= HTML_MARK.heading + 5) {
      if (table) endTable();
      mode = { kind: "heading", level: code - HTML_MARK.heading + 1 };
    } else if (part === HTML_MARK.item) {
      if (table) endTable();
      mode = { kind: "item" };
    } else if (part === HTML_MARK.row) {
      endRow();
      table ??= [];
      row = [];
      mode = { kind: "loose" };
    } else if (part === HTML_MARK.cell) {
      table ??= [];
      row ??= [];
      mode = { kind: "cell" };
    } else if (part === HTML_MARK.close) {
      mode = { kind: "loose" };
    } else if (part === HTML_MARK.tableEnd) {
      endTable();
      mode = { kind: "loose" };
    }
  }
  if (table) endTable();
  return out;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
