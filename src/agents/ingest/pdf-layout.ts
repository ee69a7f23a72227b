// A PDF page's positioned text runs → lines of text a reader would recognise. A PDF has no paragraphs,
// tables or headers, only runs of glyphs at coordinates; reading them in stream order (what a plain
// text dump does) joins a table's cells into one "sentence" ("Mains bursts 402 377 — Reservoir
// stock 81% 58%"), breaks a paragraph at every wrapped line and keeps the print header and footer
// ("11/30/26, 12:28 PM", "file:///…  1/2") as content. So the layout is read back:
// - runs on one baseline are one line; a gap wider than a word space parts cells;
// - two or more consecutive lines with cells are a table: cells are put in columns by where they
//   start, and written as tab-separated rows (plain.ts turns those into a table);
// - a line that runs to the right edge of the text block continues on the next one (a wrapped
//   paragraph); a vertical gap larger than the line spacing is a blank line (a new block);
// - a line repeated at the top or bottom of several pages, and a browser's or printer's stamp
//   there (date and time, a file:// or web address, "3/12", "Page 3 of 12"), is dropped;
// - a band of lines that a vertical gutter parts into two columns of prose (a council report, a
//   newsletter) is read column by column, not across: read across, every line would join half a
//   sentence from the left column to half a sentence from the right one.

export interface PdfRun {
  text: string;
  /** Left edge and baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Font size (the run's height). */
  size: number;
}

interface Cell {
  text: string;
  x: number;
  end: number;
  size: number;
  /** Baseline of the cell's first run: a row can hold runs of two columns on nearby baselines. */
  y: number;
}

interface Line {
  y: number;
  size: number;
  cells: Cell[];
}

/** Gap between runs, as a share of the font size, from which two runs are separate cells. */
const CELL_GAP = 0.6;
/** Below this (share of the font size) two runs touch; above, a space is between them. */
const WORD_GAP = 0.12;

