// The LLM provider driving the real skills over a real file store: what the model asks for becomes
// files on disk that independent readers (pdftotext, exceljs) can open, and outputs point at them.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmProvider } from "../../src/agents/llm/index.js";
import { createSkills } from "../../src/agents/skills/index.js";
import { createLocalFileStore, type FileStore } from "../../src/storage/index.js";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server.js";
import { createRecordingContext, HITS } from "./recording-context.js";

const run = promisify(execFile);

let server: FakeOpenAiServer;
let dir: string;
let store: FileStore;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
  dir = await mkdtemp(join(tmpdir(), "worksmith-llm-skills-"));
  store = createLocalFileStore(dir);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("llm provider with the real skills", () => {
  it("stores the PDF, workbook and deck the model specifies and attaches them to outputs", async () => {
    const ticketId = randomUUID();
    server.script([
      { toolCalls: [{ name: "search_context", arguments: { query: "revenue" } }] },
      {
        toolCalls: [
          {
            name: "create_pdf",
            arguments: {
              filename: "status.pdf",
              title: "Status report",
              markdown: "# Status\n\nRevenue grew 12% to $4.2M in Q3 2024 (Q3 board update).",
            },
          },
          {
            name: "create_xlsx",
            arguments: {
              filename: "figures.xlsx",
              sheets: [{ name: "Figures", columns: ["Metric", "Value", "Source"], rows: [["Revenue growth (%)", 12, "Q3 board update"]] }],
            },
          },
          {
            name: "create_pptx",
            arguments: {
              filename: "deck.pptx",
              title: "Q3",
              slides: [{ title: "Revenue", bullets: [{ text: "Revenue grew 12%", source_id: "ctx-1" }] }],
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: "emit_work_output",
            arguments: { title: "Status report", body: "Attached.", output_type: "status_report", file_key: "file_1" },
          },
          {
            name: "emit_work_output",
            arguments: { title: "Figures", body: "Attached.", output_type: "comparison_table", file_key: "file_2" },
          },
          {
            name: "emit_work_output",
            arguments: { title: "Deck", body: "Attached.", output_type: "executive_summary", file_key: "file_3" },
          },
        ],
      },
      { text: "Done." },
    ]);
    const { ctx, rec } = createRecordingContext(HITS, undefined, { ticketId, skills: createSkills(store, ticketId) });

    await createLlmProvider({ provider: "openai-compatible", model: "fake", baseUrl: server.baseUrl }).run(ctx);

    // Every figure in the files is one the sources state: nothing was sent back for repair.
    expect(rec.outputs.map((o) => o.grounding?.unverified)).toEqual([[], [], []]);
    expect(rec.outputs.map((o) => [o.title, o.generationMethod, o.file?.format, o.file?.filename])).toEqual([
      ["Status report", "skill", "pdf", "status.pdf"],
      ["Figures", "skill", "xlsx", "figures.xlsx"],
      ["Deck", "skill", "pptx", "deck.pptx"],
    ]);
    const [pdfOut, xlsxOut, pptxOut] = rec.outputs;

    const pdf = await store.get(pdfOut!.file!.key);
    expect(pdf?.bytes).toBe(pdfOut!.file!.bytes);
    const pdfPath = join(dir, "check.pdf");
    await writeFile(pdfPath, await pdf!.read());
    const { stdout } = await run("pdftotext", ["-layout", pdfPath, "-"]);
    expect(stdout).toContain("Revenue grew 12% to $4.2M in Q3 2024");

    const book = new ExcelJS.Workbook();
    const xlsx = await (await store.get(xlsxOut!.file!.key))!.read();
    await book.xlsx.load(new Uint8Array(xlsx).buffer); // exceljs types want an ArrayBuffer
    const sheet = book.getWorksheet("Figures");
    expect(sheet?.getRow(1).values).toEqual([undefined, "Metric", "Value", "Source"]);
    expect(sheet?.getRow(2).getCell(2).value).toBe(12);

    const deck = await (await store.get(pptxOut!.file!.key))!.read();
    expect(deck.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(deck.includes("ppt/slides/slide1.xml")).toBe(true);
    expect(pptxOut!.sources).toEqual([
      { id: "ctx-1", title: "Q3 board update" },
      { id: "ctx-2", title: "Hiring plan" },
    ]);
  });
});
