// One uploaded file → the text of a context item. The kind is decided by the extension (the client's
// mime type only when there is no extension) and then verified against the bytes: a .txt must be text,
// a .pdf must be a PDF, an .html a web page, a .json JSON. The filename is used for nothing but that
// extension and the display title (an HTML page's <title> comes first).
import { csvToMarkdownTable } from "./csv.js";
import { EmptyContentError, PayloadTooLargeError, UnsupportedMediaTypeError } from "./errors.js";
import { sanitizeFilename } from "./filename.js";
import { declaredCharset, hasVisibleText, htmlTitle, requireHtml } from "./html.js";
import { jsonToMarkdown } from "./json.js";
import { extractPdfText } from "./pdf.js";

export type ContextFileKind = "markdown" | "text" | "csv" | "pdf" | "html" | "json";

export interface UploadedFile {
  /** As the client sent it; never used as a path. */
  filename: string;
  /** As the client sent it (may be empty or wrong); consulted only when the name has no extension. */
  mime: string;
  bytes: Buffer;
}

export interface ExtractLimits {
  /** Largest upload accepted (config.maxUploadBytes, default 10 MB). */
  maxBytes: number;
  /** Largest extracted text, in characters; guards against PDFs that inflate. Default 4 × maxBytes. */
  maxChars?: number;
}

export interface ExtractedContext {
  title: string;
  /**
   * Markdown or plain text; a CSV becomes a Markdown table, JSON a table or a code block (json.ts);
   * an HTML page is kept as its decoded source, which the analysis reduces to visible text (html.ts).
   */
  body: string;
  /** The canonical type of what was uploaded: text/markdown, text/plain, text/csv, application/pdf, text/html or application/json. */
  mime: string;
  /** The cleaned filename (last path segment, no control characters), e.g. for display. */
  filename: string;
  kind: ContextFileKind;
}

const BY_EXTENSION: Record<string, ContextFileKind> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  text: "text",
  // A meeting's captions (WebVTT, SubRip): text, read as a transcript by the cleaner (clean/captions.ts).
  vtt: "text",
  srt: "text",
  csv: "csv",
  pdf: "pdf",
  html: "html",
  htm: "html",
  json: "json",
};
const BY_MIME: Record<string, ContextFileKind> = {
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/plain": "text",
  "text/vtt": "text",
  "application/x-subrip": "text",
  "text/csv": "csv",
  "application/csv": "csv",
  "application/pdf": "pdf",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "application/json": "json",
  "text/json": "json",
};
const CANONICAL_MIME: Record<ContextFileKind, string> = {
  markdown: "text/markdown",
  text: "text/plain",
  csv: "text/csv",
  pdf: "application/pdf",
  html: "text/html",
  json: "application/json",
};
export const SUPPORTED_UPLOADS = ".md, .txt, .csv, .pdf, .html or .json";

export async function extractContextText(file: UploadedFile, limits: ExtractLimits): Promise<ExtractedContext> {
  if (file.bytes.length > limits.maxBytes) {
    throw new PayloadTooLargeError(
      `The file is ${formatBytes(file.bytes.length)}; the limit is ${formatBytes(limits.maxBytes)} (WORKSMITH_MAX_UPLOAD_BYTES)`,
      limits.maxBytes,
      file.bytes.length,
    );
  }
  const name = sanitizeFilename(file.filename);
  const kind = detectKind(name.extension, file.mime);
  if (file.bytes.length === 0) throw new EmptyContentError("The file is empty");

  let body: string;
  let title = name.title;
  if (kind === "pdf") body = await extractPdfText(file.bytes);
  else if (kind === "html") {
    body = decodeText(file.bytes, declaredCharset(file.bytes));
    if (body.trim() !== "") {
      requireHtml(body);
      // A page of scripts and styles only (an app shell saved before it rendered) has nothing to read.
      if (!hasVisibleText(body)) throw new EmptyContentError("The page has no visible text (only markup, scripts or styles)");
      title = htmlTitle(body) ?? title;
    }
  } else {
    const text = decodeText(file.bytes);
    body = kind === "csv" ? csvToMarkdownTable(text) : kind === "json" && text.trim() !== "" ? jsonToMarkdown(text) : text;
  }
  body = body.trim();
  if (!body) throw new EmptyContentError("The file contains only whitespace");
  const maxChars = limits.maxChars ?? limits.maxBytes * 4;
  if (body.length > maxChars) {
    throw new PayloadTooLargeError(
      `The extracted text is ${body.length} characters; the limit is ${maxChars}`,
      maxChars,
      Buffer.byteLength(body),
    );
  }
  return { title, body, mime: CANONICAL_MIME[kind], filename: name.filename, kind };
}

function detectKind(extension: string, mime: string): ContextFileKind {
  if (extension) {
    const kind = BY_EXTENSION[extension];
    if (kind) return kind;
    throw new UnsupportedMediaTypeError(`Files of type .${extension} are not supported; upload ${SUPPORTED_UPLOADS}`);
  }
  const base = mime.split(";")[0]?.trim().toLowerCase() ?? "";
  const kind = BY_MIME[base];
  if (kind) return kind;
  throw new UnsupportedMediaTypeError(`Unsupported file type${base ? ` ${base}` : ""}; upload ${SUPPORTED_UPLOADS}`);
}

/** C0/C1 controls and DEL, except tab, LF, CR and FF, which are ordinary in text. */
const STRAY_CONTROL = /(?![\t\n\r\f])\p{Cc}/gu;

/**
 * Bytes → text, refusing binaries. UTF-8 (BOM stripped) or UTF-16 with a BOM; otherwise the encoding
 * the file declares (an HTML page's <meta charset>, a WHATWG label as TextDecoder names it), else UTF-8
 * when the bytes are valid UTF-8, else Windows-1252, which is what spreadsheet exports that are not
 * UTF-8 usually are. A BOM wins over a declaration, as in a browser; a page declaring UTF-8 whose
 * bytes are not is read as Windows-1252 too. A NUL byte in 8-bit text, or more than 1% control
 * characters, means a binary under a text name (an .exe renamed .txt).
 */
export function decodeText(bytes: Buffer, declared: string | null = null): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  else {
    if (bytes.includes(0)) throw new UnsupportedMediaTypeError("The file looks binary, not text; upload " + SUPPORTED_UPLOADS);
    const utf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    text = declared && !utf8Bom ? decodeDeclared(bytes, declared) : decodeUtf8OrWindows1252(bytes);
  }
  const controls = text.match(STRAY_CONTROL)?.length ?? 0;
  if (controls > Math.max(8, text.length / 100)) {
    throw new UnsupportedMediaTypeError("The file looks binary, not text; upload " + SUPPORTED_UPLOADS);
  }
  return text.replace(/\r\n?/g, "\n").replace(STRAY_CONTROL, "").replace(/\f/g, "\n");
}

/** 8-bit bytes in a declared encoding. A UTF-16 declaration without a BOM is read as UTF-8, as browsers do. */
function decodeDeclared(bytes: Buffer, encoding: string): string {
  if (encoding === "utf-8" || encoding.startsWith("utf-16")) return decodeUtf8OrWindows1252(bytes);
  // "iso-8859-1", "ascii" and "latin1" are labels of windows-1252 (WHATWG), which TextDecoder mis-decodes.
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  return new TextDecoder(encoding).decode(bytes);
}

function decodeUtf8OrWindows1252(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node 20's TextDecoder("windows-1252") decodes
// those as Latin-1 C1 controls (0x80 → U+0080, not €), so the 32 code points are mapped here.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString("latin1").replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
