// Text of a PDF with pdf-parse 2 (pdf.js, pure JS; verified on Node 20.20: a two-page pdfkit file
// extracts in ~2.3 s cold — the first call loads pdf.js — and milliseconds after). Loaded lazily so
// start-up does not pay for it.
import { EmptyContentError, UnsupportedMediaTypeError } from "./errors.js";

export async function extractPdfText(bytes: Buffer): Promise<string> {
  // "%PDF-" must appear near the start (the spec allows leading junk within the first 1024 bytes).
  if (!bytes.subarray(0, 1024).includes("%PDF-")) {
    throw new UnsupportedMediaTypeError("The file is not a PDF (no %PDF header)");
  }
  const { PDFParse } = await import("pdf-parse");
  // A copy: pdf.js may transfer (detach) the buffer it is given, and the caller still owns `bytes`.
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  try {
    const result = await parser.getText();
    // Per page rather than result.text, which inserts "-- 1 of 2 --" markers between pages.
    const text = result.pages
      .map((p) => p.text.trim())
      .filter(Boolean)
      .join("\n\n");
    if (!text.trim()) {
      throw new EmptyContentError("The PDF has no extractable text (a scanned image needs OCR first)");
    }
    return text;
  } catch (error) {
    if (error instanceof EmptyContentError) throw error;
    const name = error instanceof Error ? error.name : "";
    if (name === "PasswordException") throw new UnsupportedMediaTypeError("The PDF is password-protected; upload an unprotected copy");
    throw new UnsupportedMediaTypeError(`The PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await parser.destroy();
  }
}
