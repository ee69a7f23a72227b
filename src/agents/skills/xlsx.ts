// The workbook skill: an .xlsx file from a WorkbookSpec (exceljs). One sheet per table: a bold header
// on a tinted fill, frozen, with an auto-filter; number formats per column (integer, decimal, percent,
// currency, date); text that wraps, with each row's height set from the lines its text needs (LibreOffice
// does not grow rows that exceljs writes, so text would overprint the next row); columns sized to their
// content within limits; printing fitted to the page width, landscape when wide, the header repeated on
// every page. Numbers stay numbers; no formulas (exceljs stores them without cached values).
// Not supported: a chart sheet — exceljs cannot write charts.
import ExcelJS from "exceljs";
import type { ColumnSpec, WorkbookSpec } from "../context.js";
import { unitWidth } from "./fonts.js";
import { wrapLines } from "./text-fit.js";

type Format = "text" | "integer" | "decimal" | "percent" | "currency" | "date";
type Cell = string | number | null;

const MIN_WIDTH = 8;
const MAX_WIDTH = 50;
const FONT_SIZE = 11;
/**
 * One column width unit is the width of "0" in the sheet's font; a viewer converts it with the font it
 * draws, so text measured in DejaVu Sans is compared with DejaVu's "0" (Calibri keeps the same ratio).
 */
const zeroWidth = () => unitWidth("0") * FONT_SIZE;
const LINE_POINTS = 14.5;
/** Printed width (in width units) past which the sheet prints landscape. */
const LANDSCAPE_FROM = 95;
/** Width units an A4 landscape page holds at 100% (277 mm printable ≈ 785 pt; a unit ≈ 7.4 pt with padding). */
const LANDSCAPE_UNITS = 105;
/** The smallest print scale that stays readable (11 pt text prints at about 8 pt). */
const READABLE_SCALE = 0.72;
/** A text column is never narrowed below this (about 14 characters a line). */
const MIN_TEXT_WIDTH = 14;
/**
 * Right-aligned numbers keep this indent from their cell's right edge: flush, "$14,700" ran into the
 * next column's left-aligned "1 year" as "$14,7001 year" on the printed page.
 */
const NUMBER_INDENT = 1;

export interface PlannedColumn {
  header: string;
  format: Format;
  numFmt?: string;
  width: number;
}

export interface PlannedSheet {
  name: string;
  columns: PlannedColumn[];
  /** Cell values as written (dates as Date). */
  rows: (string | number | Date | null)[][];
  /** What each cell shows, as text. */
  shown: string[][];
  /** Row heights in points, header first. */
  heights: number[];
  landscape: boolean;
}

export async function renderWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  return renderPlan(planWorkbook(spec));
}

/** Every layout decision of a workbook, with no file written (tests and the file text read it). */
export function planWorkbook(spec: WorkbookSpec): PlannedSheet[] {
  const used = new Set<string>();
  return spec.sheets.map((sheet) => planSheet(sheetName(sheet.name, used), sheet.columns, sheet.rows));
}

