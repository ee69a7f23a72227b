// Fitting text to a box ourselves: pptxgenjs' `fit: "shrink"` only asks the viewer to shrink, and
// LibreOffice never does, so text that is too long simply runs off the slide. Here each box's text is
// wrapped with real font metrics (DejaVu Sans, the widest font a viewer will draw it with), shrunk a
// point at a time down to a floor, and if it still does not fit, cut at a word with an ellipsis.
import { unitWidth, type FontStyle } from "./fonts.js";

/** Line height as a multiple of the font size: Calibri's is 1.22 em, DejaVu Sans' 1.16 em. */
export const LINE_HEIGHT = 1.22;
/** Widths are padded this much for kerning and hinting differences between renderers. */
const WIDTH_SLACK = 1.04;
const ELLIPSIS = "…";

export interface FitRequest {
  /** One entry per paragraph (a bullet, a cell). */
  paragraphs: string[];
  /** Box size in points. */
  width: number;
  height: number;
  maxSize: number;
  minSize: number;
  style?: FontStyle | undefined;
  /** Line spacing multiple (pptxgenjs lineSpacingMultiple). */
  lineSpacing?: number | undefined;
  /** Space after each paragraph but the last, in points. */
  paraSpaceAfter?: number | undefined;
  /** Width taken by a bullet and its indent, in points. */
  indent?: number | undefined;
  /** Upper bound of lines for the whole box (e.g. a one-line footnote). */
  maxLines?: number | undefined;
}

export interface FittedText {
  paragraphs: string[];
  fontSize: number;
  /** Lines per paragraph at that size. */
  lines: number[];
  /** Height the text takes, in points. */
  height: number;
  /** True when text was cut (a paragraph ends in "…" or later paragraphs were dropped). */
  truncated: boolean;
}

