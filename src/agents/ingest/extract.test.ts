import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../domain/errors.js";
import { cleanContextItem } from "./clean/index.js";
import {
  EmptyContentError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  csvToMarkdownTable,
  extractContextText,
  parseCsv,
  sanitizeFilename,
} from "./index.js";

const LIMITS = { maxBytes: 10 * 1024 * 1024 };

async function pdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on("end", resolve));
  for (const text of pages) {
    doc.addPage();
    if (text) doc.text(text);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const file = (filename: string, content: string | Buffer, mime = "application/octet-stream") => ({
  filename,
  mime,
  bytes: typeof content === "string" ? Buffer.from(content, "utf8") : content,
});

describe("extractContextText", () => {
  it("extracts the text of every page of a real PDF", async () => {
    const bytes = await pdf(["Quarterly revenue grew 12% to $4.2M in Q3 2024.", "Churn fell to 3.1% after the pricing change."]);
    const started = performance.now();
    const out = await extractContextText(file("Board update.pdf", bytes, "application/pdf"), LIMITS);
    console.log(`pdf.js: ${bytes.length}-byte 2-page PDF in ${(performance.now() - started).toFixed(0)} ms (includes loading pdf.js)`);
    expect(out).toMatchObject({ title: "Board update", filename: "Board update.pdf", mime: "application/pdf", kind: "pdf" });
    expect(out.body).toBe("Quarterly revenue grew 12% to $4.2M in Q3 2024.\n\nChurn fell to 3.1% after the pricing change.");
  });

  it("reads a real PDF's table as a table and drops its running footer (pdf.js positions, not stream order)", async () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => doc.on("end", resolve));
    const rows = [
      ["Measure", "H1 2025", "H1 2026"],
      ["Leakage (Ml/d)", "19.6", "18.2"],
      ["Written complaints", "1,087", "1,214"],
    ];
    for (const [n, intro] of [
      [1, "Leakage fell to its lowest level."],
      [2, "Complaints rose in the heatwave."],
    ] as const) {
      doc.addPage();
      doc.fontSize(11).text(intro, 72, 72);
      rows.forEach((row, r) => row.forEach((cell, c) => doc.text(cell, 72 + c * 150, 120 + r * 18, { lineBreak: false })));
      doc.fontSize(8).text(`Operations Committee paper — page ${n}`, 72, 740, { lineBreak: false });
    }
    doc.end();
    await ended;
    const out = await extractContextText(file("ops.pdf", Buffer.concat(chunks)), LIMITS);
    expect(out.body).toContain("Measure\tH1 2025\tH1 2026\nLeakage (Ml/d)\t19.6\t18.2\nWritten complaints\t1,087\t1,214");
    expect(out.body).not.toContain("Operations Committee paper");
    const clean = cleanContextItem({ title: out.title, body: out.body, mime: out.mime });
    expect(clean.blocks.filter((b) => b.kind === "table").map((b) => b.rows)).toEqual([rows, rows]);
  });

  it("refuses a PDF without text (422) and bytes that are not a PDF (415)", async () => {
    const blank = await pdf([""]);
    const empty = await extractContextText(file("scan.pdf", blank), LIMITS).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(EmptyContentError);
    expect(empty).toBeInstanceOf(ValidationError);
    expect((empty as EmptyContentError).status).toBe(422);
    expect((empty as Error).message).toMatch(/no extractable text/);

    await expect(extractContextText(file("fake.pdf", "just text, no header"), LIMITS)).rejects.toThrow(UnsupportedMediaTypeError);
    const corrupt = await extractContextText(file("broken.pdf", "%PDF-1.7\ngarbage"), LIMITS).catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((corrupt as Error).message).toMatch(/^The PDF could not be read/);
  });

  it("refuses an oversized upload with 413 before reading it, and accepts exactly the limit", async () => {
    const error = await extractContextText(file("big.txt", Buffer.alloc(1025, "a")), { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ status: 413, limitBytes: 1024, actualBytes: 1025 });
    expect((error as Error).message).toBe("The file is 1.0 KB; the limit is 1.0 KB (WORKSMITH_MAX_UPLOAD_BYTES)");
    // Even an unsupported type: the size is checked first, as a server reading the body would.
    await expect(extractContextText(file("big.exe", Buffer.alloc(2048)), { maxBytes: 1024 })).rejects.toThrow(PayloadTooLargeError);

    const ok = await extractContextText(file("edge.txt", Buffer.alloc(1024, "a")), { maxBytes: 1024 });
    expect(ok.body).toHaveLength(1024);
  });

  it("refuses executables and binaries disguised as text with 415", async () => {
    const pe = Buffer.concat([
      Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"),
      Buffer.alloc(200, 0),
      Buffer.from("This program cannot be run in DOS mode."),
    ]);
    const exe = await extractContextText(file("setup.exe", pe, "application/x-msdownload"), LIMITS).catch((e: unknown) => e);
    expect(exe).toBeInstanceOf(UnsupportedMediaTypeError);
    expect(exe).toMatchObject({
      status: 415,
      message: "Files of type .exe are not supported; upload .md, .txt, .csv, .pdf, .html or .json",
    });

    const disguised = await extractContextText(file("notes.txt", pe, "text/plain"), LIMITS).catch((e: unknown) => e);
    expect(disguised).toBeInstanceOf(UnsupportedMediaTypeError);
    expect((disguised as Error).message).toMatch(/looks binary/);

    // No NUL bytes, but mostly control characters.
    const controls = Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7))));
    await expect(extractContextText(file("x.md", controls), LIMITS)).rejects.toThrow(/looks binary/);

    // "report\u202Edm.exe" displays as "reportexe.md"; the override is dropped and it stays an .exe.
    expect(sanitizeFilename("report\u202Edm.exe")).toEqual({ filename: "reportdm.exe", extension: "exe", title: "reportdm" });
    await expect(extractContextText(file("report\u202Edm.exe", "text"), LIMITS)).rejects.toThrow(UnsupportedMediaTypeError);
  });

  it("refuses empty and whitespace-only files with 422", async () => {
    await expect(extractContextText(file("empty.md", ""), LIMITS)).rejects.toThrow(EmptyContentError);
    const blank = await extractContextText(file("blank.txt", " \n\t\r\n  \n"), LIMITS).catch((e: unknown) => e);
    expect(blank).toBeInstanceOf(EmptyContentError);
    expect((blank as EmptyContentError).errors).toEqual([{ field: "file", message: "The file contains only whitespace" }]);
    await expect(extractContextText(file("only-header-blank.csv", "\n\n"), LIMITS)).rejects.toThrow(EmptyContentError);
  });

  it("uses nothing of a hostile filename but its last segment and extension", async () => {
    const out = await extractContextText(file("../../etc/passwd.md", "# Notes\nroot is not here"), LIMITS);
    expect(out).toMatchObject({ title: "passwd", filename: "passwd.md", mime: "text/markdown", body: "# Notes\nroot is not here" });
    expect(sanitizeFilename("..\\..\\windows\\win.ini.txt")).toEqual({ filename: "win.ini.txt", extension: "txt", title: "win.ini" });
    expect(sanitizeFilename("a\u0000b\u0007c\n \u0001 d.md")).toEqual({ filename: "abc d.md", extension: "md", title: "abc d" });
    expect(sanitizeFilename("..")).toEqual({ filename: "upload", extension: "", title: "Untitled upload" });
    expect(sanitizeFilename(".md")).toEqual({ filename: "upload.md", extension: "md", title: "Untitled upload" });
  });

  it("decodes text: strips a UTF-8 BOM, normalises CRLF, reads UTF-16 and Windows-1252", async () => {
    const bom = await extractContextText(
      file("a.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("line 1\r\nline 2")])),
      LIMITS,
    );
    expect(bom).toMatchObject({ body: "line 1\nline 2", mime: "text/plain", kind: "text" });
    const utf16 = await extractContextText(
      file("b.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Grüße €5", "utf16le")])),
      LIMITS,
    );
    expect(utf16.body).toBe("Grüße €5");
    const cp1252 = await extractContextText(
      file("c.csv", Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0x80, 0x0a, 0x61, 0x2c, 0x62])),
      LIMITS,
    );
    expect(cp1252.body).toBe("| Café | € |\n| --- | --- |\n| a | b |");
  });

  it("falls back to the client's type only when the name has no extension", async () => {
    const out = await extractContextText(file("README", "plain words", "text/plain; charset=utf-8"), LIMITS);
    expect(out).toMatchObject({ kind: "text", title: "README", body: "plain words" });
    await expect(extractContextText(file("README", "plain words", "application/octet-stream"), LIMITS)).rejects.toThrow(
      "Unsupported file type application/octet-stream; upload .md, .txt, .csv, .pdf, .html or .json",
    );
    // A known extension wins over a misleading type.
    const md = await extractContextText(file("notes.md", "# Hi", "application/pdf"), LIMITS);
    expect(md.kind).toBe("markdown");
  });
});