export function linesOfPage(runs: readonly PdfRun[]): Line[] {
  const sorted = runs.filter((r) => r.text.trim() !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfRun[][] = [];
  for (const run of sorted) {
    const row = rows.at(-1);
    const head = row?.[0];
    // Same baseline within half a line: a superscript ("Ml/d¹") stays on its line.
    if (row && head && Math.abs(head.y - run.y) <= 0.5 * Math.max(head.size, run.size)) row.push(run);
    else rows.push([run]);
  }
  return rows.map((row) => {
    const inOrder = [...row].sort((a, b) => a.x - b.x);
    const size = Math.max(...inOrder.map((r) => r.size));
    const cells: Cell[] = [];
    for (const run of inOrder) {
      const last = cells.at(-1);
      const gap = last ? run.x - last.end : Infinity;
      if (!last || gap > CELL_GAP * size) {
        cells.push({ text: run.text.trim(), x: run.x, end: run.x + run.width, size: run.size, y: run.y });
        continue;
      }
      const spaced = gap > WORD_GAP * size && !/\s$/.test(last.text) && !/^\s/.test(run.text);
      last.text = (last.text + (spaced ? " " : "") + run.text).replace(/\s+/g, " ").trim();
      last.end = Math.max(last.end, run.x + run.width);
      last.size = Math.max(last.size, run.size);
    }
    return { y: inOrder[0]?.y ?? 0, size, cells };
  });
}

const PRINT_STAMP = [
  /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?$/i, // "11/30/26, 12:28 PM"
  /^(?:file|https?):\/\/\S+$/i, // the printed page's address
  /^(?:page\s+)?\d{1,4}\s*(?:\/|of)\s*\d{1,4}$/i, // "1/2", "Page 3 of 12"
];

function isPrintStamp(line: Line): boolean {
  return line.cells.length > 0 && line.cells.every((c) => PRINT_STAMP.some((p) => p.test(c.text)));
}

const shape = (line: Line) =>
  line.cells
    .map((c) => c.text)
    .join(" ")
    .replace(/\d+/g, "#")
    .toLowerCase();

/** Lines within the first or last two of a page that are stamps or repeat on other pages' edges. */
function withoutRunningLines(pages: Line[][]): Line[][] {
  const edgeShapes = new Map<string, number>();
  // A table's row is never a running line, even when a continued table repeats its header.
  const edges = (lines: Line[]) =>
    [...new Set([...lines.slice(0, 2), ...lines.slice(-2)])].filter((l) => l.cells.length === 1 || isPrintStamp(l));
  for (const lines of pages) for (const s of new Set(edges(lines).map(shape))) edgeShapes.set(s, (edgeShapes.get(s) ?? 0) + 1);
  return pages.map((lines) => {
    const edge = new Set(edges(lines));
    return lines.filter((l) => !edge.has(l) || !(isPrintStamp(l) || (pages.length > 1 && (edgeShapes.get(shape(l)) ?? 0) > 1)));
  });
}

/** Column starts shared by a table's rows: each cell goes to the column whose start is nearest. */
function tableRows(lines: Line[]): string[][] {
  const widest = lines.reduce((a, b) => (b.cells.length > a.cells.length ? b : a));
  const starts = widest.cells.map((c) => c.x);
  return lines.map((line) => {
    const row = starts.map(() => "");
    for (const cell of line.cells) {
      let best = 0;
      for (let i = 1; i < starts.length; i++) if (Math.abs(starts[i]! - cell.x) < Math.abs(starts[best]! - cell.x)) best = i;
      // A cell that starts left of its column but ends inside it (a centred header) still belongs there.
      row[best] = row[best] ? `${row[best]} ${cell.text}` : cell.text;
    }
    return row;
  });
}

/** The text of a document's pages, given each page's runs in any order. */
export function textOfPages(pages: readonly (readonly PdfRun[])[]): string {
  const kept = withoutRunningLines(pages.map(linesOfPage));
  return kept
    .map((lines) => joinSegments(inReadingOrder(lines).map(pageText)))
    .filter((t) => t.trim() !== "")
    .join("\n\n");
}

/** Segments' texts: a sentence cut at a column's foot continues at the next column's head. */
function joinSegments(texts: string[]): string {
  let out = "";
  for (const text of texts.filter((t) => t.trim() !== "")) {
    if (out === "") out = text;
    else if (!/[.!?:;)"”]$/.test(out) && /^\p{Ll}/u.test(text)) out = `${out} ${text}`;
    else out = `${out}\n\n${text}`;
  }
  return out;
}

/** Lines of prose on each side of a gutter: at least this many, so a table or a short aside is no column. */
const MIN_COLUMN_LINES = 4;
/** A column's lines are prose: this many words on average (a table's cells hold one to three). */
const MIN_COLUMN_WORDS = 3.5;

const words = (cells: Cell[]) => cells.reduce((n, c) => n + c.text.split(/\s+/).length, 0);

function lineOf(line: Line, cells: Cell[]): Line {
  return { y: cells[0]!.y, size: Math.max(...cells.map((c) => c.size)), cells };
}

/**
 * A page's lines as segments to read one after another: a band parted by a gutter becomes its left
 * column, then its right one; lines above and below are read as they are (and searched again).
 */
function inReadingOrder(lines: Line[]): Line[][] {
  const band = columnBand(lines);
  if (!band) return [lines];
  const { start, end, gutter } = band;
  const left: Line[] = [];
  const right: Line[] = [];
  for (const line of lines.slice(start, end)) {
    const l = line.cells.filter((c) => c.end <= gutter);
    const r = line.cells.filter((c) => c.x >= gutter);
    if (l.length) left.push(lineOf(line, l));
    if (r.length) right.push(lineOf(line, r));
  }
  return [...inReadingOrder(lines.slice(0, start)), left, right, ...inReadingOrder(lines.slice(end))].filter((s) => s.length > 0);
}

/**
 * The tallest run of consecutive lines that no cell crosses at some x in the middle half of the page,
 * with prose on both sides: each side ≥ MIN_COLUMN_LINES lines averaging ≥ MIN_COLUMN_WORDS words,
 * and most of a side's lines reaching near its column's right edge (wrapped text fills its column;
 * a table's label column does not).
 */
function columnBand(lines: Line[]): { start: number; end: number; gutter: number } | undefined {
  if (lines.length < 2 * MIN_COLUMN_LINES) return undefined;
  const left = Math.min(...lines.map((l) => l.cells[0]!.x));
  const right = Math.max(...lines.map((l) => l.cells.at(-1)!.end));
  const width = right - left;
  let best: { start: number; end: number; gutter: number; score: number } | undefined;
  for (let gutter = left + 0.25 * width; gutter <= left + 0.75 * width; gutter += 2) {
    const crosses = (l: Line) => l.cells.some((c) => c.x < gutter - 1 && c.end > gutter + 1);
    let start = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && !crosses(lines[i]!)) continue;
      const score = proseOnBothSides(lines.slice(start, i), gutter);
      if (score > (best?.score ?? 0)) best = { start, end: i, gutter, score };
      start = i + 1;
    }
  }
  return best;
}

/** Lines in the narrower of the two columns when both sides read as prose, else 0. */
function proseOnBothSides(band: Line[], gutter: number): number {
  const sides = [band.map((l) => l.cells.filter((c) => c.end <= gutter)), band.map((l) => l.cells.filter((c) => c.x >= gutter))].map(
    (side) => side.filter((cells) => cells.length > 0),
  );
  for (const side of sides) {
    if (side.length < MIN_COLUMN_LINES) return 0;
    if (side.reduce((n, cells) => n + words(cells), 0) / side.length < MIN_COLUMN_WORDS) return 0;
    const edge = Math.max(...side.map((cells) => cells.at(-1)!.end));
    const start = Math.min(...side.map((cells) => cells[0]!.x));
    const full = side.filter((cells) => edge - cells.at(-1)!.end < 0.2 * (edge - start)).length;
    if (full < 0.5 * side.length) return 0;
  }
  return Math.min(sides[0]!.length, sides[1]!.length);
}

