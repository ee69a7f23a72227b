// The deck's layout decisions, with no file written: a DeckSpec becomes slides of positioned
// elements whose text is already fitted to its box (shrunk within limits, then cut at a word with
// "…"). The renderer (pptx.ts) only draws these, and the deck's visible text (StoredFile.text, read
// by the grounding check) is read from the same plan, so what is checked is what is shown.
import type { ChartSpec, DeckSpec, SlideSpec, SourceRef } from "../context.js";
import { unitWidth, type FontStyle } from "./fonts.js";
import { fitOneLine, fitText, LINE_HEIGHT, shareWidths, type FittedText } from "./text-fit.js";

// LAYOUT_WIDE: 13.333 x 7.5 in.
export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;
const MARGIN = 0.6;
const CONTENT_W = SLIDE_W - 2 * MARGIN;
const BODY_TOP = 1.75;
const BODY_H = 4.8;
const FOOTER_Y = 6.85;
/** Data rows on one table slide; more rows continue on further slides, up to TABLE_MAX_SLIDES. */
export const TABLE_ROWS_PER_SLIDE = 8;
const TABLE_MAX_SLIDES = 3;
const CHART_MAX_CATEGORIES = 12;
const BULLET_INDENT_PT = 22;
const CELL_PAD_X = 0.1;
const CELL_PAD_Y = 0.06;

export const THEME = {
  ink: "1F2A44",
  accent: "2F6FDE",
  accentSoft: "C7D2FE",
  muted: "6B7280",
  rule: "E5E7EB",
  paper: "FFFFFF",
  tint: "F3F6FC",
  zebra: "F5F7FB",
  body: "111827",
  font: "Calibri",
  series: ["2F6FDE", "14B8A6", "F59E0B", "EF4444", "8B5CF6", "64748B"],
} as const;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextElement {
  type: "text";
  box: Box;
  paragraphs: string[];
  fontSize: number;
  style: FontStyle;
  color: string;
  align?: "left" | "center" | "right";
  valign?: "top" | "middle" | "bottom";
  bullets?: boolean;
  paraSpaceAfter?: number;
  /** Height the fitted text takes, in points (never more than the box). */
  height: number;
  truncated: boolean;
  /** Slide furniture (numbers, source lists): drawn, but not part of the deck's own text. */
  chrome?: boolean;
}

export interface TableElement {
  type: "table";
  box: Box;
  /** Column widths in inches. */
  colW: number[];
  /** Row heights in inches (as measured; the viewer must not need more). */
  rowH: number[];
  header: string[];
  rows: string[][];
  numeric: boolean[];
  fontSize: number;
}

export interface ChartElement {
  type: "chart";
  box: Box;
  chart: ChartSpec;
}

export type Element = TextElement | TableElement | ChartElement | { type: "rect"; box: Box; color: string };

export interface PlannedSlide {
  background: string;
  elements: Element[];
  notes?: string | undefined;
}

const pt = (inches: number) => inches * 72;

function textBox(
  box: Box,
  paragraphs: string[],
  opts: {
    max: number;
    min: number;
    style?: FontStyle;
    color: string;
    maxLines?: number;
    bullets?: boolean;
    paraSpaceAfter?: number;
    align?: TextElement["align"];
    valign?: TextElement["valign"];
    chrome?: boolean;
  },
): TextElement {
  const fitted: FittedText = fitText({
    paragraphs,
    width: pt(box.w),
    height: pt(box.h),
    maxSize: opts.max,
    minSize: opts.min,
    style: opts.style,
    maxLines: opts.maxLines,
    paraSpaceAfter: opts.paraSpaceAfter,
    indent: opts.bullets ? BULLET_INDENT_PT : 0,
  });
  const el: TextElement = {
    type: "text",
    box,
    paragraphs: fitted.paragraphs,
    fontSize: fitted.fontSize,
    style: opts.style ?? "regular",
    color: opts.color,
    height: fitted.height,
    truncated: fitted.truncated,
  };
  if (opts.align) el.align = opts.align;
  if (opts.valign) el.valign = opts.valign;
  if (opts.bullets) el.bullets = true;
  if (opts.paraSpaceAfter !== undefined) el.paraSpaceAfter = opts.paraSpaceAfter;
  if (opts.chrome) el.chrome = true;
  return el;
}

