// CSV → a Markdown table: readable in the UI preview (GFM tables), searchable word by word (pipes
// are punctuation to tsvector), and a shape LLMs read well. RFC 4180 quoting; , ; or tab delimited.

export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  // One sticky match per field: a quoted field ("" is an escaped quote) or a run of plain characters,
  // then what ends it. Slices instead of per-character concatenation: a 9.5 MB, 147k-row file parses
  // in 0.8–1.3 s where a character loop took 3.4 s (both at load average ~12 on 2 shared cores).
  const d = delimiter === "\t" ? "\\t" : delimiter;
  const field = new RegExp(`"([^"]*(?:""[^"]*)*)"|([^"${d}\\r\\n]*(?:"[^${d}\\r\\n]*)*)`, "y");
  const rest = new RegExp(`[^${d}\\r\\n]*`, "y");
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i <= text.length) {
    field.lastIndex = i;
    const m = field.exec(text);
    const quoted = m?.[1];
    let value = quoted === undefined ? (m?.[2] ?? "") : quoted.includes('""') ? quoted.replaceAll('""', '"') : quoted;
    i = field.lastIndex;
    if (quoted !== undefined && i < text.length && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
      // Characters after a closing quote ("a"b) are kept, as spreadsheet programs do.
      rest.lastIndex = i;
      value += rest.exec(text)?.[0] ?? "";
      i = rest.lastIndex;
    }
    row.push(value);
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
  }
  // Blank lines carry nothing.
  return rows.filter((r) => r.some((cell) => cell.trim() !== ""));
}

/** The most frequent of , ; and tab on the first line (outside quotes); comma when none. */
export function detectDelimiter(text: string): string {
  // Not text.split(/\r?\n/, 1): V8 splits the whole 10 MB string before applying the limit (~2.5 s).
  const end = text.search(/[\r\n]/);
  const firstLine = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, "");
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

/** The first row is the header; short rows are padded so every row has the same columns. */
export function csvToMarkdownTable(text: string): string {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return "";
  // Not Math.max(...rows): spreading ~150k rows (a 10 MB file) overflows the call stack.
  const width = rows.reduce((max, r) => Math.max(max, r.length), 0);
  const cells = (r: readonly string[]) => Array.from({ length: width }, (_, i) => escapeCell(r[i] ?? ""));
  const head = cells(header).map((c, i) => c || `Column ${i + 1}`);
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...body.map((r) => `| ${cells(r).join(" | ")} |`)].join(
    "\n",
  );
}

function escapeCell(value: string): string {
  // Most cells need none of this; the test skips three regex passes on ~450k cells of a 10 MB file.
  if (!/[\s\\|]/.test(value)) return value;
  return value.replace(/\s+/g, " ").trim().replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
}