/**
 * A table row whose label cell wraps onto two lines, with the row's figures set vertically centred
 * between them, arrives as three lines half a line apart ("Loss of on-street" / "1,122  39%" /
 * "parking"). Lines closer than a line of text can be are one row: cells that sit over each other
 * join (the wrapped label), the others take their columns. Prose lines are never that close, and
 * this runs within one column of a page, so two columns' staggered baselines never meet.
 */
function staggeredRows(lines: Line[]): Line[] {
  const out: Line[] = [];
  let bottom = Infinity;
  for (const line of lines) {
    const row = out.at(-1);
    const size = Math.max(row?.size ?? 0, line.size);
    const close = row !== undefined && bottom - line.y > 0 && bottom - line.y < 0.8 * size;
    const sameType = row !== undefined && Math.abs(row.size - line.size) <= 0.15 * size;
    const overlaps = (a: Cell, b: Cell) => a.x < b.end && a.end > b.x;
    // The row has cells in two columns or more once the line joins it (else it is two lines of text).
    const apart = row !== undefined && (row.cells.length > 1 || line.cells.some((c) => !row.cells.some((r) => overlaps(r, c))));
    if (!row || !close || !sameType || !apart) {
      out.push({ ...line, cells: line.cells.map((c) => ({ ...c })) });
      bottom = line.y;
      continue;
    }
    for (const cell of line.cells) {
      const over = row.cells.find((r) => overlaps(r, cell));
      if (over) {
        over.text = `${over.text} ${cell.text}`;
        over.end = Math.max(over.end, cell.end);
      } else row.cells.push({ ...cell });
    }
    row.cells.sort((a, b) => a.x - b.x);
    bottom = line.y;
  }
  return out;
}

function pageText(segment: Line[]): string {
  if (segment.length === 0) return "";
  const lines = staggeredRows(segment);
  const prose = lines.filter((l) => l.cells.length === 1);
  const left = Math.min(...(prose.length ? prose : lines).map((l) => l.cells[0]!.x));
  const right = Math.max(...(prose.length ? prose : lines).map((l) => l.cells.at(-1)!.end));
  const spacings = lines
    .slice(1)
    .map((l, i) => lines[i]!.y - l.y)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  // The body's line spacing: a low percentile, since headings and gaps between blocks are wider.
  const spacing = spacings[Math.floor(spacings.length * 0.3)] ?? 0;
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const previous = lines[i - 1];
    const gapAbove = previous ? previous.y - line.y : 0;
    // A wider gap than the line spacing, or a change of type size (a heading, a footnote), starts a block.
    const resized = previous !== undefined && Math.abs(previous.size - line.size) > 0.15 * Math.max(previous.size, line.size);
    if (previous && (gapAbove > 1.45 * spacing || resized)) out.push("");
    // Two or more consecutive lines with cells: a table.
    let end = i;
    while (end < lines.length && lines[end]!.cells.length > 1) end++;
    if (end - i >= 2) {
      if (out.length && out.at(-1) !== "") out.push("");
      for (const row of tableRows(lines.slice(i, end))) out.push(row.join("\t"));
      out.push("");
      i = end;
      continue;
    }
    const text = line.cells.map((c) => c.text).join(" ");
    const last = out.at(-1);
    // The next line's first word would not have fitted after the previous line: the previous line
    // wrapped there (ragged-right text in a narrow column ends well short of its edge).
    const first = line.cells[0]!;
    const firstWord = ((first.end - first.x) * (first.text.split(/\s/)[0]?.length ?? 0)) / Math.max(1, first.text.length);
    // (The estimate of the word from its cell's average glyph is rough: a few points of slack.)
    const noRoom = previous !== undefined && previous.cells[0]!.end + 0.3 * line.size + firstWord > right - 0.05 * (right - left);
    // The previous line reached the right edge and this one is close below it: one paragraph, wrapped.
    const wrapped =
      last !== undefined &&
      last !== "" &&
      previous !== undefined &&
      previous.cells.length === 1 &&
      !resized &&
      (right - previous.cells[0]!.end < 0.12 * (right - left) || noRoom) &&
      gapAbove <= 1.45 * spacing &&
      !/^\s*(?:[-*•▪◦·‣–]|\d{1,2}[.)])\s/.test(text);
    if (wrapped) {
      out[out.length - 1] = /\p{L}-$/u.test(last) && /^\p{Ll}/u.test(text) ? last.slice(0, -1) + text : `${last} ${text}`;
    } else out.push(text);
    i++;
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
