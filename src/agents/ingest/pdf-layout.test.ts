import { describe, expect, it } from "vitest";
import { textOfPages, type PdfRun } from "./pdf-layout.js";

// Runs as pdf.js reports them: x and the baseline y in points (y grows upwards), width, font size.
const run = (text: string, x: number, y: number, size = 10, width = text.length * size * 0.5): PdfRun => ({ text, x, y, width, size });

describe("textOfPages: a PDF page's positioned runs read back as lines, blocks and tables", () => {
  it("puts a table's cells in columns by where they start, a centred header over its own column", () => {
    const page = [
      run("Key figures", 40, 700, 14),
      run("Measure", 110, 670), // centred over the first column
      run("H1 2025", 250, 670, 10, 36),
      run("H1 2026", 294, 670, 10, 36), // 8 pt after the previous cell: more than a word space
      run("Water into supply (Ml/d)", 40, 655),
      run("58.9", 250, 655, 10, 20),
      run("61.4", 294, 655, 10, 20),
      run("Mains bursts", 40, 640),
      run("402", 250, 640, 10, 15),
      run("377", 294, 640, 10, 15),
    ];
    expect(textOfPages([page])).toBe(
      ["Key figures", "", "Measure\tH1 2025\tH1 2026", "Water into supply (Ml/d)\t58.9\t61.4", "Mains bursts\t402\t377"].join("\n"),
    );
  });

  it("joins a paragraph's wrapped lines, keeps a short last line's break, and starts a block after a gap or a size change", () => {
    const page = [
      run("Summary", 40, 720, 16),
      run("Leakage fell to 18.2 Ml/d (H1", 40, 700, 10, 500),
      run("2025: 19.6 Ml/d), the lowest yet.", 40, 688, 10, 160),
      run("Complaints rose to 1,214.", 40, 676, 10, 120),
      run("A new section after a gap.", 40, 650, 10, 130),
    ];
    expect(textOfPages([page])).toBe(
      [
        "Summary",
        "",
        "Leakage fell to 18.2 Ml/d (H1 2025: 19.6 Ml/d), the lowest yet.",
        "Complaints rose to 1,214.",
        "",
        "A new section after a gap.",
      ].join("\n"),
    );
  });

  it("drops a browser's print stamps and a line repeated at the edge of every page", () => {
    const page = (n: number, body: string) => [
      run("11/30/26, 12:28 PM", 20, 780, 8),
      run(n === 1 ? "Summary" : "Outlook", 40, 740, 10),
      run(body, 40, 720, 10),
      run("Northgate Water — Operations Committee", 40, 40, 8),
      run("file:///tmp/report.html", 20, 20, 8),
      run(`${n}/2`, 560, 20, 8),
    ];
    expect(textOfPages([page(1, "First page text."), page(2, "Second page text.")])).toBe(
      "Summary\nFirst page text.\n\nOutlook\nSecond page text.",
    );
  });

  it("keeps one line of two far-apart runs as text when no other line has cells", () => {
    expect(textOfPages([[run("Prepared by the board", 40, 700), run("9 July 2026", 400, 700)]])).toBe("Prepared by the board 9 July 2026");
  });
});
