// The files themselves, read back by independent tools: LibreOffice converts decks and workbooks to
// PDF, poppler reads text, word boxes and page counts, exceljs reads the workbook's settings back.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { officeToPdf, pdfInfo, pdfText } from "../../../test/agents/readers.js";
import type { WorkbookSpec } from "../context.js";
import { planDeck } from "./deck-plan.js";
import { MISSING_GLYPH, renderDocumentDetailed } from "./pdf.js";
import { renderDeck } from "./pptx.js";
import { SAMPLE_DECK, SAMPLE_DOCUMENT, SAMPLE_WORKBOOK } from "./samples.js";
import { renderWorkbook } from "./xlsx.js";

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word's box on each page (pdftotext -bbox), in PDF points. */
async function wordBoxes(pdf: Buffer): Promise<{ width: number; height: number; words: Word[] }[]> {
  const dir = await mkdtemp(join(tmpdir(), "skills-bbox-"));
  dirs.push(dir);
  const path = join(dir, "in.pdf");
  await writeFile(path, pdf);
  const { stdout } = await run("pdftotext", ["-bbox", path, "-"], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split("<page ")
    .slice(1)
    .map((page) => {
      const size = /width="([\d.]+)" height="([\d.]+)"/.exec(page);
      const words = [...page.matchAll(/<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g)].map(
        (m) => ({
          xMin: Number(m[1]),
          yMin: Number(m[2]),
          xMax: Number(m[3]),
          yMax: Number(m[4]),
          text: m[5] ?? "",
        }),
      );
      return { width: Number(size?.[1]), height: Number(size?.[2]), words };
    });
}

describe("deck files", () => {
  it("convert with LibreOffice to one page a slide, with tables, charts and figures readable and nothing overflowing", async () => {
    const pptx = await renderDeck(SAMPLE_DECK);
    const pdf = (await officeToPdf([{ name: "deck.pptx", data: pptx }])).get("deck.pptx");
    expect(pdf).toBeDefined();
    expect(Number((await pdfInfo(pdf!)).Pages)).toBe(planDeck(SAMPLE_DECK).length);
    const text = (await pdfText(pdf!)).replace(/\s+/g, " ");
    for (const shown of [
      "Net revenue retention",
      "from 108%",
      "$4.2M",
      "Q3 revenue [1]",
      "1,240",
      "Trailhead",
      "Basecamp",
      "$2.1M", // a column chart's data label in its value format
      "46%", // a line chart's data label
      "Export to spreadsheets", // a bar chart's category
      "Operations lead, logistics customer [2]",
      "Risks",
      "Sources",
    ]) {
      expect(text).toContain(shown);
    }
    // The cut bullet ends in an ellipsis on the slide too.
    expect(text).toContain("…");
    // Nothing leaves its slide, and no body text runs over the footer rule (6.73 in from the top).
    const pages = await wordBoxes(pdf!);
    const rule = 6.73 * 72;
    expect(pages.flatMap((p) => p.words).length).toBeGreaterThan(200);
    pages.forEach((page, i) => {
      for (const w of page.words) {
        expect(w.xMax, `${w.text} on slide ${i + 1}`).toBeLessThanOrEqual(page.width + 0.5);
        expect(w.yMax, `${w.text} on slide ${i + 1}`).toBeLessThanOrEqual(page.height + 0.5);
        if (i > 0) expect(w.yMin < rule - 1 && w.yMax > rule + 1, `${w.text} crosses the footer on slide ${i + 1}`).toBe(false);
      }
    });
  });
});

describe("document files", () => {
  it("draw ✓, Greek and Cyrillic, mark missing glyphs visibly, and rule tables and call-outs", async () => {
    const rendered = await renderDocumentDetailed(SAMPLE_DOCUMENT);
    const text = await pdfText(rendered.data);
    expect(text).toContain("✓ Shipped on time → next");
    expect(text).toContain("Ελληνικά");
    expect(text).toContain("Русский текст");
    expect(text).toContain(`${MISSING_GLYPH}${MISSING_GLYPH}`);
    expect(rendered.substituted).toEqual(["中", "文"]);
    expect(rendered.text).toContain(`Missing glyphs are marked: ${MISSING_GLYPH}${MISSING_GLYPH}`);
    for (const shown of ["IMPORTANT", "WARNING", "TIP", "NOTE", "Paying customers", "1,240", "from 3.6%", "Page 1 of 1"])
      expect(text).toContain(shown);
  });

  it("repeat a long table's header on the next page", async () => {
    const rows = Array.from(
      { length: 70 },
      (_, i) => `| Item ${i + 1} | ${i}% | A note that wraps over more than one line in its narrow cell, item ${i + 1} |`,
    );
    const rendered = await renderDocumentDetailed({
      filename: "t",
      title: "Long table",
      markdown: ["| Item | Share | Note |", "| --- | ---: | --- |", ...rows].join("\n"),
    });
    const pages = Number((await pdfInfo(rendered.data)).Pages);
    expect(pages).toBeGreaterThan(1);
    const pageTexts = (await pdfText(rendered.data)).split("\f");
    for (const page of pageTexts.slice(0, pages)) expect(page).toMatch(/Item\s+Share\s+Note/);
    expect(pageTexts.join("")).toContain("Item 70");
  });
});

describe("workbook files", () => {
  it("carry formats, wrapped row heights, a frozen header and print setup fitted to the page width", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(new Uint8Array(await renderWorkbook(SAMPLE_WORKBOOK)).buffer); // exceljs types want an ArrayBuffer
    const ws = book.getWorksheet("Vendors");
    expect(ws).toBeDefined();
    const heights = [2, 3, 4].map((r) => ws!.getRow(r).height);
    expect(heights[2]).toBeGreaterThan(heights[1]!); // the longest note is the tallest row
    expect(heights.every((h) => h > 15)).toBe(true);
    expect(ws!.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: "landscape" });
    expect(ws!.pageSetup.printTitlesRow).toMatch(/1:\$?1/);
    expect(ws!.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws!.autoFilter).toBeTruthy();
    expect(ws!.getColumn(2).numFmt).toBe('"$"#,##0');
    expect(ws!.getColumn(4).numFmt).toBe("0.00%");
    expect(ws!.getCell("F2").value).toBeInstanceOf(Date);
    expect(ws!.getCell("G2").alignment).toMatchObject({ wrapText: true });
    // Numbers sit right with an indent, so "$14,700" never runs into the next column's text.
    expect(ws!.getCell("B2").alignment).toMatchObject({ horizontal: "right", indent: 1 });
    expect(ws!.getCell("B1").alignment).toMatchObject({ horizontal: "right", indent: 1 });
  });

  it("convert with LibreOffice within a sane page count, every row readable", async () => {
    const many: WorkbookSpec = {
      filename: "many",
      sheets: [
        {
          name: "Vendors",
          columns: SAMPLE_WORKBOOK.sheets[0]!.columns,
          rows: Array.from({ length: 120 }, (_, i) => {
            const base = SAMPLE_WORKBOOK.sheets[0]!.rows[i % 3]!;
            return [`Vendor ${i + 1}`, ...base.slice(1)];
          }),
        },
      ],
    };
    const out = await officeToPdf([
      { name: "sample.xlsx", data: await renderWorkbook(SAMPLE_WORKBOOK) },
      { name: "many.xlsx", data: await renderWorkbook(many) },
    ]);
    const sample = out.get("sample.xlsx")!;
    expect(Number((await pdfInfo(sample)).Pages)).toBe(1);
    const sampleText = (await pdfText(sample)).replace(/\s+/g, " ");
    for (const shown of ["Cobalt Systems", "$1,500", "99.95%", "2026-12-01", "annual prepayment"]) expect(sampleText).toContain(shown);
    const manyPdf = out.get("many.xlsx")!;
    // 120 rows of up to four lines each, fitted to the width of landscape A4: a handful of pages, not dozens.
    expect(Number((await pdfInfo(manyPdf)).Pages)).toBeLessThanOrEqual(10);
    const manyText = await pdfText(manyPdf);
    expect(manyText).toContain("Vendor 120");
    // The header repeats on every printed page.
    const pages = manyText.split("\f").filter((p) => p.trim() !== "");
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain("Monthly price");
  });
});
