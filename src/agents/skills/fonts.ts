// The fonts the skills draw and measure with: DejaVu Sans (npm `dejavu-fonts-ttf`, Bitstream Vera /
// DejaVu licence, free to embed). It covers Latin, Greek, Cyrillic and the common symbols (✓ → € ≥ …),
// so the PDF skill embeds it, and the deck skill measures text with it: LibreOffice draws a deck's
// Calibri with DejaVu Sans when Calibri/Carlito are missing, and DejaVu is the wider of the two, so a
// text measured to fit in DejaVu also fits in Calibri.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

const require = createRequire(import.meta.url);

export type FontStyle = "regular" | "bold" | "italic";

const FILES: Record<FontStyle, string> = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
  italic: "dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf",
};

const bytes = new Map<FontStyle, Buffer>();

/** The TTF bytes of one style, read once per process. */
export function fontBytes(style: FontStyle): Buffer {
  let data = bytes.get(style);
  if (!data) {
    data = readFileSync(require.resolve(FILES[style]));
    bytes.set(style, data);
  }
  return data;
}

// pdfkit's embedded-font object wraps a fontkit font; only these members are used.
interface EmbeddedFont {
  font: { hasGlyphForCodePoint(codePoint: number): boolean };
}

let measurer: PDFKit.PDFDocument | undefined;
const widthCache = new Map<string, number>();

const registered = new Set<FontStyle>();

/** A document used only to measure; each style is parsed the first time it is asked for. */
function measuringDoc(style: FontStyle): PDFKit.PDFDocument {
  measurer ??= new PDFDocument({ autoFirstPage: false });
  if (!registered.has(style)) {
    measurer.registerFont(style, fontBytes(style));
    registered.add(style);
  }
  return measurer.font(style);
}

/**
 * Advance width of `text` at 1 pt, in points (multiply by the font size): the sum of its characters'
 * advances, each measured once. Kerning (which only ever narrows Latin text here) is left out, so
 * the estimate errs wide.
 */
export function unitWidth(text: string, style: FontStyle = "regular"): number {
  let width = 0;
  for (const ch of text) {
    const key = `${style}${ch}`;
    let w = widthCache.get(key);
    if (w === undefined) {
      w = measuringDoc(style).fontSize(1).widthOfString(ch);
      widthCache.set(key, w);
    }
    width += w;
  }
  return width;
}

/** Whether DejaVu Sans has a glyph for the code point (the PDF substitutes those it has not). */
export function hasGlyph(codePoint: number): boolean {
  const doc = measuringDoc("regular");
  const embedded = (doc as unknown as { _font?: EmbeddedFont })._font;
  if (!embedded || typeof embedded.font.hasGlyphForCodePoint !== "function") throw new Error("pdfkit font has no glyph lookup");
  return embedded.font.hasGlyphForCodePoint(codePoint);
}
