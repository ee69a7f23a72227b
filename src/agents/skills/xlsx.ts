// The workbook skill: an .xlsx file from a WorkbookSpec (exceljs). One sheet per table, header row
// bold on a tinted fill and frozen, column widths from content (10-60 characters), long text wrapped,
// an auto-filter over the data. Numbers stay numbers; no formulas (exceljs would store them without
// cached values, and readers would see blanks).
import ExcelJS from "exceljs";
import type { WorkbookSpec } from "../context.js";

export async function renderWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Worksmith";
  workbook.created = new Date(0); // deterministic output for the same spec
  const used = new Set<string>();
  for (const sheet of spec.sheets) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, used), { views: [{ state: "frozen", ySplit: 1 }] });
    const width = Math.max(1, sheet.columns.length);
    ws.columns = sheet.columns.map((column, c) => {
      const header = typeof column === "string" ? column : column.header;
      const longest = Math.max(header.length, ...sheet.rows.map((r) => String(r[c] ?? "").length));
      return { header, key: `c${c}`, width: Math.min(60, Math.max(10, longest + 2)) };
    });
    for (const row of sheet.rows) ws.addRow(row.slice(0, width).map((v) => (v === null ? "" : v)));
    const header = ws.getRow(1);
    header.font = { bold: true, color: { argb: "FF1F2A44" } };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF2FF" } };
    header.alignment = { vertical: "middle" };
    header.border = { bottom: { style: "thin", color: { argb: "FF9CA3AF" } } };
    ws.eachRow((row, n) => {
      if (n === 1) return;
      row.alignment = { vertical: "top", wrapText: true };
    });
    if (sheet.rows.length > 0 && sheet.columns.length > 0) {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.rows.length + 1, column: sheet.columns.length } };
    }
  }
  if (spec.sheets.length === 0) workbook.addWorksheet("Sheet1");
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out);
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