/** Sources are numbered in the order of spec.sources; sources cited on slides but not listed are appended. */
export function numberSources(spec: DeckSpec): { numbering: Map<string, number>; sources: SourceRef[] } {
  const numbering = new Map<string, number>();
  const sources: SourceRef[] = [];
  const add = (src: SourceRef | undefined) => {
    if (!src || numbering.has(src.id)) return;
    sources.push(src);
    numbering.set(src.id, sources.length);
  };
  spec.sources.forEach(add);
  for (const slide of spec.slides) for (const src of citedBy(slide)) add(src);
  return { numbering, sources };
}

function citedBy(slide: SlideSpec): SourceRef[] {
  switch (slide.layout) {
    case "two-column":
      return [...slide.left.bullets, ...slide.right.bullets].flatMap((b) => (b.source ? [b.source] : []));
    case "big-number":
    case "quote":
      return slide.source ? [slide.source] : [];
    case "table":
    case "chart":
      return [];
    default:
      return slide.bullets.flatMap((b) => (b.source ? [b.source] : []));
  }
}

/** Lays out the whole deck: title slide, one or more slides per spec slide, then the Sources slides. */
export function planDeck(spec: DeckSpec): PlannedSlide[] {
  const { numbering, sources } = numberSources(spec);
  const slides: PlannedSlide[] = [titleSlide(spec)];
  for (const s of spec.slides) {
    const cite = (src: SourceRef | undefined) => {
      const n = src ? numbering.get(src.id) : undefined;
      return n === undefined ? "" : ` [${n}]`;
    };
    for (const body of slideBodies(s, cite)) {
      const planned: PlannedSlide = { background: THEME.paper, elements: [] };
      planned.elements.push({ type: "rect", box: { x: MARGIN, y: 0.42, w: 0.6, h: 0.06 }, color: THEME.accent });
      planned.elements.push(
        textBox({ x: MARGIN, y: 0.55, w: CONTENT_W, h: 1.0 }, [body.title], {
          max: 28,
          min: 20,
          style: "bold",
          color: THEME.ink,
          maxLines: 2,
        }),
      );
      planned.elements.push(...body.elements);
      planned.elements.push(...footer(s, citedBy(s), numbering, slides.length + 1));
      if (s.notes) planned.notes = s.notes;
      slides.push(planned);
    }
  }
  slides.push(...sourcesSlides(sources, slides.length));
  return slides;
}

function titleSlide(spec: DeckSpec): PlannedSlide {
  const elements: Element[] = [
    { type: "rect", box: { x: MARGIN, y: 1.85, w: 1.0, h: 0.08 }, color: THEME.accent },
    textBox({ x: MARGIN, y: 2.1, w: CONTENT_W, h: 1.7 }, [spec.title], {
      max: 44,
      min: 28,
      style: "bold",
      color: THEME.paper,
      maxLines: 2,
    }),
  ];
  if (spec.subtitle) {
    elements.push(
      textBox({ x: MARGIN, y: 3.9, w: CONTENT_W, h: 0.75 }, [spec.subtitle], { max: 22, min: 16, color: THEME.accentSoft, maxLines: 2 }),
    );
  }
  if (spec.takeaway) {
    elements.push({ type: "rect", box: { x: MARGIN, y: 4.85, w: 0.06, h: 1.05 }, color: THEME.accent });
    elements.push(
      textBox({ x: MARGIN + 0.25, y: 4.85, w: CONTENT_W - 0.25, h: 1.05 }, [spec.takeaway], {
        max: 22,
        min: 15,
        color: THEME.paper,
        maxLines: 3,
        valign: "middle",
      }),
    );
  }
  // No count here: a number on the title slide reads as a figure without a source.
  const credit = "Built from the project's context · Worksmith";
  elements.push(
    textBox({ x: MARGIN, y: 6.75, w: CONTENT_W, h: 0.35 }, [credit], { max: 12, min: 9, color: "9CA3AF", maxLines: 1, chrome: true }),
  );
  return { background: THEME.ink, elements };
}

