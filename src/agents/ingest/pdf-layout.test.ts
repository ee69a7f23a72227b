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

  it("reads a band of two prose columns column by column, with the lines above and below it as they are", () => {
    // A council report: a full-width title, two columns on baselines that do not line up, a full-width footer.
    const leftLines = [
      "This report sets out what residents told",
      "us during the eight-week consultation on",
      "the route and asks Cabinet to choose a",
      "preferred option. We received 2,847",
      "responses, the most since 2019.",
    ];
    const rightLines = [
      "Option A widens the existing towpath to",
      "4 m at a cost of £3.2m; no parking is lost",
      "and 37 trees are affected. Option B builds",
      "a protected lane on Riverside Road for",
      "£4.9m and removes 86 parking spaces.",
    ];
    const page = [
      run("Riverside Cycle Route: consultation results", 40, 740, 10, 430),
      ...leftLines.map((t, i) => run(t, 40, 700 - 12 * i, 10, i === 4 ? 150 : 200)),
      ...rightLines.map((t, i) => run(t, 270, 706 - 12 * i, 10, i === 4 ? 180 : 200)),
      run("Contact officer: R. Hussain, Transport Planning", 40, 600, 10, 430),
    ];
    expect(textOfPages([page])).toBe(
      [
        "Riverside Cycle Route: consultation results",
        "",
        `${leftLines.join(" ")}`,
        "",
        `${rightLines.join(" ")}`,
        "",
        "Contact officer: R. Hussain, Transport Planning",
      ].join("\n"),
    );
  });

  it("keeps a table of short cells a table, though a gutter could be drawn down it", () => {
    const rows = [
      ["Measure", "H1 2025", "H1 2026"],
      ["Water into supply", "58.9", "61.4"],
      ["Mains bursts", "402", "377"],
      ["Leakage (Ml/d)", "19.6", "18.2"],
      ["Complaints", "1,087", "1,214"],
    ];
    const page = rows.flatMap(([a, b, c], i) => [
      run(a!, 40, 700 - 15 * i),
      run(b!, 250, 700 - 15 * i, 10, 30),
      run(c!, 300, 700 - 15 * i, 10, 30),
    ]);
    expect(textOfPages([page]).split("\n")).toEqual(rows.map((r) => r.join("\t")));
  });

  it("joins a ragged-right line to the next when the next line's first word would not have fitted after it", () => {
    const page = [
      run("A column of text set ragged-right, so its lines", 40, 700, 10, 200),
      run("end short of the edge: choose a preferred", 40, 688, 10, 176), // "route" (5 glyphs ≈ 25 pt) does not fit in 24 pt
      run("route option for detailed design.", 40, 676, 10, 150),
      run("A short last line.", 40, 664, 10, 80),
      run("Then a new one.", 40, 652, 10, 70), // "Then" would have fitted after "line.": a new line
    ];
    expect(textOfPages([page])).toBe(
      "A column of text set ragged-right, so its lines end short of the edge: choose a preferred route option for detailed design.\nA short last line.\nThen a new one.",
    );
  });
  it("keeps a table whose label cells wrap onto two lines, the figures centred between them, one row per label", () => {
    const page = [
      run("Reasons given for leaving", 60, 400, 12, 170),
      run("Reason", 60, 370, 9, 34),
      run("Count", 190, 370, 9, 28),
      run("Share", 240, 370, 9, 28),
      run("Shift patterns and", 60, 355, 9, 82),
      run("412", 190, 350, 9, 15),
      run("41%", 240, 350, 9, 18),
      run("overtime", 60, 344, 9, 38),
      run("Pay compared with", 60, 329, 9, 84),
      run("nearby employers", 60, 318, 9, 78),
      run("287", 190, 323.5, 9, 15),
      run("29%", 240, 323.5, 9, 18),
      run("Commute", 60, 303, 9, 40),
      run("96", 190, 303, 9, 10),
      run("10%", 240, 303, 9, 18),
    ];
    expect(textOfPages([page])).toBe(
      [
        "Reasons given for leaving",
        "",
        "Reason\tCount\tShare",
        "Shift patterns and overtime\t412\t41%",
        "Pay compared with nearby employers\t287\t29%",
        "Commute\t96\t10%",
      ].join("\n"),
    );
  });
});
