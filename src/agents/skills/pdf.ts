// The document skill: an A4 PDF from markdown (pdfkit). A title block, headings, paragraphs with bold
// runs, bullet and numbered lists, ruled tables whose cells wrap (header repeated after a page break),
// call-outs from GitHub alerts as tinted boxes, quotes and rules; a footer with the title and
// "Page n of m" on every page (needs bufferPages). DejaVu Sans is embedded (subset by pdfkit), so
// Latin, Greek, Cyrillic and common symbols draw as written; a character it has no glyph for is
// drawn as "□" and counted, never dropped.
import PDFDocument from "pdfkit";
import type { DocumentSpec } from "../context.js";
import { fontBytes, hasGlyph, unitWidth, type FontStyle } from "./fonts.js";
import { shareWidths } from "./text-fit.js";
import { inlineRuns, parseMarkdownBlocks, type Block, type CalloutVariant, type Run } from "./markdown-blocks.js";

const INK = "#111827";
const HEADING_INK = "#1F2A44";
const ACCENT = "#2F6FDE";
const MUTED = "#6B7280";
const RULE = "#D1D5DB";
const HEADER_FILL = "#1F2A44";
const ZEBRA = "#F5F7FB";
const MARGIN = 60;
const BODY_SIZE = 10.5;
const HEADING_SIZES = { 1: 20, 2: 15, 3: 12.5 } as const;
/** What a character without a glyph becomes: visible, so a reader knows something is missing. */
export const MISSING_GLYPH = "□";

const CALLOUTS: Record<CalloutVariant, { label: string; bar: string; fill: string }> = {
  note: { label: "Note", bar: "#2F6FDE", fill: "#EEF4FF" },
  tip: { label: "Tip", bar: "#16A34A", fill: "#EDFBF1" },
  important: { label: "Important", bar: "#7C3AED", fill: "#F4EFFF" },
  warning: { label: "Warning", bar: "#D97706", fill: "#FFF7E6" },
  caution: { label: "Caution", bar: "#DC2626", fill: "#FEF0F0" },
};

type Doc = PDFKit.PDFDocument;

export interface RenderedDocument {
  data: Buffer;
  /** The text drawn on the pages in reading order (footers left out). */
  text: string;
  /** Characters the font cannot draw, each drawn as MISSING_GLYPH (one entry per occurrence). */
  substituted: string[];
}

export async function renderDocument(spec: DocumentSpec): Promise<Buffer> {
  return (await renderDocumentDetailed(spec)).data;
}

export async function renderDocumentDetailed(spec: DocumentSpec): Promise<RenderedDocument> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: spec.title, Author: "Worksmith", Creator: "Worksmith" },
  });
  for (const style of ["regular", "bold", "italic"] as FontStyle[]) doc.registerFont(style, fontBytes(style));
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const ctx: Ctx = { doc, drawn: [], substituted: [] };
  const blocks = parseMarkdownBlocks(spec.markdown);
  // The title block is drawn from spec.title unless the markdown opens with its own H1.
  const opening = blocks[0];
  if (opening?.kind === "heading" && opening.level === 1) {
    blocks.shift();
    drawTitle(ctx, opening.text);
  } else {
    drawTitle(ctx, spec.title);
  }
  for (const block of blocks) drawBlock(ctx, block);

  drawFooters(ctx, spec.title);
  doc.end();
  return { data: await done, text: ctx.drawn.join("\n"), substituted: ctx.substituted };
}

interface Ctx {
  doc: Doc;
  drawn: string[];
  substituted: string[];
}

/** Text the embedded font can draw: each character without a glyph becomes MISSING_GLYPH. */
export function drawable(text: string): { text: string; substituted: string[] } {
  let out = "";
  const substituted: string[] = [];
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\t") out += " ";
    else if (ch === "\n" || ch === "\u00a0") out += ch === "\n" ? "\n" : " ";
    // Invisible format characters (joiners, variation selectors, soft hyphen) have nothing to draw.
    else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xad || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    else if (code < 0x20) continue;
    else if (hasGlyph(code)) out += ch;
    else {
      out += MISSING_GLYPH;
      substituted.push(ch);
    }
  }
  return { text: out, substituted };
}

