// The markdown subset our documents use, parsed into blocks for the PDF skill: ATX headings,
// paragraphs, bullet and numbered lists, pipe tables (with their column alignment), block quotes,
// GitHub alerts as call-outs (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`) and rules. Inline markup is
// reduced to bold runs; links keep their text. Anything else is kept as plain text.

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list"; ordered: boolean; items: string[] }
  | { kind: "table"; header: string[]; rows: string[][]; align?: ("left" | "right" | "center")[] }
  | { kind: "quote"; text: string }
  | { kind: "callout"; variant: CalloutVariant; text: string }
  | { kind: "rule" };

export type CalloutVariant = "note" | "tip" | "important" | "warning" | "caution";

export interface Run {
  text: string;
  bold: boolean;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const ALERT = /^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/i;

export function parseMarkdownBlocks(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  const at = (n: number) => lines[n] ?? "";
  while (i < lines.length) {
    const line = at(i);
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = Math.min(3, heading[1]?.length ?? 1) as 1 | 2 | 3;
      blocks.push({ kind: "heading", level, text: heading[2] ?? "" });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: "rule" });
      i++;
      continue;
    }
    if (TABLE_ROW.test(line) && TABLE_RULE.test(at(i + 1))) {
      const header = splitRow(line);
      const rule = fitRow(splitRow(at(i + 1)), header.length);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && TABLE_ROW.test(at(i))) rows.push(fitRow(splitRow(at(i++)), header.length));
      const table: Block = { kind: "table", header, rows };
      const align = rule.map((r) => (/^:-+:$/.test(r) ? "center" : /-:$/.test(r) ? "right" : "left"));
      if (align.some((a) => a !== "left")) table.align = align;
      blocks.push(table);
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const m = pattern.exec(at(i));
        if (m) {
          items.push(m[1] ?? "");
        } else if (at(i).trim() !== "" && /^\s{2,}/.test(at(i)) && items.length > 0) {
          items[items.length - 1] += ` ${at(i).trim()}`; // a wrapped continuation line
        } else {
          break;
        }
        i++;
      }
      blocks.push({ kind: "list", ordered, items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      const parts: string[] = [];
      while (i < lines.length && /^\s*>/.test(at(i))) parts.push(at(i++).replace(/^\s*>\s?/, ""));
      const alert = ALERT.exec(parts[0] ?? "");
      if (alert) {
        const rest = [(parts[0] ?? "").slice(alert[0].length), ...parts.slice(1)].join(" ").trim();
        blocks.push({ kind: "callout", variant: (alert[1] ?? "note").toLowerCase() as CalloutVariant, text: rest });
      } else {
        blocks.push({ kind: "quote", text: parts.join(" ").trim() });
      }
      continue;
    }
    const parts: string[] = [];
    while (i < lines.length) {
      const l = at(i);
      if (l.trim() === "" || HEADING.test(l) || BULLET.test(l) || NUMBERED.test(l) || RULE.test(l) || /^\s*>/.test(l)) break;
      if (TABLE_ROW.test(l) && TABLE_RULE.test(at(i + 1))) break;
      parts.push(l.trim());
      i++;
    }
    blocks.push({ kind: "paragraph", text: parts.join(" ") });
  }
  return blocks;
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  // A cell may contain an escaped pipe (\|).
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function fitRow(cells: string[], width: number): string[] {
  const row = cells.slice(0, width);
  while (row.length < width) row.push("");
  return row;
}

/** Inline markup → runs: **bold** kept as bold, links to their text, code and emphasis marks dropped. */
export function inlineRuns(text: string): Run[] {
  const plain = text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\((?:[^)]*)\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, "$1$2");
  const runs: Run[] = [];
  const re = /\*\*(.+?)\*\*|__(.+?)__/g;
  let last = 0;
  for (let m = re.exec(plain); m; m = re.exec(plain)) {
    if (m.index > last) runs.push({ text: plain.slice(last, m.index), bold: false });
    runs.push({ text: m[1] ?? m[2] ?? "", bold: true });
    last = m.index + m[0].length;
  }
  if (last < plain.length) runs.push({ text: plain.slice(last), bold: false });
  // Backslash escapes (\* \_ \| …) are undone last, so an escaped ** never starts a bold run.
  return runs.map((r) => ({ ...r, text: r.text.replace(/\\([\\`*_[\]<>|#])/g, "$1") })).filter((r) => r.text !== "");
}

export function plainText(text: string): string {
  return inlineRuns(text)
    .map((r) => r.text)
    .join("");
}