function planSheet(name: string, specColumns: ColumnSpec[], specRows: Cell[][]): PlannedSheet {
  const width = Math.max(1, specColumns.length);
  const raw = specRows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const columns: PlannedColumn[] = specColumns.map((column, c) => {
    const spec = typeof column === "string" ? { header: column } : column;
    const format: Format =
      spec.format ?? (raw.length > 0 && raw.every((r) => r[c] === null || typeof r[c] === "number") ? "decimal" : "text");
    const planned: PlannedColumn = { header: spec.header, format, width: 0 };
    const numFmt = numberFormat(
      format,
      raw.map((r) => r[c] ?? null),
      spec.currency ?? "$",
    );
    if (numFmt) planned.numFmt = numFmt;
    return planned;
  });
  if (columns.length === 0) columns.push({ header: "", format: "text", width: MIN_WIDTH });
  const rows = raw.map((r) => r.map((v, c) => cellValue(v, columns[c]?.format ?? "text")));
  const shown = rows.map((r) => r.map((v, c) => displayValue(v, columns[c])));
  columns.forEach((col, c) => {
    const fixed = typeof specColumns[c] === "object" ? (specColumns[c] as { width?: number }).width : undefined;
    if (fixed !== undefined) {
      col.width = Math.min(100, Math.max(4, fixed));
      return;
    }
    // Width units of the longest line a cell would like (header words never broken), measured.
    const units = (text: string, bold = false) => Math.ceil((unitWidth(text, bold ? "bold" : "regular") * FONT_SIZE) / zeroWidth()) + 2;
    const longest = Math.max(
      ...col.header.split(" ").map((w) => units(w, true)),
      Math.min(units(col.header, true), 24),
      ...shown.map((r) => units(r[c] ?? "")),
    );
    // A number column is right-aligned with one indent (NUMBER_INDENT): the width holds it too.
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + (col.format === "text" ? 0 : NUMBER_INDENT)));
  });
  fitReadable(columns, specColumns);
  const linesOf = (text: string, col: PlannedColumn | undefined, bold: boolean) => {
    if (!col || text === "") return 1;
    if (col.format !== "text" && !bold) return 1;
    // Measured with DejaVu Sans (what LibreOffice draws when Calibri is missing) against the
    // column's width minus its padding.
    const points = col.width * zeroWidth() - 6;
    return text.split("\n").reduce((n, part) => n + Math.max(1, wrapLines(part, points, FONT_SIZE, bold ? "bold" : "regular").length), 0);
  };
  // One line keeps the default row height (15 pt); wrapped lines need 14.5 pt each plus padding.
  const height = (lines: number) => (lines <= 1 ? 15 : Math.ceil(lines * LINE_POINTS + 3));
  const heights = [
    Math.max(18, height(Math.max(...columns.map((col) => linesOf(col.header, col, true))))),
    ...shown.map((r) => height(Math.max(1, ...r.map((t, c) => linesOf(t, columns[c], false))))),
  ];
  const printed = columns.reduce((a, col) => a + col.width, 0);
  return { name, columns, rows, shown, heights, landscape: printed > LANDSCAPE_FROM };
}

/**
 * A wide sheet fitted to one page width prints at whatever scale that takes: nine columns of 30–50
 * units print at half size, too small to read. Text columns are narrowed (their text wraps onto
 * more lines, and rows grow to fit) until the sheet fits a landscape page at READABLE_SCALE or
 * more, never below MIN_TEXT_WIDTH; columns given a fixed width and number columns keep theirs.
 */
function fitReadable(columns: PlannedColumn[], specColumns: ColumnSpec[]): void {
  const budget = LANDSCAPE_UNITS / READABLE_SCALE;
  const total = () => columns.reduce((a, col) => a + col.width, 0);
  const narrowable = columns.filter(
    (col, c) =>
      col.format === "text" && !(typeof specColumns[c] === "object" && (specColumns[c] as { width?: number }).width !== undefined),
  );
  let cap = Math.max(MIN_TEXT_WIDTH, ...narrowable.map((col) => col.width));
  while (total() > budget && cap > MIN_TEXT_WIDTH) {
    cap -= 1;
    for (const col of narrowable) if (col.width > cap) col.width = cap;
  }
}