function put(ctx: Ctx, text: string, record = true): string {
  const d = drawable(text);
  if (record) {
    ctx.substituted.push(...d.substituted);
  }
  return d.text;
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function drawTitle(ctx: Ctx, title: string): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const text = put(ctx, plain(title));
  ctx.drawn.push(text);
  doc.rect(left, doc.y, 44, 4).fill(ACCENT);
  doc.y += 12;
  doc.font("bold").fontSize(22).fillColor(HEADING_INK);
  doc.text(text, left, doc.y, { width: contentWidth(doc) });
  const y = doc.y + 6;
  doc
    .moveTo(left, y)
    .lineTo(left + contentWidth(doc), y)
    .lineWidth(0.75)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 14;
}

function drawBlock(ctx: Ctx, block: Block): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  switch (block.kind) {
    case "heading": {
      const size = HEADING_SIZES[block.level];
      // Keep a heading with at least a few lines of what follows it.
      ensureSpace(doc, size * 2 + BODY_SIZE * 4);
      if (doc.y > doc.page.margins.top + 1) doc.moveDown(block.level === 1 ? 0.4 : 0.7);
      const text = put(ctx, plain(block.text));
      ctx.drawn.push(text);
      doc.font("bold").fontSize(size).fillColor(HEADING_INK);
      doc.text(text, left, doc.y, { width: contentWidth(doc) });
      doc.moveDown(0.3);
      return;
    }
    case "paragraph":
      drawRuns(ctx, inlineRuns(block.text), left, contentWidth(doc), INK);
      doc.moveDown(0.6);
      return;
    case "quote": {
      const startY = doc.y;
      drawRuns(ctx, inlineRuns(block.text), left + 14, contentWidth(doc) - 14, MUTED, doc.y, "italic");
      doc
        .moveTo(left + 3, startY)
        .lineTo(left + 3, doc.y)
        .lineWidth(2)
        .strokeColor(RULE)
        .stroke();
      doc.moveDown(0.6);
      return;
    }
    case "callout":
      drawCallout(ctx, block.variant, block.text);
      return;
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
        doc.font("regular").fontSize(BODY_SIZE);
        ensureSpace(doc, BODY_SIZE * 1.6);
        const marker = block.ordered ? `${i + 1}.` : "•";
        const y = doc.y;
        doc.fillColor(block.ordered ? INK : ACCENT).text(marker, left + 4, y, { width: 16, lineBreak: false });
        drawRuns(ctx, inlineRuns(item), left + 20, contentWidth(doc) - 20, INK, y);
        doc.moveDown(0.25);
      });
      doc.moveDown(0.4);
      return;
    case "table":
      drawTable(ctx, block.header, block.rows, block.align);
      doc.moveDown(0.8);
      return;
  }
}

function drawRuns(ctx: Ctx, runs: Run[], x: number, width: number, color: string, y = ctx.doc.y, style: FontStyle = "regular"): void {
  const { doc } = ctx;
  if (runs.length === 0) return;
  doc.fontSize(BODY_SIZE).fillColor(color);
  const texts = runs.map((run) => put(ctx, run.text));
  ctx.drawn.push(texts.join(""));
  runs.forEach((run, i) => {
    doc.font(run.bold ? "bold" : style);
    const options = { width, continued: i < runs.length - 1, lineGap: 2 };
    if (i === 0) doc.text(texts[i] ?? "", x, y, options);
    else doc.text(texts[i] ?? "", options);
  });
}

function drawCallout(ctx: Ctx, variant: CalloutVariant, text: string): void {
  const { doc } = ctx;
  const look = CALLOUTS[variant];
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 10;
  const innerW = width - 2 * pad - 4;
  const body = inlineRuns(text);
  const bodyText = body.map((r) => put(ctx, r.text, false)).join("");
  doc.font("bold").fontSize(9.5);
  const labelH = doc.heightOfString(look.label, { width: innerW });
  doc.font("regular").fontSize(BODY_SIZE);
  const bodyH = bodyText ? doc.heightOfString(bodyText, { width: innerW, lineGap: 2 }) : 0;
  const height = pad + labelH + 3 + bodyH + pad;
  ensureSpace(doc, Math.min(height, bottomLimit(doc) - doc.page.margins.top));
  const top = doc.y;
  doc.rect(left, top, width, height).fill(look.fill);
  doc.rect(left, top, 4, height).fill(look.bar);
  doc.font("bold").fontSize(9.5).fillColor(look.bar);
  doc.text(look.label.toUpperCase(), left + 4 + pad, top + pad, { width: innerW, characterSpacing: 0.6 });
  ctx.drawn.push(look.label);
  if (bodyText) drawRuns(ctx, body, left + 4 + pad, innerW, INK, doc.y + 3);
  doc.x = left;
  doc.y = top + height + 10;
}