interface Body {
  title: string;
  elements: Element[];
}

function slideBodies(s: SlideSpec, cite: (src: SourceRef | undefined) => string): Body[] {
  const area: Box = { x: MARGIN, y: BODY_TOP, w: CONTENT_W, h: BODY_H };
  switch (s.layout) {
    case "table":
      return tableBodies(s.title, s.columns, s.rows, area, s.caption);
    case "chart":
      return [{ title: s.title, elements: chartElements(s.chart, s.caption, area) }];
    case "big-number":
      return [{ title: s.title, elements: bigNumberElements(s, cite(s.source), area) }];
    case "two-column":
      return [{ title: s.title, elements: twoColumnElements(s.left, s.right, cite, area) }];
    case "quote":
      return [{ title: s.title, elements: quoteElements(s.quote, s.attribution, cite(s.source), area) }];
    default: {
      const paragraphs = s.bullets.map((b) => `${b.text}${cite(b.source)}`);
      if (paragraphs.length === 0) {
        return [
          {
            title: s.title,
            elements: [
              textBox(area, ["Nothing in the project's context covers this."], { max: 20, min: 14, style: "italic", color: THEME.muted }),
            ],
          },
        ];
      }
      const max = paragraphs.length <= 3 ? 24 : 22;
      return [
        { title: s.title, elements: [textBox(area, paragraphs, { max, min: 14, color: THEME.body, bullets: true, paraSpaceAfter: 12 })] },
      ];
    }
  }
}

function footer(s: SlideSpec, cited: SourceRef[], numbering: Map<string, number>, slideNumber: number): Element[] {
  const els: Element[] = [{ type: "rect", box: { x: MARGIN, y: FOOTER_Y - 0.12, w: CONTENT_W, h: 0.01 }, color: THEME.rule }];
  const numbers = [...new Set(cited.map((src) => numbering.get(src.id)).filter((n): n is number => n !== undefined))]
    .filter((n) => !(s.footnote ?? "").includes(`[${n}]`))
    .sort((a, b) => a - b);
  const sourcesLine = numbers.length > 0 ? `Sources: ${numbers.map((n) => `[${n}]`).join(" ")}` : "";
  const box = { x: MARGIN, y: FOOTER_Y, w: CONTENT_W - 2.4, h: 0.4 };
  // The spec's footnote is deck text; the generated source list alone is furniture.
  if (s.footnote) {
    els.push(
      textBox(box, [sourcesLine ? `${s.footnote} · ${sourcesLine}` : s.footnote], { max: 10, min: 8, color: THEME.muted, maxLines: 2 }),
    );
  } else if (sourcesLine) {
    els.push(textBox(box, [sourcesLine], { max: 10, min: 8, color: THEME.muted, maxLines: 2, chrome: true }));
  }
  els.push(
    textBox({ x: SLIDE_W - MARGIN - 2.0, y: FOOTER_Y, w: 2.0, h: 0.4 }, [String(slideNumber)], {
      max: 10,
      min: 10,
      color: THEME.muted,
      align: "right",
      chrome: true,
    }),
  );
  return els;
}

