// Plain text and text extracted from PDFs → RawBlocks. There is no markup to trust, so structure
// is read from the layout: blank lines part paragraphs, bullet or number marks start list items,
// a short line standing alone without end punctuation is a heading, lines wrapped by a PDF are
// joined again (and words hyphenated across them), "> " quoting makes a quote, and a pasted pipe
// table ("| a | b |" over "|---|---|") is a table.
import { joinSoftLines, type RawBlock } from "./blocks.js";
import { splitQuestionLead } from "./faq.js";
import type { FlagCollector } from "./flags.js";
import { mayContainHtml, reduceHtml } from "./html.js";
import { pastedTableRows } from "./pipe-tables.js";

const BULLET = /^\s*(?:[-*•▪◦·‣–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+/;
const QUOTE = /^\s*(?:>\s?)+/;
const MD_HEADING = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;

export function plainToBlocks(body: string, flags: FlagCollector): RawBlock[] {
  const text = mayContainHtml(body) ? reduceHtml(body, { decodeEntities: true, flags, markLinks: true }) : body;
  const out: RawBlock[] = [];
  for (const chunk of text.split(/\n[ \t]*\n/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const first = lines[0] ?? "";
    const heading = MD_HEADING.exec(first);
    if (heading?.[1] && heading[2]) {
      out.push({ kind: "heading", text: heading[2].trim(), level: heading[1].length });
      lines.shift();
    } else if (lines.length === 1 && looksLikeHeading(first)) {
      out.push({ kind: "heading", text: first.trim().replace(/:$/, ""), level: out.length === 0 ? 1 : 2, guessed: true });
      continue;
    }
    let current: { kind: "paragraph" | "list_item" | "quote"; lines: string[] } | null = null;
    const flush = () => {
      if (!current) return;
      const joined = joinSoftLines(current.lines);
      const table = current.kind !== "list_item" ? pastedTableRows(current.lines.join("\n")) : null;
      if (table) {
        out.push({ kind: "table", text: table.map((r) => r.join(" | ")).join("\n"), rows: table });
        current = null;
        return;
      }
      const faq = current.kind === "paragraph" && joined ? splitQuestionLead(joined) : null;
      if (faq) out.push(...faq);
      else if (joined) out.push({ kind: current.kind, text: joined });
      current = null;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      // Two or more lines of tab-separated cells (a PDF's table as ./pdf-layout.ts writes it, a pasted
      // spreadsheet range): a table, the first row its header.
      const rows = tabRowsFrom(lines, i);
      if (rows.length >= 2) {
        flush();
        out.push({ kind: "table", text: rows.map((r) => r.join(" | ")).join("\n"), rows });
        i += rows.length - 1;
        continue;
      }
      // A pipe table's first row under a line of text with no blank line between ("Terms from the
      // sheet:" / "| Bidder | Fee |"): the table starts a block of its own.
      const unquoted = line.replace(QUOTE, "");
      if (current && /^\s*\|/.test(unquoted) && !/^\s*\|/.test(current.lines.at(-1) ?? "") && isSeparatorRow(lines[i + 1])) {
        const kind = current.kind;
        flush();
        if (kind === "quote" && QUOTE.test(line)) current = { kind: "quote", lines: [] };
      } else if (
        current &&
        /^\s*\|/.test(current.lines[0] ?? "") &&
        !/^\s*\|/.test(unquoted) &&
        pastedTableRows(current.lines.join("\n"))
      ) {
        flush(); // the line after a pasted table's last row ("Thanks, Nadia") is not a row of it
        if (QUOTE.test(line)) current = { kind: "quote", lines: [] };
      }
      // "> " quoting (a reply's quoted message): a quote, read like any other text without the marks.
      const quoted = QUOTE.exec(line);
      if (quoted || current?.kind === "quote") {
        if (!quoted) flush();
        else if (current?.kind !== "quote") {
          flush();
          current = { kind: "quote", lines: [] };
        }
        if (quoted) {
          const rest = line.slice(quoted[0].length);
          // A blank quoted line parts the quoted message's paragraphs, as a blank line does outside.
          if (!rest.trim()) flush();
          // A quoted list's item is its own quote, as an item is outside ("> - 2-year term.").
          else if (BULLET.test(rest)) {
            flush();
            current = { kind: "quote", lines: [rest.replace(BULLET, "")] };
          } else {
            current ??= { kind: "quote", lines: [] };
            current.lines.push(rest);
          }
          continue;
        }
      }
      if (BULLET.test(line)) {
        flush();
        current = { kind: "list_item", lines: [line.replace(BULLET, "")] };
      } else if (current) current.lines.push(line);
      else current = { kind: "paragraph", lines: [line] };
    }
    flush();
  }
  return out;
}

/** "|---|:---:|" under a pipe table's header, quoted or not. */
function isSeparatorRow(line: string | undefined): boolean {
  return line !== undefined && /^\|(?:\s*:?-{3,}:?\s*\|)+$/.test(line.replace(QUOTE, "").trim());
}

function tabRowsFrom(lines: readonly string[], start: number): string[][] {
  const rows: string[][] = [];
  for (let i = start; i < lines.length && (lines[i] ?? "").includes("\t"); i++) {
    rows.push((lines[i] ?? "").split("\t").map((c) => c.replace(/\s+/g, " ").trim()));
  }
  return rows;
}

/** "Risks", "NEXT STEPS", "2. Market overview", "Customer interviews, September 2026". */
function looksLikeHeading(line: string): boolean {
  const t = line.trim();
  if (t.length > 80 || !/^[\p{Lu}\p{N}]/u.test(t)) return false;
  if (/[.!?,;]["'”’)]*$/.test(t)) return false;
  // "We need 34 chargers across the two depots. Quotes:" is a sentence and then a list's title.
  if (/\p{Ll}[.!?]\s+\p{Lu}/u.test(t)) return false;
  const words = t.split(/\s+/);
  return words.length <= 10 && /\p{L}{2}/u.test(t);
}
