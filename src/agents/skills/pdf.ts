// The document skill: an A4 PDF from markdown (pdfkit). Headings, paragraphs with bold runs, bullet
// and numbered lists, pipe tables (header repeated after a page break), quotes and rules; a footer
// with the title and "Page n of m" on every page (needs bufferPages). Only the 14 standard PDF fonts
// are used, so nothing is embedded and text outside their WinAnsi encoding is transliterated.
import PDFDocument from "pdfkit";
import type { DocumentSpec } from "../context.js";
import { inlineRuns, parseMarkdownBlocks, type Block, type Run } from "./markdown-blocks.js";

const INK = "#111827";
const HEADING_INK = "#1F2A44";
const ACCENT = "#2F6FDE";
const MUTED = "#6B7280";
const RULE = "#D1D5DB";
const MARGIN = 60;
const BODY_SIZE = 10.5;
const HEADING_SIZES = { 1: 20, 2: 15, 3: 12.5 } as const;

type Doc = PDFKit.PDFDocument;

export async function renderDocument(spec: DocumentSpec): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: winAnsi(spec.title), Author: "Worksmith", Creator: "Worksmith" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const blocks = parseMarkdownBlocks(spec.markdown);
  // The title is drawn from spec.title unless the markdown opens with its own H1.
  if (blocks[0]?.kind !== "heading" || blocks[0].level !== 1) blocks.unshift({ kind: "heading", level: 1, text: spec.title });
  for (const block of blocks) drawBlock(doc, block);

  drawFooters(doc, spec.title);
  doc.end();
  return done;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function drawBlock(doc: Doc, block: Block): void {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case "heading": {
      const size = HEADING_SIZES[block.level];
      // Keep a heading with at least a few lines of what follows it.
      ensureSpace(doc, size * 2 + BODY_SIZE * 4);
      if (doc.y > doc.page.margins.top + 1) doc.moveDown(block.level === 1 ? 0.4 : 0.7);
      doc.font("Helvetica-Bold").fontSize(size).fillColor(HEADING_INK);
      doc.text(winAnsi(plain(block.text)), left, doc.y, { width: contentWidth(doc) });
      if (block.level === 1) {
        const y = doc.y + 3;
        doc
          .moveTo(left, y)
          .lineTo(left + 60, y)
          .lineWidth(2.5)
          .strokeColor(ACCENT)
          .stroke();
        doc.y = y + 8;
      } else {
        doc.moveDown(0.3);
      }
      return;
    }
    case "paragraph":
      drawRuns(doc, inlineRuns(block.text), left, contentWidth(doc), INK);
      doc.moveDown(0.6);
      return;
    case "quote": {
      const startY = doc.y;
      drawRuns(doc, inlineRuns(block.text), left + 14, contentWidth(doc) - 14, MUTED);
      doc
        .moveTo(left + 3, startY)
        .lineTo(left + 3, doc.y)
        .lineWidth(2)
        .strokeColor(RULE)
        .stroke();
      doc.moveDown(0.6);
      return;
    }
    case "rule": {
      const y = doc.y + 4;
      doc
        .moveTo(left, y)
        .lineTo(left + contentWidth(doc), y)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc.y = y + 10;
      return;
    }
    case "list":
      block.items.forEach((item, i) => {
        doc.font("Helvetica").fontSize(BODY_SIZE);
        ensureSpace(doc, BODY_SIZE * 1.6);
        const marker = block.ordered ? `${i + 1}.` : "•";
        const y = doc.y;
        doc.fillColor(block.ordered ? INK : ACCENT).text(marker, left + 4, y, { width: 16, lineBreak: false });
        drawRuns(doc, inlineRuns(item), left + 20, contentWidth(doc) - 20, INK, y);
        doc.moveDown(0.25);
      });
      doc.moveDown(0.4);
      return;
    case "table":
      drawTable(doc, block.header, block.rows);
      doc.moveDown(0.8);
      return;
  }
}

function drawRuns(doc: Doc, runs: Run[], x: number, width: number, color: string, y = doc.y): void {
  if (runs.length === 0) return;
  doc.fontSize(BODY_SIZE).fillColor(color);
  runs.forEach((run, i) => {
    doc.font(run.bold ? "Helvetica-Bold" : "Helvetica");
    const options = { width, continued: i < runs.length - 1, lineGap: 2 };
    if (i === 0) doc.text(winAnsi(run.text), x, y, options);
    else doc.text(winAnsi(run.text), options);
  });
}

function drawTable(doc: Doc, header: string[], rows: string[][]): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 4;
  const size = header.length > 5 ? 8 : 9;
  // Column widths follow content length (capped so one long column cannot starve the rest).
  const weights = header.map((h, c) => Math.min(40, Math.max(6, plain(h).length, ...rows.map((r) => plain(r[c] ?? "").length))));
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);

  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(size);
    return Math.max(...cells.map((cell, c) => doc.heightOfString(winAnsi(plain(cell)), { width: (widths[c] ?? 0) - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], bold: boolean, fill: string | null) => {
    const h = rowHeight(cells, bold);
    const y = doc.y;
    if (fill) doc.rect(left, y, width, h).fill(fill);
    let x = left;
    cells.forEach((cell, c) => {
      const w = widths[c] ?? 0;
      doc
        .font(bold ? "Helvetica-Bold" : "Helvetica")
        .fontSize(size)
        .fillColor(INK);
      doc.text(winAnsi(plain(cell)), x + pad, y + pad, { width: w - 2 * pad });
      x += w;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };

  ensureSpace(doc, rowHeight(header, true) + (rows[0] ? rowHeight(rows[0], false) : 0));
  drawRow(header, true, "#EEF2FF");
  rows.forEach((row, i) => {
    if (doc.y + rowHeight(row, false) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(header, true, "#EEF2FF");
    }
    drawRow(row, false, i % 2 === 1 ? "#F9FAFB" : null);
  });
}

function drawFooters(doc: Doc, title: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit add a page; lift the margin while we do.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const y = doc.page.height - 40;
    doc.font("Helvetica").fontSize(8.5).fillColor(MUTED);
    doc.text(winAnsi(title), left, y, { width: contentWidth(doc) * 0.7, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, y, { width: contentWidth(doc), align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function plain(text: string): string {
  return inlineRuns(text)
    .map((r) => r.text)
    .join("");
}

// Characters of Windows-1252 above 0x7F that are not Latin-1 (the standard fonts' encoding).
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const TRANSLIT: Record<string, string> = { "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≈": "~", "−": "-", "✓": "v", "\u00a0": " " };

/** Text the standard PDF fonts can show: Latin-1 + cp1252 extras; the rest transliterated or "?". */
export function winAnsi(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\t") out += " ";
    else if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || ch === "\n" || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (TRANSLIT[ch] !== undefined) out += TRANSLIT[ch];
    else if (code >= 0x1f000 || (code >= 0x2600 && code <= 0x27bf) || code === 0xfe0f || code === 0x200d)
      continue; // emoji: drop
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += /^[\x20-\x7e]+$/.test(base) ? base : "?";
    }
  }
  return out;
}