function sourcesSlides(sources: SourceRef[], before: number): PlannedSlide[] {
  const out: PlannedSlide[] = [];
  const perSlide = 10;
  for (let start = 0; start < sources.length; start += perSlide) {
    const list = sources.slice(start, start + perSlide).map((src, i) => `[${start + i + 1}]  ${src.title}`);
    out.push({
      background: THEME.paper,
      elements: [
        { type: "rect", box: { x: MARGIN, y: 0.42, w: 0.6, h: 0.06 }, color: THEME.accent },
        textBox({ x: MARGIN, y: 0.55, w: CONTENT_W, h: 1.0 }, [start === 0 ? "Sources" : "Sources (continued)"], {
          max: 28,
          min: 20,
          style: "bold",
          color: THEME.ink,
          chrome: true,
        }),
        textBox({ x: MARGIN, y: BODY_TOP, w: CONTENT_W, h: BODY_H }, list, {
          max: 16,
          min: 10,
          color: THEME.body,
          paraSpaceAfter: 6,
          chrome: true,
        }),
        { type: "rect", box: { x: MARGIN, y: FOOTER_Y - 0.12, w: CONTENT_W, h: 0.01 }, color: THEME.rule },
        textBox({ x: MARGIN, y: FOOTER_Y, w: CONTENT_W - 2.4, h: 0.4 }, ["Each [n] on a slide refers to a context item of this project."], {
          max: 10,
          min: 8,
          color: THEME.muted,
          chrome: true,
        }),
        textBox({ x: SLIDE_W - MARGIN - 2.0, y: FOOTER_Y, w: 2.0, h: 0.4 }, [String(before + out.length + 1)], {
          max: 10,
          min: 10,
          color: THEME.muted,
          align: "right",
          chrome: true,
        }),
      ],
    });
  }
  return out;
}

// ---- tables ---------------------------------------------------------------------------------------

const NUMERIC = /^[-+−]?[$€£¥₹]?\s?\d[\d,.\s]*(%|[kmb]n?|x|pp|pts?)?$/i;

// The room a table's caption takes below it (up to three lines).
const CAPTION_H = 1.05;

function tableBodies(title: string, columns: string[], rows: string[][], area: Box, caption?: string): Body[] {
  const width = Math.max(1, columns.length);
  const header = columns.length > 0 ? columns : [""];
  const cells = rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] ?? "").replace(/\s+/g, " ").trim()));
  const limit = TABLE_ROWS_PER_SLIDE * TABLE_MAX_SLIDES;
  const shown = cells.slice(0, limit);
  const chunks: string[][][] = [];
  for (let i = 0; i < shown.length; i += TABLE_ROWS_PER_SLIDE) chunks.push(shown.slice(i, i + TABLE_ROWS_PER_SLIDE));
  if (chunks.length === 0) chunks.push([]);
  const numeric = header.map((_, c) => cells.length > 0 && cells.every((r) => r[c] === "" || NUMERIC.test(r[c] ?? "")));
  return chunks.map((chunk, i) => {
    const left = i === chunks.length - 1 ? cells.length - shown.length : 0;
    // Rows left off are said under the table, so a reader knows the table goes on; the caption, on
    // the last part, under it.
    const last = i === chunks.length - 1;
    const below = (left > 0 ? 0.45 : 0) + (caption && last ? CAPTION_H + 0.15 : 0);
    const room = below > 0 ? { ...area, h: area.h - below } : area;
    const table = fitTable(header, chunk, numeric, room);
    const elements: Element[] = [table];
    if (caption && last) {
      const y = table.box.y + table.box.h + 0.2 + (left > 0 ? 0.45 : 0);
      elements.push({ type: "rect", box: { x: area.x, y, w: 0.06, h: CAPTION_H - 0.1 }, color: THEME.accent });
      elements.push(
        textBox({ x: area.x + 0.2, y, w: area.w - 0.2, h: CAPTION_H - 0.1 }, [caption], {
          max: 16,
          min: 11,
          color: THEME.body,
          maxLines: 3,
          valign: "middle",
        }),
      );
    }
    if (left > 0) {
      const y = table.box.y + table.box.h + 0.1;
      elements.push(
        textBox({ x: area.x, y, w: area.w, h: 0.35 }, [`+${left} more rows not shown`], {
          max: 12,
          min: 10,
          style: "italic",
          color: THEME.muted,
          chrome: true,
        }),
      );
    }
    return { title: chunks.length > 1 && i > 0 ? `${title} (continued)` : title, elements };
  });
}