function drawTable(ctx: Ctx, header: string[], rows: string[][], align: ("left" | "right" | "center")[] | undefined): void {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 5;
  const size = header.length > 5 ? 8.5 : 9.5;
  const head = header.map((h) => put(ctx, plain(h)));
  const body = rows.map((r) => r.map((c) => put(ctx, plain(c))));
  // Column widths from the measured text: short columns stay on one line, long ones wrap.
  const texts = head.map((h, c) => [h, ...body.map((r) => r[c] ?? "")]);
  const styleOf = (i: number): FontStyle => (i === 0 ? "bold" : "regular");
  const natural = texts.map((t) => Math.max(...t.map((x, i) => unitWidth(x, styleOf(i)))) * size * 1.03 + 2 * pad + 1);
  // A word longer than 30% of the table (a URL) is broken rather than given its whole width.
  const floor = texts.map((t) =>
    Math.min(
      width * 0.3,
      Math.max(28, ...t.flatMap((x, i) => x.split(" ").map((w) => unitWidth(w, styleOf(i)) * size * 1.03 + 2 * pad + 1))),
    ),
  );
  const widths = shareWidths(natural, floor, width);

  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? "bold" : "regular").fontSize(size);
    return Math.max(...cells.map((cell, c) => doc.heightOfString(cell || " ", { width: (widths[c] ?? 0) - 2 * pad }))) + 2 * pad;
  };
  const drawRow = (cells: string[], isHeader: boolean, zebra: boolean) => {
    const h = rowHeight(cells, isHeader);
    const y = doc.y;
    if (isHeader) doc.rect(left, y, width, h).fill(HEADER_FILL);
    else if (zebra) doc.rect(left, y, width, h).fill(ZEBRA);
    let x = left;
    cells.forEach((cell, c) => {
      const w = widths[c] ?? 0;
      doc
        .font(isHeader ? "bold" : "regular")
        .fontSize(size)
        .fillColor(isHeader ? "#FFFFFF" : INK);
      doc.text(cell, x + pad, y + pad, { width: w - 2 * pad, align: align?.[c] ?? "left" });
      x += w;
    });
    // Ruled: a line under every row and between columns.
    doc.lineWidth(0.5).strokeColor(RULE);
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .stroke();
    let cx = left;
    for (const w of widths.slice(0, -1)) {
      cx += w;
      doc
        .moveTo(cx, y)
        .lineTo(cx, y + h)
        .stroke();
    }
    doc
      .moveTo(left, y)
      .lineTo(left, y + h)
      .moveTo(left + width, y)
      .lineTo(left + width, y + h)
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };

  ensureSpace(doc, rowHeight(head, true) + (body[0] ? rowHeight(body[0], false) : 0));
  drawRow(head, true, false);
  ctx.drawn.push(head.join(" | "));
  body.forEach((row, i) => {
    if (doc.y + rowHeight(row, false) > bottomLimit(doc)) {
      doc.addPage();
      drawRow(head, true, false);
    }
    drawRow(row, false, i % 2 === 1);
    ctx.drawn.push(row.join(" | "));
  });
}

function drawFooters(ctx: Ctx, title: string): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  const shown = put(ctx, title, false);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit add a page; lift the margin while we do.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const left = doc.page.margins.left;
    const y = doc.page.height - 40;
    doc.font("regular").fontSize(8.5).fillColor(MUTED);
    doc.text(shown, left, y, { width: contentWidth(doc) * 0.7, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, left, y, { width: contentWidth(doc), align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

function plain(text: string): string {
  return inlineRuns(text)
    .map((r) => r.text)
    .join("");
}
