// The layout decisions, without writing files: fitting text to a box, splitting tables, the deck's
// visible text, the workbook's widths and row heights.
import { describe, expect, it } from "vitest";
import type { DeckSpec, SlideSpec } from "../context.js";
import { columnWidths, formatValue, planDeck, planText, TABLE_ROWS_PER_SLIDE, type PlannedSlide, type TextElement } from "./deck-plan.js";
import { SAMPLE_DECK, SAMPLE_WORKBOOK } from "./samples.js";
import { fitText, LINE_HEIGHT, shareWidths, wrapLines } from "./text-fit.js";
import { planWorkbook, workbookPlanText } from "./xlsx.js";

const LONG =
  "The quarterly operating review found that the regional teams which adopted the new planning cadence earlier in the year delivered their milestones more predictably, with fewer escalations and a shorter time from request to release.";

function deck(...slides: SlideSpec[]): DeckSpec {
  return { filename: "d", title: "Deck", slides, sources: [] };
}

function texts(slide: PlannedSlide | undefined): TextElement[] {
  return (slide?.elements ?? []).filter((e): e is TextElement => e.type === "text");
}

describe("fitting text to a box", () => {
  it("keeps short text at the largest size, whole", () => {
    const fit = fitText({ paragraphs: ["Revenue grew 18%"], width: 600, height: 300, maxSize: 24, minSize: 14 });
    expect(fit).toMatchObject({ fontSize: 24, truncated: false, paragraphs: ["Revenue grew 18%"] });
  });

  it("shrinks long text before cutting it, and never exceeds the box", () => {
    const box = { width: 600, height: 200 };
    const fit = fitText({ paragraphs: [LONG, LONG], ...box, maxSize: 24, minSize: 12 });
    expect(fit.fontSize).toBeLessThan(24);
    expect(fit.truncated).toBe(false);
    expect(fit.height).toBeLessThanOrEqual(box.height);
    expect(fit.paragraphs.join(" ")).toBe(`${LONG} ${LONG}`);
  });

  it("cuts at a word with an ellipsis when even the smallest size does not fit", () => {
    const paragraphs = Array.from({ length: 8 }, () => LONG);
    const fit = fitText({ paragraphs, width: 500, height: 150, maxSize: 22, minSize: 14 });
    expect(fit.fontSize).toBe(14);
    expect(fit.truncated).toBe(true);
    expect(fit.height).toBeLessThanOrEqual(150);
    const last = fit.paragraphs.at(-1) ?? "";
    expect(last.endsWith("…")).toBe(true);
    // Cut at a word: what precedes the ellipsis is a whole word of the original.
    const words = last.slice(0, -1).trim().split(" ");
    const strip = (w: string) => w.replace(/[,.]$/, "");
    expect(LONG.split(" ").map(strip)).toContain(strip(words.at(-1) ?? ""));
    expect(fit.paragraphs.length).toBeLessThan(paragraphs.length);
    // Every kept line really fits the width at the chosen size.
    for (const p of fit.paragraphs) for (const line of wrapLines(p, 500, 14)) expect(line.length).toBeGreaterThan(0);
  });

  it("breaks a word longer than the line between characters instead of overflowing", () => {
    const lines = wrapLines(`see ${"x".repeat(120)} here`, 200, 12);
    expect(lines.length).toBeGreaterThan(2);
  });

  it("shares width so short columns stay whole and long ones give way", () => {
    const widths = shareWidths([400, 60, 80], [50, 60, 80], 300);
    expect(widths[1]).toBeCloseTo(60);
    expect(widths[2]).toBeCloseTo(80);
    expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(300);
    expect(columnWidths(["Metric", "Value"], [["Net revenue retention", "112%"]], 10).reduce((a, b) => a + b, 0)).toBeCloseTo(10);
  });
});