/** Column widths from content, then the largest font (18 → 10 pt) at which every row fits the area. */
export function fitTable(header: string[], rows: string[][], numeric: boolean[], area: Box): TableElement {
  const measure = (size: number, maxLines: number) => {
    const colW = columnWidths(header, rows, area.w, size);
    const inner = colW.map((w) => pt(w - 2 * CELL_PAD_X));
    const fitRow = (cells: string[], style: FontStyle) => {
      const fitted = cells.map((cell, c) =>
        fitText({ paragraphs: [cell], width: inner[c] ?? 10, height: 1e6, maxSize: size, minSize: size, style, maxLines }),
      );
      const lines = Math.max(1, ...fitted.map((f) => f.lines[0] ?? 1));
      return { text: fitted.map((f) => f.paragraphs[0] ?? ""), height: (lines * size * LINE_HEIGHT) / 72 + 2 * CELL_PAD_Y };
    };
    const head = fitRow(header, "bold");
    const body = rows.map((r) => fitRow(r, "regular"));
    const height = head.height + body.reduce((a, b) => a + b.height, 0);
    return { colW, head, body, height };
  };
  let chosen = measure(10, 1);
  let size = 10;
  search: for (let s = 18; s >= 10; s -= 1) {
    for (const maxLines of [6, 4, 3, 2, 1]) {
      const m = measure(s, maxLines);
      if (m.height <= area.h) {
        chosen = m;
        size = s;
        break search;
      }
      // At the larger sizes only uncut text is accepted; cutting starts at the floor size.
      if (s > 10) break;
    }
  }
  return {
    type: "table",
    box: { ...area, h: Math.min(area.h, chosen.height) },
    colW: chosen.colW,
    rowH: [chosen.head.height, ...chosen.body.map((b) => b.height)],
    header: chosen.head.text,
    rows: chosen.body.map((b) => b.text),
    numeric,
    fontSize: size,
  };
}

/**
 * Column widths in inches: each column's text on one line at `size`, never less than its longest word.
 * If that is wider than the table, the widest columns give way first (water-filling), so short
 * columns (figures, dates) stay on one line and the long text columns wrap.
 */
export function columnWidths(header: string[], rows: string[][], width: number, size = 14): number[] {
  const pad = 2 * CELL_PAD_X * 72;
  const texts = header.map((h, c) => [h, ...rows.map((r) => r[c] ?? "")]);
  const style = (i: number): FontStyle => (i === 0 ? "bold" : "regular");
  const natural = texts.map((t) => Math.max(...t.map((x, i) => unitWidth(x, style(i)))) * size * 1.05 + pad);
  // A word longer than 30% of the table (a URL) is broken rather than given its whole width.
  const floor = texts.map((t) =>
    Math.min(pt(width) * 0.3, Math.max(36, ...t.flatMap((x, i) => x.split(" ").map((w) => unitWidth(w, style(i)) * size * 1.05 + pad)))),
  );
  return shareWidths(natural, floor, pt(width)).map((w) => w / 72);
}

// ---- charts ---------------------------------------------------------------------------------------