function numberFormat(format: Format, values: Cell[], currency: string): string | undefined {
  const numbers = values.filter((v): v is number => typeof v === "number");
  const decimalsOf = (n: number) => {
    const s = String(Number(n.toFixed(6)));
    const dot = s.indexOf(".");
    return dot < 0 ? 0 : s.length - dot - 1;
  };
  const most = (scale: number, cap: number) => Math.min(cap, Math.max(0, ...numbers.map((n) => decimalsOf(n * scale))));
  const decimals = (d: number) => (d > 0 ? `.${"0".repeat(d)}` : "");
  switch (format) {
    case "integer":
      return "#,##0";
    case "decimal":
      return `#,##0${decimals(Math.max(1, most(1, 3)))}`;
    case "percent":
      // Values are fractions (0.46 shows as 46%); as many decimals as the values carry.
      return `0${decimals(most(100, 2))}%`;
    case "currency": {
      const symbol = currency.replace(/"/g, "");
      return `"${symbol}"#,##0${decimals(most(1, 2) > 0 ? 2 : 0)}`;
    }
    case "date":
      return "yyyy-mm-dd";
    default:
      return undefined;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/;

function cellValue(value: Cell, format: Format): string | number | Date | null {
  if (format === "date" && typeof value === "string") {
    const m = ISO_DATE.exec(value.trim());
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  return value;
}

/** The text a cell shows under its column's format (what a person reads, and the grounding check). */
function displayValue(value: string | number | Date | null, column: PlannedColumn | undefined): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value;
  const fmt = column?.numFmt;
  if (!fmt) return String(value);
  const decimals = /\.(0+)/.exec(fmt)?.[1]?.length ?? 0;
  const percent = fmt.endsWith("%");
  const n = (percent ? value * 100 : value).toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: fmt.includes("#,##0"),
  });
  const symbol = /^"([^"]*)"/.exec(fmt)?.[1] ?? "";
  return `${symbol}${n}${percent ? "%" : ""}`;
}

async function renderPlan(sheets: PlannedSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Worksmith";
  workbook.created = new Date(0); // deterministic output for the same spec
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, {
      views: [{ state: "frozen", ySplit: 1 }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: sheet.landscape ? "landscape" : "portrait",
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: "&L&A&RPage &P of &N" },
    });
    ws.columns = sheet.columns.map((col, c) => ({ header: col.header, key: `c${c}`, width: col.width }));
    for (const row of sheet.rows) ws.addRow(row);
    sheet.columns.forEach((col, c) => {
      const column = ws.getColumn(c + 1);
      if (col.numFmt) column.numFmt = col.numFmt;
    });
    const header = ws.getRow(1);
    header.font = { name: "Calibri", size: FONT_SIZE, bold: true, color: { argb: "FFFFFFFF" } };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F2A44" } };
    header.alignment = { vertical: "middle", wrapText: true };
    sheet.columns.forEach((col, c) => {
      if (col.format !== "text") {
        header.getCell(c + 1).alignment = { vertical: "middle", horizontal: "right", indent: NUMBER_INDENT, wrapText: true };
      }
    });
    ws.eachRow((row, n) => {
      row.height = sheet.heights[n - 1] ?? 15;
      if (n === 1) return;
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const col = sheet.columns[c - 1];
        cell.alignment =
          col?.format === "text" || col === undefined
            ? { vertical: "top", wrapText: true }
            : { vertical: "top", horizontal: "right", indent: NUMBER_INDENT };
        cell.font = { name: "Calibri", size: FONT_SIZE };
        cell.border = { bottom: { style: "thin", color: { argb: "FFE5E7EB" } } };
        if (n % 2 === 1) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF5F7FB" } };
      });
    });
    if (sheet.rows.length > 0) {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rows.length + 1, column: sheet.columns.length } };
    }
    ws.pageSetup.printTitlesRow = "1:1";
  }
  if (sheets.length === 0) workbook.addWorksheet("Sheet1");
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out);
}

/** Every visible string of a workbook as it shows (formatted), in reading order. */
export function workbookPlanText(sheets: PlannedSheet[]): string {
  return sheets.flatMap((s) => [s.name, s.columns.map((c) => c.header).join(" | "), ...s.shown.map((r) => r.join(" | "))]).join("\n");
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
function sheetName(requested: string, used: Set<string>): string {
  const base =
    requested
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet";
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