describe("deck plan", () => {
  it("lays out every layout with every text inside its box", () => {
    const plan = planDeck(SAMPLE_DECK);
    // Title + one slide per spec slide + one Sources slide.
    expect(plan).toHaveLength(1 + SAMPLE_DECK.slides.length + 1);
    for (const slide of plan) {
      for (const el of texts(slide)) expect(el.height).toBeLessThanOrEqual(el.box.h * 72 + 0.01);
      for (const el of slide.elements) {
        expect(el.box.x + el.box.w).toBeLessThanOrEqual(13.334);
        expect(el.box.y + el.box.h).toBeLessThanOrEqual(7.5);
      }
    }
    const kinds = plan.flatMap((s) => s.elements.map((e) => e.type));
    expect(kinds).toContain("table");
    expect(kinds).toContain("chart");
  });

  it("a long bullet is shrunk or cut, never left to overflow", () => {
    const long = deck({ title: "Findings", bullets: Array.from({ length: 9 }, () => ({ text: LONG })) });
    const short = deck({ title: "Findings", bullets: [{ text: "Revenue grew 18%" }] });
    const longBody = texts(planDeck(long)[1]).find((e) => e.bullets);
    const shortBody = texts(planDeck(short)[1]).find((e) => e.bullets);
    expect(longBody && shortBody).toBeTruthy();
    expect(longBody!.fontSize).toBeLessThan(shortBody!.fontSize);
    expect(longBody!.truncated).toBe(true);
    expect(longBody!.paragraphs.join(" ").length).toBeLessThan(9 * LONG.length);
    expect(longBody!.height).toBeLessThanOrEqual(longBody!.box.h * 72);
    expect(shortBody!.paragraphs).toEqual(["Revenue grew 18%"]);
  });

  it("a long title is cut to two lines at the floor size", () => {
    const el = texts(planDeck(deck({ title: `${LONG} ${LONG}`, bullets: [{ text: "x" }] }))[1]).find((e) => e.style === "bold");
    expect(el?.fontSize).toBe(20);
    expect(el?.height).toBeLessThanOrEqual(2 * 20 * LINE_HEIGHT + 0.01);
    expect(el?.paragraphs[0]?.endsWith("…")).toBe(true);
  });

  it("splits a long table over slides of at most 8 rows and says what was left off", () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`Item ${i + 1}`, `${i * 10}%`]);
    const plan = planDeck(deck({ layout: "table", title: "Items", columns: ["Item", "Share"], rows }));
    const tables = plan.flatMap((s) => s.elements.filter((e) => e.type === "table"));
    expect(tables).toHaveLength(3);
    for (const t of tables) expect(t.rows.length).toBeLessThanOrEqual(TABLE_ROWS_PER_SLIDE);
    expect(tables.map((t) => (t.type === "table" ? t.numeric : []))[0]).toEqual([false, true]);
    const text = planText(plan);
    expect(text).toContain("Items (continued)");
    const note = plan.flatMap((s) => texts(s)).find((e) => e.paragraphs.some((p) => p.includes("+6 more rows not shown")));
    expect(note?.chrome).toBe(true); // said on the slide, but not a figure of the deck's text
    const last = tables.at(-1)!;
    expect(note!.box.y).toBeGreaterThanOrEqual(last.box.y + last.box.h);
    expect(note!.box.y + note!.box.h).toBeLessThanOrEqual(6.73);
    expect(text).toContain("Item 24 | 230%");
    expect(text).not.toContain("Item 25 |");
  });

  it("a table's caption is said under the table, whole, within the body and above the footer", () => {
    const rows = Array.from({ length: 6 }, (_, i) => [`Bidder ${i + 1}`, `£${i + 2},400 a year`, `${70 + i} points`]);
    const caption = "The panel recommends Bidder 6 (£7,400 a year, top score), subject to a site visit.";
    const plan = planDeck(
      deck({ layout: "table", title: "The six options and their terms", columns: ["Option", "Cost", "Score"], rows, caption }),
    );
    const table = plan[1]!.elements.find((e) => e.type === "table")!;
    const said = texts(plan[1]).find((e) => e.paragraphs.join(" ") === caption);
    expect(said?.truncated).toBe(false);
    expect(said?.chrome).toBeUndefined(); // deck text: the grounding check reads it
    expect(said!.box.y).toBeGreaterThanOrEqual(table.box.y + table.box.h);
    expect(said!.box.y + said!.box.h).toBeLessThanOrEqual(6.73);
    expect(planText(plan)).toContain(caption);
  });

  it("the deck text holds what the slides show: cells, figures, chart labels and values, quotes; not slide numbers", () => {
    const text = planText(planDeck(SAMPLE_DECK));
    for (const shown of [
      "Revenue reached $4.2 million",
      "$4.2M",
      "Q3 revenue [1]",
      "1,240",
      "Net revenue retention | 112% | from 108% | q3-board-update.md",
      "Trailhead",
      "$2.1M $1.4M $0.7M",
      "43% 45% 46%",
      "We moved the whole field team",
      "— Operations lead, logistics customer [2]",
      "Source: q3-board-update.md [1]",
    ]) {
      expect(text).toContain(shown);
    }
    expect(text).not.toMatch(/^\d+$/m);
    expect(text).not.toContain("Built from 3 sources");
  });

  it("numbers the sources cited on every layout", () => {
    const src = { id: "s1", title: "notes.md" };
    const plan = planDeck(deck({ layout: "quote", title: "Voice", quote: "It just works", source: src }));
    expect(planText(plan)).toContain("[1]");
    expect(plan).toHaveLength(3); // title, quote, Sources
  });

  it("formats data labels as the chart shows them", () => {
    expect(formatValue(0.456, "0%")).toBe("46%");
    expect(formatValue(1234.5, "$#,##0")).toBe("$1,235");
    expect(formatValue(2.1, '"$"0.0"M"')).toBe("$2.1M");
    expect(formatValue(7, undefined)).toBe("7");
  });
});