/** Wraps one paragraph into lines no wider than `width` points at `size` (words longer than a line are broken). */
export function wrapLines(text: string, width: number, size: number, style: FontStyle = "regular"): string[] {
  const limit = width / (size * WIDTH_SLACK);
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let line = "";
  const space = unitWidth(" ", style);
  let lineWidth = 0;
  for (const word of words) {
    const w = unitWidth(word, style);
    if (line === "") {
      if (w <= limit) {
        line = word;
        lineWidth = w;
        continue;
      }
    } else if (lineWidth + space + w <= limit) {
      line += ` ${word}`;
      lineWidth += space + w;
      continue;
    } else {
      lines.push(line);
      line = "";
      lineWidth = 0;
      if (w <= limit) {
        line = word;
        lineWidth = w;
        continue;
      }
    }
    // A word wider than the line (a URL, an identifier): break it between characters.
    let piece = "";
    for (const ch of word) {
      if (piece !== "" && unitWidth(piece + ch, style) > limit) {
        lines.push(piece);
        piece = "";
      }
      piece += ch;
    }
    line = piece;
    lineWidth = unitWidth(piece, style);
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** The largest size between maxSize and minSize at which the text fits; else the floor size, cut. */
export function fitText(req: FitRequest): FittedText {
  const style = req.style ?? "regular";
  const spacing = req.lineSpacing ?? 1;
  const after = req.paraSpaceAfter ?? 0;
  const indent = req.indent ?? 0;
  const paragraphs = req.paragraphs.map((p) => p.replace(/\s+/g, " ").trim());
  const measure = (size: number) => {
    const lines = paragraphs.map((p) => Math.max(1, wrapLines(p, req.width - indent, size, style).length));
    const total = lines.reduce((a, b) => a + b, 0);
    const height = total * size * LINE_HEIGHT * spacing + Math.max(0, paragraphs.length - 1) * after;
    return { lines, total, height };
  };
  for (let size = req.maxSize; size >= req.minSize - 1e-9; size -= 1) {
    const m = measure(size);
    if (m.height <= req.height && (req.maxLines === undefined || m.total <= req.maxLines)) {
      return { paragraphs, fontSize: size, lines: m.lines, height: m.height, truncated: false };
    }
  }
  return cutToFit(paragraphs, req, style, spacing, after, indent);
}

function cutToFit(paragraphs: string[], req: FitRequest, style: FontStyle, spacing: number, after: number, indent: number): FittedText {
  const size = req.minSize;
  const lineHeight = size * LINE_HEIGHT * spacing;
  const width = req.width - indent;
  let budget = req.height;
  let linesLeft = req.maxLines ?? Number.POSITIVE_INFINITY;
  const kept: string[] = [];
  const lines: number[] = [];
  for (const paragraph of paragraphs) {
    const gap = kept.length > 0 ? after : 0;
    const fitLines = Math.min(linesLeft, Math.floor((budget - gap + 1e-6) / lineHeight));
    if (fitLines <= 0) break;
    const wrapped = wrapLines(paragraph, width, size, style);
    if (wrapped.length <= fitLines) {
      kept.push(paragraph);
      lines.push(Math.max(1, wrapped.length));
      budget -= gap + Math.max(1, wrapped.length) * lineHeight;
      linesLeft -= Math.max(1, wrapped.length);
      continue;
    }
    kept.push(cutParagraph(wrapped, fitLines, width, size, style));
    lines.push(fitLines);
    budget = 0;
    break;
  }
  if (kept.length === 0) {
    // Not even one line fits: show the ellipsis alone rather than overflow.
    return { paragraphs: [ELLIPSIS], fontSize: size, lines: [1], height: lineHeight, truncated: true };
  }
  const dropped = kept.length < paragraphs.length;
  if (dropped) {
    const last = kept.length - 1;
    const text = kept[last] ?? "";
    if (!text.endsWith(ELLIPSIS)) {
      const wrapped = wrapLines(`${text} ${ELLIPSIS}`, width, size, style);
      kept[last] =
        wrapped.length <= (lines[last] ?? 1)
          ? `${text} ${ELLIPSIS}`
          : cutParagraph(wrapLines(text, width, size, style), lines[last] ?? 1, width, size, style);
    }
  }
  const height = lines.reduce((a, b) => a + b, 0) * lineHeight + Math.max(0, kept.length - 1) * after;
  return { paragraphs: kept, fontSize: size, lines, height, truncated: true };
}

/** The first `keep` lines of a wrapped paragraph, the last one shortened at a word to end in "…". */
function cutParagraph(wrapped: string[], keep: number, width: number, size: number, style: FontStyle): string {
  const head = wrapped.slice(0, keep - 1);
  const words = (wrapped[keep - 1] ?? "").split(" ");
  const limit = width / (size * WIDTH_SLACK);
  while (words.length > 1 && unitWidth(`${words.join(" ")}${ELLIPSIS}`, style) > limit) words.pop();
  let last = words.join(" ").replace(/[\s,;:.–—-]+$/, "");
  while (last.length > 0 && unitWidth(`${last}${ELLIPSIS}`, style) > limit) last = last.slice(0, -1);
  return [...head, `${last}${ELLIPSIS}`].join(" ");
}

/** Cuts a single line to `width` points at `size` with an ellipsis (for labels and footers). */
export function fitOneLine(text: string, width: number, maxSize: number, minSize: number, style: FontStyle = "regular"): FittedText {
  return fitText({ paragraphs: [text], width, height: maxSize * LINE_HEIGHT + 0.5, maxSize, minSize, style, maxLines: 1 });
}

/**
 * Shares `total` among columns that would like `natural` each and need at least `floor` each. When
 * all fit, each gets its natural width; else the widest give way first (water-filling), so short
 * columns (figures, dates) stay on one line and long text columns wrap. The result always sums to
 * `total`: what is left, or an excess of floors, is spread in proportion.
 */
export function shareWidths(natural: number[], floor: number[], total: number): number[] {
  const sum = (level: number) => natural.reduce((a, n, c) => a + Math.min(n, Math.max(level, floor[c] ?? 0)), 0);
  let widths: number[];
  if (sum(Number.POSITIVE_INFINITY) <= total) {
    widths = natural;
  } else {
    let lo = 0;
    let hi = Math.max(...natural);
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (sum(mid) > total) hi = mid;
      else lo = mid;
    }
    widths = natural.map((n, c) => Math.min(n, Math.max(lo, floor[c] ?? 0)));
  }
  const used = widths.reduce((a, b) => a + b, 0) || 1;
  return widths.map((w) => (w / used) * total);
}