describe("csvToMarkdownTable", () => {
  it("renders quoted fields, escaped quotes, embedded newlines and pipes", () => {
    const csv = 'Region,Revenue,Note\r\nEMEA,"$4,200,000","said ""record"" quarter"\r\n"North\nAmerica",3.1M,a|b\r\n\r\nAPAC,2.0M\r\n';
    expect(csvToMarkdownTable(csv)).toBe(
      [
        "| Region | Revenue | Note |",
        "| --- | --- | --- |",
        '| EMEA | $4,200,000 | said "record" quarter |',
        "| North America | 3.1M | a\\|b |",
        "| APAC | 2.0M |  |",
      ].join("\n"),
    );
  });

  it("handles a CSV of 200k rows (a spread of that many arguments overflows the stack)", () => {
    const csv = ["a,b", ...Array.from({ length: 200_000 }, (_, i) => `${i},x`)].join("\n");
    const table = csvToMarkdownTable(csv).split("\n");
    expect(table).toHaveLength(200_002);
    expect(table.at(-1)).toBe("| 199999 | x |");
  });

  it("keeps text after a closing quote and reads an unclosed quote as text", () => {
    expect(parseCsv('"a"b,c\n"x,y')).toEqual([
      ["ab", "c"],
      ['"x', "y"],
    ]);
    expect(parseCsv('5" screen,ok\r\nlast,row')).toEqual([
      ['5" screen', "ok"],
      ["last", "row"],
    ]);
  });

  it("detects semicolon and tab delimiters and names empty headers", () => {
    expect(csvToMarkdownTable("a;b\n1,5;2")).toBe("| a | b |\n| --- | --- |\n| 1,5 | 2 |");
    expect(csvToMarkdownTable("a\t\n1\t2")).toBe("| a | Column 2 |\n| --- | --- |\n| 1 | 2 |");
  });
});