function chartElements(chart: ChartSpec, caption: string | undefined, area: Box): Element[] {
  const categories = Math.min(CHART_MAX_CATEGORIES, chart.labels.length, ...chart.series.map((s) => s.values.length));
  const chartW = caption ? area.w * 0.68 : area.w;
  // Category labels are cut to the room one category has on its axis (bar charts list them down the side).
  const labelRoom = chart.type === "bar" ? pt(chartW * 0.3) : Math.max(60, pt(chartW) / Math.max(1, categories) - 6);
  const labels = chart.labels
    .slice(0, categories)
    .map((l) => fitText({ paragraphs: [l], width: labelRoom, height: 1e6, maxSize: 12, minSize: 12, maxLines: 2 }).paragraphs[0] ?? "");
  const fitted: ChartSpec = {
    type: chart.type,
    labels,
    series: chart.series.slice(0, THEME.series.length).map((s) => ({
      name: fitOneLine(s.name, 160, 11, 11).paragraphs[0] ?? "",
      values: s.values.slice(0, categories).map((v) => (Number.isFinite(v) ? v : 0)),
    })),
  };
  if (chart.valueFormat) fitted.valueFormat = chart.valueFormat;
  const els: Element[] = [{ type: "chart", box: { x: area.x, y: area.y, w: chartW, h: area.h }, chart: fitted }];
  if (caption) {
    const x = area.x + chartW + 0.35;
    els.push({ type: "rect", box: { x, y: area.y + 0.2, w: 0.06, h: area.h - 0.4 }, color: THEME.accent });
    els.push(
      textBox({ x: x + 0.25, y: area.y + 0.2, w: area.x + area.w - x - 0.25, h: area.h - 0.4 }, [caption], {
        max: 20,
        min: 12,
        color: THEME.body,
        valign: "middle",
      }),
    );
  }
  return els;
}