describe("workbook plan", () => {
  it("gives wrapped rows the height of their lines and sizes columns within limits", () => {
    const [sheet] = planWorkbook(SAMPLE_WORKBOOK);
    expect(sheet).toBeDefined();
    const notes = sheet!.columns.find((c) => c.header === "Notes");
    expect(notes?.width).toBe(50);
    for (const c of sheet!.columns) expect(c.width).toBeGreaterThanOrEqual(8);
    // Row 3 (Borealis) has the shortest note, row 4 (Cobalt) the longest.
    const [, acme, borealis, cobalt] = sheet!.heights;
    expect(cobalt).toBeGreaterThan(borealis!);
    expect(acme).toBeGreaterThan(15);
    expect(sheet!.landscape).toBe(true);
    expect(sheet!.columns.map((c) => c.numFmt)).toEqual([undefined, '"$"#,##0', "#,##0", "0.00%", "#,##0.0", "yyyy-mm-dd", undefined]);
    const text = workbookPlanText(planWorkbook(SAMPLE_WORKBOOK));
    expect(text).toContain("Acme Cloud | $1,200 | 50 | 99.90% | 4.5 | 2026-11-30");
  });

  it("keeps a narrow sheet portrait and one-line rows at the default height", () => {
    const [sheet] = planWorkbook({ filename: "b", sheets: [{ name: "S", columns: ["A", "B"], rows: [["x", 1]] }] });
    expect(sheet?.landscape).toBe(false);
    expect(sheet?.heights).toEqual([18, 15]);
  });
});

describe("wide workbook (issue 11 r3)", () => {
  it("narrows text columns so nine columns of long text print landscape at a readable scale, rows growing instead", () => {
    const long = "A long cell of text that would like a wide column to sit on one line, as notes often do.";
    const [sheet] = planWorkbook({
      filename: "wide",
      sheets: [
        { name: "Wide", columns: Array.from({ length: 9 }, (_, i) => `Column ${i + 1}`), rows: [Array.from({ length: 9 }, () => long)] },
      ],
    });
    const total = sheet!.columns.reduce((a, c) => a + c.width, 0);
    // 105 units fill an A4 landscape page at 100%: at most 146 prints at 72% or more.
    expect(total).toBeLessThanOrEqual(146);
    expect(Math.min(...sheet!.columns.map((c) => c.width))).toBeGreaterThanOrEqual(14);
    expect(sheet!.landscape).toBe(true);
    expect(sheet!.heights[1]).toBeGreaterThan(15 * 3);
  });
});
