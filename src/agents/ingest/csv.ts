// CSV → a Markdown table: readable in the UI preview (GFM tables), searchable word by word (pipes
// are punctuation to tsvector), and a shape LLMs read well. RFC 4180 quoting; , ; or tab delimited.

export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines carry nothing.
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

/** The most frequent of , ; and tab on the first line (outside quotes); comma when none. */
export function detectDelimiter(text: string): string {
  const firstLine = (text.split(/\r?\n/, 1)[0] ?? "").replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

/** The first row is the header; short rows are padded so every row has the same columns. */
export function csvToMarkdownTable(text: string): string {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return "";
  const width = Math.max(...rows.map((r) => r.length));
  const cells = (r: readonly string[]) => Array.from({ length: width }, (_, i) => escapeCell(r[i] ?? ""));
  const head = cells(header).map((c, i) => c || `Column ${i + 1}`);
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${cells(r).join(" | ")} |`)].join(
    "\n",
  );
}

function escapeCell(value: string): string {
  return value.replace(/\s+/g, " ").trim().replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}
