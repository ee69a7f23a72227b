// Renders the sample deck, document and workbook (samples.ts) and converts them to PNG pages the way a
// person would see them: LibreOffice for the office files, poppler for the PDFs. Writes the pictures
// kept in docs/samples/skills/. Run: `npx tsx src/agents/skills/render-samples.ts [outDir]`
// (needs soffice and pdftoppm).
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { planDeck } from "./deck-plan.js";
import { renderDocument } from "./pdf.js";
import { renderDeck } from "./pptx.js";
import { SAMPLE_DECK, SAMPLE_DOCUMENT, SAMPLE_WORKBOOK } from "./samples.js";
import { renderWorkbook } from "./xlsx.js";

const run = promisify(execFile);

async function main(outDir: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "skills-samples-"));
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(join(work, "deck.pptx"), await renderDeck(SAMPLE_DECK));
    await writeFile(join(work, "workbook.xlsx"), await renderWorkbook(SAMPLE_WORKBOOK));
    await writeFile(join(work, "document.pdf"), await renderDocument(SAMPLE_DOCUMENT));
    const profile = `file://${join(work, "lo-profile")}`;
    await run(
      "soffice",
      [
        `-env:UserInstallation=${profile}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        join(work, "out"),
        join(work, "deck.pptx"),
        join(work, "workbook.xlsx"),
      ],
      {
        timeout: 180_000,
      },
    );
    const png = async (pdf: string, page: number, name: string, dpi: number) => {
      const prefix = join(work, `${name}-png`);
      await run("pdftoppm", ["-png", "-r", String(dpi), "-f", String(page), "-l", String(page), "-singlefile", pdf, prefix]);
      await copyFile(`${prefix}.png`, join(outDir, `${name}.png`));
    };
    // The slides worth looking at, by layout (the plan knows which page each one is on).
    const plan = planDeck(SAMPLE_DECK);
    const pageOf = (type: "table" | "chart") => plan.findIndex((s) => s.elements.some((e) => e.type === type)) + 1;
    await png(join(work, "out", "deck.pdf"), 1, "deck-1-title", 60);
    await png(join(work, "out", "deck.pdf"), 2, "deck-2-big-number", 60);
    await png(join(work, "out", "deck.pdf"), pageOf("table"), "deck-3-table", 60);
    await png(join(work, "out", "deck.pdf"), pageOf("chart"), "deck-4-chart", 60);
    await png(join(work, "document.pdf"), 1, "document", 60);
    await png(join(work, "out", "workbook.pdf"), 1, "workbook", 60);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main(resolve(process.argv[2] ?? "docs/samples/skills"));
