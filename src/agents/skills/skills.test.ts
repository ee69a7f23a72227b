import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pdfText } from "../../../test/agents/readers.js";
import { createLocalFileStore } from "../../storage/local-file-store.js";
import { safeFilename } from "./filename.js";
import { createSkills } from "./index.js";
import { inlineRuns, parseMarkdownBlocks } from "./markdown-blocks.js";
import { drawable, MISSING_GLYPH } from "./pdf.js";

describe("markdown blocks", () => {
  it("parses headings, paragraphs, lists, tables, quotes and rules", () => {
    const blocks = parseMarkdownBlocks(
      "# Title\n\nA paragraph\nthat wraps.\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n| A | B \\| C |\n| --- | ---: |\n| 1 | 2 |\n| 3 |\n\n> quoted\n\n> [!WARNING]\n> Lead times grew.\n> Order early.\n\n---\n",
    );
    expect(blocks).toEqual([
      { kind: "heading", level: 1, text: "Title" },
      { kind: "paragraph", text: "A paragraph that wraps." },
      { kind: "list", ordered: false, items: ["one", "two continued"] },
      { kind: "list", ordered: true, items: ["first", "second"] },
      {
        kind: "table",
        header: ["A", "B | C"],
        rows: [
          ["1", "2"],
          ["3", ""],
        ],
        align: ["left", "right"],
      },
      { kind: "quote", text: "quoted" },
      { kind: "callout", variant: "warning", text: "Lead times grew. Order early." },
      { kind: "rule" },
    ]);
  });

  it("keeps bold runs, link text, and undoes escapes without inventing bold", () => {
    expect(inlineRuns("Revenue **grew 18%** per [the note](http://x) \\*not bold\\*")).toEqual([
      { text: "Revenue ", bold: false },
      { text: "grew 18%", bold: true },
      { text: " per the note *not bold*", bold: false },
    ]);
  });
});

describe("file names and PDF text", () => {
  it("reduces requested names to safe slugs with the right extension", () => {
    expect(safeFilename("Q3 Review: Sales/Marketing", "pdf")).toBe("Q3-Review-Sales-Marketing.pdf");
    expect(safeFilename("../../etc/passwd", "md")).toBe("etc-passwd.md");
    expect(safeFilename("Café déjà vu.pptx", "pptx")).toBe("Cafe-deja-vu.pptx");
    expect(safeFilename("🚀", "xlsx")).toBe("output.xlsx");
  });

  it("keeps what the embedded font draws and marks the rest visibly, counting it", () => {
    const out = drawable("“Quoted” — €1.3m → done ✓ Ελληνικά Русский 中\u200d️");
    expect(out.text).toBe(`“Quoted” — €1.3m → done ✓ Ελληνικά Русский ${MISSING_GLYPH}`);
    expect(out.substituted).toEqual(["中"]);
  });
});

describe("skills", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("store each file under the ticket and return its size, mime and name", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skills-"));
    dirs.push(dir);
    const store = createLocalFileStore(dir);
    const ticketId = randomUUID();
    const skills = createSkills(store, ticketId);
    const pdf = await skills.pdf({
      filename: "Status report",
      title: "Status report",
      markdown: "## Progress\n\n- Revenue grew **18%** [1]\n",
    });
    expect(pdf).toMatchObject({ format: "pdf", mime: "application/pdf", filename: "Status-report.pdf" });
    expect(pdf.key.startsWith(`tickets/${ticketId}/`)).toBe(true);
    const stored = await store.get(pdf.key);
    expect(stored?.bytes).toBe(pdf.bytes);
    const text = await pdfText(await stored!.read());
    expect(text).toContain("Revenue grew 18% [1]");
    expect(pdf.text).toContain("Revenue grew 18% [1]");
    expect(text).toContain("Page 1 of 1");
    const md = await skills.markdown({ filename: "notes", markdown: "# Hi\n" });
    expect(md).toMatchObject({ format: "markdown", filename: "notes.md", bytes: 5 });
    const deck = await skills.pptx({ filename: "d", title: "T", slides: [{ title: "S", bullets: [{ text: "x" }] }], sources: [] });
    expect(deck.mime).toContain("presentationml");
    const book = await skills.xlsx({ filename: "b", sheets: [{ name: "A/B:C", columns: ["x"], rows: [[1]] }] });
    expect(book.bytes).toBeGreaterThan(1000);
  });
});