/** The figure a data label shows for `value` under an Excel number format (the common cases). */
export function formatValue(value: number, format: string | undefined): string {
  if (!format) return String(value);
  // Only a bare % scales the value; a quoted "%" is a literal sign after a number already in percent.
  const percent = format.replace(/"[^"]*"/g, "").includes("%");
  const general = /General/i.exec(format);
  if (general) {
    const literal = (part: string) => part.replace(/"([^"]*)"/g, "$1").replace(/\\/g, "");
    const shown = percent ? value * 100 : value;
    return `${literal(format.slice(0, general.index))}${String(shown)}${literal(format.slice(general.index + 7))}`;
  }
  const decimals = /0\.(0+)/.exec(format)?.[1]?.length ?? 0;
  const grouped = /#,##0|0,0/.test(format);
  const shown = percent ? value * 100 : value;
  const number = shown.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouped });
  // Quoted text is kept as written; outside quotes, the format's own symbols are dropped.
  const literal = (part: string) =>
    part.replace(/"([^"]*)"|([^"]+)/g, (_m, quoted: string | undefined, bare: string | undefined) =>
      quoted !== undefined ? quoted : (bare ?? "").replace(/[#0,.%\\]/g, ""),
    );
  const unquoted = format.replace(/"[^"]*"/g, (m) => " ".repeat(m.length));
  const core = /[#0][#0,.]*/.exec(unquoted);
  if (!core) return number;
  const prefix = literal(format.slice(0, core.index));
  const suffix = literal(format.slice(core.index + core[0].length));
  return `${prefix}${number}${percent ? "%" : ""}${suffix}`;
}

// ---- big number, two columns, quote ----------------------------------------------------------------

function bigNumberElements(s: Extract<SlideSpec, { layout: "big-number" }>, cite: string, area: Box): Element[] {
  const others = (s.others ?? []).slice(0, 3);
  const mainW = others.length > 0 ? area.w * 0.6 : area.w;
  const els: Element[] = [
    textBox({ x: area.x, y: area.y + 0.1, w: mainW, h: 1.75 }, [s.value], {
      max: 96,
      min: 40,
      style: "bold",
      color: THEME.accent,
      maxLines: 1,
    }),
    textBox({ x: area.x, y: area.y + 1.95, w: mainW, h: 0.9 }, [`${s.label}${cite}`], {
      max: 26,
      min: 16,
      style: "bold",
      color: THEME.ink,
      maxLines: 2,
    }),
  ];
  if (s.detail)
    els.push(textBox({ x: area.x, y: area.y + 2.95, w: mainW, h: 1.6 }, [s.detail], { max: 20, min: 14, color: THEME.muted, maxLines: 4 }));
  if (others.length > 0) {
    const x = area.x + mainW + 0.4;
    const w = area.x + area.w - x;
    const gap = 0.15;
    const h = Math.min(1.5, (area.h - gap * (others.length - 1)) / others.length);
    others.forEach((o, i) => {
      const y = area.y + i * (h + gap);
      els.push({ type: "rect", box: { x, y, w, h }, color: THEME.tint });
      els.push({ type: "rect", box: { x, y, w: 0.06, h }, color: THEME.accent });
      els.push(
        textBox({ x: x + 0.25, y: y + 0.12, w: w - 0.4, h: 0.7 }, [o.value], {
          max: 36,
          min: 18,
          style: "bold",
          color: THEME.ink,
          maxLines: 1,
        }),
      );
      els.push(
        textBox({ x: x + 0.25, y: y + 0.82, w: w - 0.4, h: h - 0.9 }, [o.label], { max: 14, min: 10, color: THEME.muted, maxLines: 2 }),
      );
    });
  }
  return els;
}

function twoColumnElements(
  left: { heading: string; bullets: { text: string; source?: SourceRef | undefined }[] },
  right: { heading: string; bullets: { text: string; source?: SourceRef | undefined }[] },
  cite: (src: SourceRef | undefined) => string,
  area: Box,
): Element[] {
  const gap = 0.5;
  const w = (area.w - gap) / 2;
  return [left, right].flatMap((col, i) => {
    const x = area.x + i * (w + gap);
    const paragraphs = col.bullets.map((b) => `${b.text}${cite(b.source)}`);
    const els: Element[] = [
      textBox({ x, y: area.y, w, h: 0.75 }, [col.heading], { max: 22, min: 16, style: "bold", color: THEME.accent, maxLines: 2 }),
      { type: "rect", box: { x, y: area.y + 0.82, w, h: 0.02 }, color: THEME.rule },
    ];
    if (paragraphs.length > 0) {
      els.push(
        textBox({ x, y: area.y + 1.0, w, h: area.h - 1.0 }, paragraphs, {
          max: 20,
          min: 12,
          color: THEME.body,
          bullets: true,
          paraSpaceAfter: 10,
        }),
      );
    }
    return els;
  });
}

function quoteElements(quote: string, attribution: string | undefined, cite: string, area: Box): Element[] {
  const els: Element[] = [
    textBox({ x: area.x, y: area.y - 0.1, w: 1.0, h: 1.9 }, ["“"], {
      max: 110,
      min: 110,
      style: "bold",
      color: THEME.accentSoft,
      chrome: true,
    }),
    textBox({ x: area.x + 1.0, y: area.y + 0.2, w: area.w - 1.6, h: 3.3 }, [quote.replace(/^["“]|["”]$/g, "")], {
      max: 32,
      min: 18,
      style: "italic",
      color: THEME.ink,
      valign: "middle",
    }),
  ];
  const by = [attribution ? `— ${attribution}` : "", cite.trim()].filter(Boolean).join(" ");
  if (by)
    els.push(
      textBox({ x: area.x + 1.0, y: area.y + 3.7, w: area.w - 1.6, h: 0.8 }, [by], { max: 18, min: 12, color: THEME.muted, maxLines: 2 }),
    );
  return els;
}

/** Every visible string of a planned deck in reading order, without the slide furniture. */
export function planText(slides: PlannedSlide[]): string {
  const parts: string[] = [];
  for (const slide of slides) {
    for (const el of slide.elements) {
      if (el.type === "text" && !el.chrome) parts.push(...el.paragraphs);
      else if (el.type === "table") parts.push(el.header.join(" | "), ...el.rows.map((r) => r.join(" | ")));
      else if (el.type === "chart") {
        parts.push(...el.chart.labels, ...el.chart.series.map((s) => s.name));
        for (const s of el.chart.series) parts.push(s.values.map((v) => formatValue(v, el.chart.valueFormat)).join(" "));
      }
    }
  }
  return parts.filter((p) => p.trim() !== "").join("\n");
}
