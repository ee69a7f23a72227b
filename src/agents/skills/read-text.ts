// The visible text of a file a skill wrote, read back from its bytes, for comparing two runs (issue 15
// item 4). The skills keep only the deck's text as one string (for grounding, not stored per slide), so
// a deck is read from its zip: one section per slide, a line per paragraph, a table row as "a | b".
// Workbooks give a section per sheet, PDFs one section (pdf.js through ingest/pdf.ts).
import { Parser } from "htmlparser2";
import type { OutputFormat } from "../../domain/recipe.js";
import type { TextSection } from "../../domain/text-diff.js";
import { extractPdfText } from "../ingest/pdf.js";

/** A deck past this many slides or a workbook past this many rows is cut: a comparison is for reading. */
const MAX_SLIDES = 300;
const MAX_ROWS_PER_SHEET = 5_000;

export async function readFileSections(format: OutputFormat, bytes: Buffer): Promise<TextSection[]> {
  switch (format) {
    case "pptx":
      return readDeckSlides(bytes);
    case "xlsx":
      return readWorkbookSheets(bytes);
    case "pdf":
      return [{ label: "Document", text: await readPdf(bytes) }];
    case "markdown":
      return [{ label: "Document", text: bytes.toString("utf8") }];
  }
}

async function readPdf(bytes: Buffer): Promise<string> {
  try {
    return await extractPdfText(bytes);
  } catch {
    // A PDF without a text layer compares as empty rather than failing the page.
    return "";
  }
}

export async function readDeckSlides(bytes: Buffer): Promise<TextSection[]> {
  const { default: JSZip } = await import("jszip");
  const zip = await JSZip.loadAsync(bytes);
  const slides = Object.keys(zip.files)
    .map((name) => ({ name, n: Number(/^ppt\/slides\/slide(\d+)\.xml$/.exec(name)?.[1]) }))
    .filter((s) => Number.isInteger(s.n) && s.n > 0)
    .sort((a, b) => a.n - b.n)
    .slice(0, MAX_SLIDES);
  const sections: TextSection[] = [];
  for (const slide of slides) {
    const xml = await zip.file(slide.name)!.async("string");
    sections.push({ label: `Slide ${slide.n}`, text: slideText(xml) });
  }
  return sections;
}

/** Paragraphs (`a:p`) of text runs (`a:t`); table cells joined per row; fields (slide numbers) skipped. */
export function slideText(xml: string): string {
  const lines: string[] = [];
  let paragraph: string[] | null = null;
  let inText = false;
  let fieldDepth = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "a:tr") row = [];
        else if (name === "a:tc") cell = [];
        else if (name === "a:p") paragraph = [];
        else if (name === "a:fld") fieldDepth++;
        else if (name === "a:t") inText = fieldDepth === 0;
      },
      ontext(text) {
        if (inText && paragraph) paragraph.push(text);
      },
      onclosetag(name) {
        if (name === "a:t") inText = false;
        else if (name === "a:fld") fieldDepth--;
        else if (name === "a:p" && paragraph) {
          const line = paragraph.join("").trim();
          if (line) (cell ?? lines).push(line);
          paragraph = null;
        } else if (name === "a:tc" && cell && row) {
          row.push(cell.join(" "));
          cell = null;
        } else if (name === "a:tr" && row) {
          if (row.some((c) => c !== "")) lines.push(row.join(" | "));
          row = null;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  return lines.join("\n");
}

async function readWorkbookSheets(bytes: Buffer): Promise<TextSection[]> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sections: TextSection[] = [];
  workbook.eachSheet((sheet) => {
    const lines: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > MAX_ROWS_PER_SHEET) return;
      const cells: string[] = [];
      r.eachCell({ includeEmpty: true }, (c) => cells.push(c.text.trim()));
      while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length > 0) lines.push(cells.join(" | "));
    });
    sections.push({ label: `Sheet ${sheet.name}`, text: lines.join("\n") });
  });
  return sections;
}
