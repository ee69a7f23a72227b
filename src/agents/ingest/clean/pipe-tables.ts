// A Markdown table pasted into a plain-text item (an e-mail quoting "the evaluation sheet", a chat
// message with a table in it): plain text trusts no markup, yet "| Bidder | Fee |" over "|---|---|"
// is a table to anyone who reads it, so ingest keeps it as one (./plain.ts) — its rows a
// comparison's rows, its cells labelled figures — whether its lines were kept or a mail client
// joined them into one ("| Bidder | Fee | |---|---| | North | $2,000 |").

// The separator row under the header: "|---|:---:|---|" (joined or not).
const SEPARATOR = /\|(?:\s*:?-{3,}:?\s*\|)+/;

/** Cells of one "| a | b |" row, trimmed; the outer pipes are no cells. */
function cellsOf(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

/**
 * The rows of a pipe table written as text — one row a line, or its lines joined by spaces — header
 * first, cells verbatim; null unless it is one: a header, the separator row, and a body row or more,
 * every row as wide as the header.
 */
export function pastedTableRows(text: string): string[][] | null {
  const body = text.trim();
  if (!body.startsWith("|") || !body.endsWith("|")) return null;
  const sep = SEPARATOR.exec(body);
  if (!sep) return null;
  const header = cellsOf(body.slice(0, sep.index));
  const width = (sep[0].match(/-{3,}/g) ?? []).length;
  if (header.length !== width || width < 2 || header.every((h) => h === "")) return null;
  const rest = body.slice(sep.index + sep[0].length).trim();
  if (rest === "") return null;
  // Lines kept: a row a line. Joined: the rows follow one another, each closed by its own pipe, so
  // the cells run on in groups of the header's width ("| a | b | | c | d |").
  const lines = rest.split("\n").map((l) => l.trim());
  let rows: string[][];
  if (lines.length > 1) rows = lines.filter((l) => l !== "").map(cellsOf);
  else {
    const parts = rest.slice(1, -1).split("|");
    // width cells, then the blank between one row's closing pipe and the next one's opening pipe.
    if ((parts.length + 1) % (width + 1) !== 0) return null;
    rows = [];
    for (let i = 0; i < parts.length; i += width + 1) {
      if (i > 0 && parts[i - 1]!.trim() !== "") return null;
      rows.push(parts.slice(i, i + width).map((c) => c.trim()));
    }
  }
  if (rows.some((r) => r.length !== width)) return null;
  return [header, ...rows];
}
