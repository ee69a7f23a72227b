// Text of a PDF with pdf.js (pdfjs-dist's legacy build, pure JS, the build meant for Node), read by
// layout (./pdf-layout.ts): tables stay tables, wrapped lines are joined, print headers and footers
// are dropped. Loaded lazily so start-up does not pay for it (the first call loads pdf.js, ~2 s cold).
import { EmptyContentError, UnsupportedMediaTypeError } from "./errors.js";
import { textOfPages, type PdfRun } from "./pdf-layout.js";

export async function extractPdfText(bytes: Buffer): Promise<string> {
  // "%PDF-" must appear near the start (the spec allows leading junk within the first 1024 bytes).
  if (!bytes.subarray(0, 1024).includes("%PDF-")) {
    throw new UnsupportedMediaTypeError("The file is not a PDF (no %PDF header)");
  }
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // A copy: pdf.js transfers (detaches) the buffer it is given, and the caller still owns `bytes`.
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false });
  try {
    const doc = await task.promise;
    const pages: PdfRun[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a = 0, b = 0, , d = 0, x = 0, y = 0] = item.transform as number[];
        runs.push({ text: item.str, x, y, width: item.width, size: item.height || Math.hypot(a, b) || Math.abs(d) });
      }
      pages.push(runs);
      page.cleanup();
    }
    const text = textOfPages(pages);
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
    await task.destroy();
  }
}
