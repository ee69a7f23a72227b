// An uploaded .html/.htm file (a web page saved from a browser, a wiki or CMS export) → its source
// text, decoded as the page declares, and its <title>. The source is what is stored: the analysis
// (clean/clean-item.ts, mime text/html) reduces it to visible text with the same reducer a note with
// markup goes through — headings, lists and tables kept; scripts, styles, hidden elements, menus,
// cookie banners and comments dropped and flagged — so an item is analysed again from what was
// uploaded whenever the cleaner improves, as a note is.
import { Parser } from "htmlparser2";
import { reduceHtml } from "./clean/html.js";
import { UnsupportedMediaTypeError } from "./errors.js";

/** How far in the bytes a page's charset declaration is looked for (the HTML standard's pre-scan reads 1024). */
const PRESCAN_BYTES = 1024;

/**
 * The first tag of an HTML document or fragment, after any BOM, whitespace, comments and an XML
 * declaration. Plain text, JSON, an SVG or other XML saved under .html is not a page.
 */
const HTML_START =
  /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body|meta|title|link|style|script|base|main|article|section|header|div|p|h[1-6]|table|ul|ol|dl|span|a|form|nav|pre|blockquote|center|font|b|i|strong|em|img|br)\b/i;

/** Does the text read as an HTML page or fragment (it opens with an HTML tag)? */
export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 64 * 1024).replace(/^\uFEFF/, ""));
}

/**
 * The page's declared encoding: `<meta charset="…">` or `<meta http-equiv="Content-Type"
 * content="…; charset=…">` in its first 1024 bytes (read as ASCII, as browsers pre-scan). Null when
 * none is declared or the label is one this runtime cannot decode.
 */
export function declaredCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, PRESCAN_BYTES).toString("latin1");
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = meta[0];
    const label =
      /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag)?.[1] ??
      (/http-equiv\s*=\s*["']?content-type/i.test(tag) ? /charset=([\w.:-]+)/i.exec(tag)?.[1] : undefined);
    if (!label) continue;
    try {
      return new TextDecoder(label).encoding;
    } catch {
      return null;
    }
  }
  return null;
}

/** A page's <title>, entities decoded and whitespace collapsed; null when it has none or it is blank. */
export function htmlTitle(html: string): string | null {
  let depth = 0;
  let title = "";
  let done = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "title" && !done) depth++;
        // The first <title> only; one inside an <svg> is the drawing's, not the page's.
        if (name === "svg" || name === "body") done = done || depth === 0;
      },
      ontext(text) {
        if (depth > 0) title += text;
      },
      onclosetag(name) {
        if (name === "title" && depth > 0) {
          depth--;
          done = true;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  // The title is in the head: the first 64 KB hold it on any page a person saves.
  parser.write(html.slice(0, 64 * 1024));
  parser.end();
  const flat = title.replace(/\s+/g, " ").trim();
  return flat || null;
}

/** Refuses text that is not HTML under an HTML name (415, as a .pdf that is not a PDF is refused). */
export function requireHtml(text: string): void {
  if (looksLikeHtml(text)) return;
  const t = text.trimStart().replace(/^\uFEFF/, "");
  const what = /^[[{]/.test(t) ? "JSON" : /^</.test(t) ? "XML or another markup" : "plain text";
  throw new UnsupportedMediaTypeError(`The file is named or typed as HTML but reads as ${what}, not a web page`);
}

/** Does a reader of the page see any text (what the cleaner keeps of it)? */
export function hasVisibleText(html: string): boolean {
  return /[\p{L}\p{N}]/u.test(reduceHtml(html, { decodeEntities: true }));
}
