// Reading a skill's file back as text: what the compare view diffs (issue 15 item 4).
import { describe, expect, it } from "vitest";
import { renderDocument } from "./pdf.js";
import { renderDeck } from "./pptx.js";
import { readFileSections, slideText } from "./read-text.js";
import { renderWorkbook } from "./xlsx.js";

describe("readFileSections", () => {
  it("reads a deck slide by slide, paragraphs as lines and table rows as cells, without slide numbers", async () => {
    const deck = await renderDeck({
      filename: "d",
      title: "Q3 review",
      slides: [
        { title: "Revenue", bullets: [{ text: "Revenue grew 18 % to $4.2 million" }, { text: "Churn fell to 2 %" }] },
        {
          title: "Regions",
          layout: "table",
          columns: ["Region", "Revenue"],
          rows: [
            ["North", "$1.1m"],
            ["South", "$0.9m"],
          ],
        },
      ],
      sources: [],
    });
    const slides = await readFileSections("pptx", deck);
    expect(slides.length).toBeGreaterThanOrEqual(3);
    const all = slides.map((s) => s.text).join("\n");
    expect(all).toContain("Q3 review");
    const revenue = slides.find((s) => s.text.includes("Revenue grew 18 % to $4.2 million"));
    expect(revenue?.text.split("\n")).toContain("Churn fell to 2 %");
    expect(all).toContain("North | $1.1m");
    expect(slides.map((s) => s.label)).toEqual(slides.map((_, i) => `Slide ${i + 1}`));
  });

  it("skips field runs (slide numbers) and decodes entities", () => {
    const xml =
      '<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>R&amp;D up</a:t></a:r><a:r><a:t> 5 %</a:t></a:r></a:p>' +
      '<a:p><a:fld type="slidenum"><a:t>7</a:t></a:fld></a:p></p:sld>';
    expect(slideText(xml)).toBe("R&D up 5 %");
  });

  it("reads a workbook sheet by sheet and a PDF as one text", async () => {
    const book = await renderWorkbook({
      filename: "b",
      sheets: [{ name: "Figures", columns: ["Metric", "Value"], rows: [["Revenue", 42]] }],
    });
    const sheets = await readFileSections("xlsx", book);
    expect(sheets).toEqual([{ label: "Sheet Figures", text: "Metric | Value\nRevenue | 42" }]);
    const pdf = await renderDocument({ filename: "r", title: "Report", markdown: "Margin was 31 % in Q3." });
    const [doc] = await readFileSections("pdf", pdf);
    expect(doc?.text).toContain("Margin was 31 % in Q3.");
  }, 30_000);
});
