// Reading generated files back with tools that share no code with the skills that wrote them:
// unzip for the PPTX XML, exceljs for the workbook's own settings, headless LibreOffice for
// conversion, poppler (pdfinfo, pdftotext) for pages and text.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";

const run = promisify(execFile);

export interface DeckShape {
  /** Paragraph texts of the shape (a table: one per cell). */
  paragraphs: string[];
  kind: "text" | "table" | "chart" | "other";
}

export interface DeckSlide {
  index: number;
  shapes: DeckShape[];
  /** The first text shape's text: where every deck we write puts the slide title. */
  title: string;
  hasTable: boolean;
  hasChart: boolean;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

function paragraphsOf(xml: string): string[] {
  const out: string[] = [];
  for (const p of xml.match(/<a:p>[\s\S]*?<\/a:p>|<a:p\s[\s\S]*?<\/a:p>/g) ?? []) {
    const text = [...p.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => decodeXml(m[1] ?? "")).join("");
    if (text.trim() !== "") out.push(text.trim());
  }
  return out;
}

async function unzipList(path: string): Promise<string[]> {
  const { stdout } = await run("unzip", ["-Z1", path], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split("\n").filter(Boolean);
}

async function unzipText(path: string, member: string): Promise<string> {
  const { stdout } = await run("unzip", ["-p", path, member], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

export async function readDeck(path: string): Promise<DeckSlide[]> {
  const members = (await unzipList(path))
    .filter((m) => /^ppt\/slides\/slide\d+\.xml$/.test(m))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
  const slides: DeckSlide[] = [];
  for (const [i, member] of members.entries()) {
    const xml = await unzipText(path, member);
    const shapes: DeckShape[] = [];
    for (const m of xml.matchAll(/<p:(sp|graphicFrame)\b[\s\S]*?<\/p:\1>/g)) {
      const body = m[0];
      if (m[1] === "sp") shapes.push({ kind: "text", paragraphs: paragraphsOf(body) });
      else if (body.includes("<a:tbl>")) shapes.push({ kind: "table", paragraphs: paragraphsOf(body) });
      else if (body.includes("drawingml/2006/chart")) shapes.push({ kind: "chart", paragraphs: [] });
      else shapes.push({ kind: "other", paragraphs: paragraphsOf(body) });
    }
    const title = shapes.find((s) => s.kind === "text" && s.paragraphs.length > 0)?.paragraphs.join(" ") ?? "";
    slides.push({
      index: i + 1,
      shapes,
      title,
      hasTable: shapes.some((s) => s.kind === "table"),
      hasChart: shapes.some((s) => s.kind === "chart") || /chart\d*\.xml/.test(xml),
      // The slide's number (a text box holding only it) is no claim: left out of the text the checks
      // read. A table cell or a big number that happens to be short ("1", "47", "438") stays.
      text: shapes
        .flatMap((s) => (s.kind === "text" && s.paragraphs.length === 1 && s.paragraphs[0] === String(i + 1) ? [] : s.paragraphs))
        .join("\n"),
    });
  }
  // Charts are referenced through the slide's relationships, not always inline: look there too.
  for (const s of slides) {
    if (s.hasChart) continue;
    const rels = await unzipText(path, `ppt/slides/_rels/slide${s.index}.xml.rels`).catch(() => "");
    if (/relationships\/chart"/.test(rels)) s.hasChart = true;
  }
  return slides;
}

export interface WorkbookInfo {
  sheets: { name: string; rows: string[][]; frozenHeader: boolean; widthsSet: boolean; wraps: boolean; fitToWidth: boolean }[];
  text: string;
}

export async function readWorkbook(path: string): Promise<WorkbookInfo> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets: WorkbookInfo["sheets"] = [];
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    let wraps = false;
    ws.eachRow((row) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell) => {
        cells.push(cell.text ?? "");
        if (cell.alignment?.wrapText) wraps = true;
      });
      rows.push(cells);
    });
    const view = ws.views[0];
    sheets.push({
      name: ws.name,
      rows,
      frozenHeader: view?.state === "frozen" && (view.ySplit ?? 0) >= 1,
      widthsSet: ws.columns.some((c) => typeof c.width === "number" && c.width !== 9 && c.width > 0),
      wraps,
      fitToWidth: ws.pageSetup.fitToPage === true || (ws.pageSetup.fitToWidth ?? 0) >= 1,
    });
  });
  return { sheets, text: sheets.flatMap((s) => s.rows.map((r) => r.join(" | "))).join("\n") };
}

export interface PdfReadback {
  pages: number;
  text: string;
  /** Words whose box lies outside the page (text pushed off a slide or a sheet's page). */
  offPageWords: number;
  /** Median height of a word's box in points: how large the text prints (11 pt text at 100% ≈ 11–13). */
  medianWordHeight: number;
}

export async function readPdf(path: string): Promise<PdfReadback> {
  const info = (await run("pdfinfo", [path])).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const text = (await run("pdftotext", ["-layout", path, "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  const bbox = (await run("pdftotext", ["-bbox", path, "-"], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  let offPageWords = 0;
  const heights: number[] = [];
  for (const page of bbox.split("<page ").slice(1)) {
    const w = Number(/width="([\d.]+)"/.exec(page)?.[1] ?? 0);
    const h = Number(/height="([\d.]+)"/.exec(page)?.[1] ?? 0);
    for (const m of page.matchAll(/<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"/g)) {
      const [x0, y0, x1, y1] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
      if (x0 < -1 || y0 < -1 || x1 > w + 1 || y1 > h + 1) offPageWords++;
      heights.push(y1 - y0);
    }
  }
  heights.sort((a, b) => a - b);
  const medianWordHeight = Math.round((heights[Math.floor(heights.length / 2)] ?? 0) * 10) / 10;
  return { pages, text, offPageWords, medianWordHeight };
}

/** Converts office files to PDF in one LibreOffice run (its own profile, so runs never share one). Returns name → pdf path. */
export async function convertWithLibreOffice(dir: string, names: string[]): Promise<Map<string, string | Error>> {
  const out = new Map<string, string | Error>();
  if (names.length === 0) return out;
  const profile = `file://${join(dir, `lo-profile-${randomUUID()}`)}`;
  try {
    await run(
      "soffice",
      [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...names.map((n) => join(dir, n))],
      // A whole corpus's workbooks go through one run; on a loaded machine (benches beside the suite)
      // a start alone takes a minute, and a fixed 3 minutes failed every workbook of a run at once.
      { timeout: 180_000 + 15_000 * names.length },
    );
  } catch (error) {
    for (const n of names) out.set(n, error instanceof Error ? error : new Error(String(error)));
    return out;
  }
  for (const n of names) {
    const pdf = join(dir, n.replace(/\.[^.]+$/, ".pdf"));
    out.set(
      n,
      await readFile(pdf).then(
        () => pdf,
        () => new Error("LibreOffice wrote no PDF"),
      ),
    );
  }
  return out;
}

/** Renders the first pages of a PDF to PNG (for docs/samples). */
export async function pdfToPng(pdf: string, prefix: string, lastPage = 4): Promise<void> {
  await run("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", String(lastPage), pdf, prefix]);
}
