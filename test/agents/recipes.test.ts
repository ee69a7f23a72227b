// Every built-in recipe, end to end through the real engine (submit → worker → runtime → builtin
// engine → skills → storage) on both drivers, against a fixture project; a second project's facts
// must never appear. Generated files are read back by poppler and LibreOffice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import type { OutputRow, TicketRow } from "../../src/db/schema.js";
import { cancelTicket, createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { loadRecipeFiles, syncRecipes } from "../../src/recipes/load.js";
import { createLocalFileStore, type FileStore } from "../../src/storage/index.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import {
  DEMO_NOTES,
  MESSY_INTERNAL,
  MESSY_INTERNAL_MARKERS,
  MESSY_NOTES,
  NORTHWIND_NOTES,
  TOPICS,
  ZEPHYR_MARKERS,
  ZEPHYR_NOTES,
} from "./fixtures.js";
import { seedProject } from "./project.js";
import { officeToPdf, pdfInfo, pdfText } from "./readers.js";

const NORTHWIND_TEXT = NORTHWIND_NOTES.map((n) => `${n.title}\n${n.body}`).join("\n");
// Figures that only Northwind's notes contain; each recipe's outputs must quote some of them.
const NORTHWIND_FIGURES = [
  "18%",
  "$4.2 million",
  "3.1%",
  "62%",
  "$38,500",
  "$1.2 million",
  "$400,000",
  "4,310",
  "$310,000",
  "$265,000",
  "$340,000",
  "7.8%",
  "94%",
];

/** Every number in a markdown body, minus our own markers ([n] citations, list numbers). */
function numbersIn(markdown: string): string[] {
  const stripped = markdown
    .replace(/\[\d+\]/g, " ")
    .replace(/^\s*\d+\.\s/gm, " ")
    .replace(/\\([\\`*_[\]<>|])/g, "$1");
  return stripped.match(/\d[\d,.]*\d|\d/g) ?? [];
}

describe.each(DRIVERS)("recipes on the builtin engine (%s)", (driver) => {
  let t: TestDatabase;
  let dataDir: string;
  let store: FileStore;
  let worker: Worker;
  let northwind: string;
  let zephyr: string;
  let empty: string;
  const outputs = new Map<string, { ticket: TicketRow; rows: OutputRow[] }>();

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    dataDir = await mkdtemp(join(tmpdir(), "agents-"));
    store = createLocalFileStore(join(dataDir, "files"));
    await syncRecipes(t.database);
    northwind = await seedProject(t.database, "Northwind", NORTHWIND_NOTES);
    zephyr = await seedProject(t.database, "Zephyr", ZEPHYR_NOTES);
    empty = await seedProject(t.database, "Empty", []);
    const runner = createAgentRunner({ database: t.database, store, config: { agentProvider: "builtin", builtinStepDelayMs: 0 } });
    worker = createWorker({ database: t.database, runner, concurrency: 2, leaseMs: 30_000, shutdownGraceMs: 2_000, pollMs: 200 });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function runRecipe(projectId: string, slug: string, parameters: Record<string, unknown>) {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: slug, parameters });
    const ended = await waitForTicketEnd(t.database, ticket.id, 50_000);
    return { ticket: ended, rows: await listOutputs(t.database.db, ticket.id) };
  }

  it("runs every recipe to completed with sourced, project-only outputs", async () => {
    const recipes = await loadRecipeFiles();
    const results = await Promise.all(
      recipes.map(async (r) => [r, await runRecipe(northwind, r.slug, { topic: TOPICS[r.slug] ?? r.name })] as const),
    );
    for (const [recipe, result] of results) {
      const { ticket, rows } = result;
      outputs.set(recipe.slug, result);
      expect(ticket.status, `${recipe.slug}: ${ticket.metadata.error_message}`).toBe("completed");
      expect(ticket.metadata.output_count, recipe.slug).toBe(rows.length);

      // The todo list is the real steps, all done, each with its present-continuous form and times.
      const todos = ticket.metadata.final_todos ?? [];
      expect(todos.length, recipe.slug).toBeGreaterThanOrEqual(4);
      expect(todos[0]).toMatchObject({ content: "Load project context", activeForm: "Loading project context" });
      for (const todo of todos) {
        expect(todo.status).toBe("completed");
        expect(todo.activeForm).toMatch(/ing\b/);
        expect(todo.started_at && todo.completed_at).toBeTruthy();
      }

      // One markdown (text) output, plus one skill output per file format of the recipe.
      const text = rows.filter((o) => o.generationMethod === "text");
      expect(text, recipe.slug).toHaveLength(1);
      const preview = text[0]!;
      expect(preview.body).toContain("## Sources");
      const fileFormats = rows.filter((o) => o.generationMethod === "skill").map((o) => o.fileFormat);
      const expectedFiles = [recipe.output_format, ...recipe.extra_formats].filter((f) => f !== "markdown");
      expect(fileFormats.sort(), recipe.slug).toEqual(expectedFiles.sort());
      if (recipe.output_format === "markdown") expect(preview.fileFormat, recipe.slug).toBe("markdown");

      // Facts from this project, nothing from the other one, numbers only as the sources wrote them.
      const quoted = NORTHWIND_FIGURES.filter((f) => preview.body.includes(f));
      expect(quoted.length, `${recipe.slug} quotes Northwind's figures`).toBeGreaterThanOrEqual(1);
      const all = rows.map((o) => `${o.title}\n${o.body}`).join("\n");
      for (const marker of ZEPHYR_MARKERS) expect(all, `${recipe.slug} leaks ${marker}`).not.toContain(marker);
      for (const n of numbersIn(preview.body)) expect(NORTHWIND_TEXT, `${recipe.slug}: number ${n} is not in the sources`).toContain(n);

      // Sources are this project's items, and the preview names each of them.
      const titles = new Set(NORTHWIND_NOTES.map((n) => n.title));
      for (const o of rows) {
        expect(o.sources.length, `${recipe.slug}/${o.title}`).toBeGreaterThan(0);
        for (const s of o.sources) expect(titles.has(s.title), s.title).toBe(true);
      }
      for (const s of preview.sources) expect(preview.body).toContain(s.title);

      // Every file is in the store under this ticket, with the size the output claims.
      for (const o of rows.filter((r) => r.fileKey)) {
        expect(o.fileKey!.startsWith(`tickets/${ticket.id}/`)).toBe(true);
        const stored = await store.get(o.fileKey!);
        expect(stored?.bytes, o.title).toBe(o.bytes);
      }
    }
  });

  it("writes files that poppler and LibreOffice read back with the project's facts", async () => {
    const file = async (slug: string, format: string) => {
      const row = outputs.get(slug)?.rows.find((o) => o.fileFormat === format);
      expect(row, `${slug} ${format}`).toBeDefined();
      return await (await store.get(row!.fileKey!))!.read();
    };
    const pdf = await file("status-report", "pdf");
    const info = await pdfInfo(pdf);
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(1);
    expect(info.Title).toMatch(/status report/i);
    const reportText = (await pdfText(pdf)).replace(/\s+/g, " ");
    expect(reportText).toContain("$1.2 million");
    expect(reportText).toContain("3 February 2025");
    expect(reportText).toMatch(/Page 1 of \d+/);
    expect(reportText).toContain("Sources");
    expect(reportText).toContain("Warehouse migration plan");

    const converted = await officeToPdf([
      { name: "deck.pptx", data: await file("executive-summary-deck", "pptx") },
      { name: "table.xlsx", data: await file("comparison-table", "xlsx") },
    ]);
    const deckText = (await pdfText(converted.get("deck.pptx")!)).replace(/\s+/g, " ");
    expect(deckText).not.toMatch(/More from the sources|Also in the project's context|Key points/);
    expect(deckText).toContain("$4.2 million");
    expect(deckText).toMatch(/\[1\] Q3 revenue review|\[1\] Customer churn analysis/);
    expect(deckText).toContain("Sources");
    const tableText = (await pdfText(converted.get("table.xlsx")!)).replace(/\s+/g, " ");
    expect(tableText).toContain("$310,000");
    // The source's title, which wraps inside its cell when the comparison has five attribute columns
    // (pdftotext then interleaves it with the next cell's lines).
    expect(tableText).toMatch(/Vendor comparison: analytics\b[\s\S]{0,200}\bplatforms/);
    for (const text of [reportText, deckText, tableText]) for (const m of ZEPHYR_MARKERS) expect(text).not.toContain(m);
  }, 180_000);

  // Every figure of every builtin output is stated by a source it cites (the runtime's grounding
  // check), on the demo project and on a messy one; no markup or injected text reaches an output.
  it("grounds every output of every recipe, on the demo project and on a messy one, with no markup residue", async () => {
    const demo = await seedProject(t.database, "Halvorsen Q3", DEMO_NOTES);
    const messy = await seedProject(t.database, "Messy platform", [...MESSY_NOTES, MESSY_INTERNAL]);
    const runs: [string, string, Record<string, unknown>][] = [
      [demo, "executive-summary-deck", { topic: "Q3 results" }],
      [demo, "status-report", { topic: "Q3" }],
      [demo, "research-brief", { topic: "why do customers buy from us" }],
      [demo, "comparison-table", { topic: "competitors" }],
      [demo, "blog-post", { topic: "repairability and our customers", audience: "customers" }],
      [demo, "social-posts", { topic: "Q3 results", platforms: ["x", "bluesky", "linkedin"] }],
      [messy, "executive-summary-deck", { topic: "platform status" }],
      [messy, "status-report", { topic: "Q3 platform status" }],
      [messy, "research-brief", { topic: "what do customers ask for" }],
      [messy, "comparison-table", { topic: "hosting vendors" }],
      [messy, "blog-post", { topic: "platform reliability", audience: "customers" }],
      [messy, "social-posts", { topic: "platform status" }],
    ];
    const results = await Promise.all(
      runs.map(async ([project, slug, params]) => [slug, project, await runRecipe(project, slug, params)] as const),
    );
    for (const [slug, project, { ticket, rows }] of results) {
      const where = `${project === demo ? "demo" : "messy"} ${slug}`;
      expect(ticket.status, `${where}: ${ticket.metadata.error_message}`).toBe("completed");
      for (const o of rows) {
        expect(o.grounding, where).toBeTruthy();
        expect(o.grounding!.unverified, `${where} / ${o.title}`).toEqual([]);
        expect(o.grounding!.figures, where).toBeGreaterThan(0);
        const visible = `${o.title}\n${o.body}`;
        expect(visible, where).not.toMatch(/<script|<img|onerror|document\.cookie|alert\(|ignore all previous instructions/i);
        if (project === messy && (slug === "blog-post" || slug === "social-posts"))
          for (const m of MESSY_INTERNAL_MARKERS) expect(visible, `${where} leaks ${m}`).not.toContain(m);
      }
      if (slug === "executive-summary-deck") {
        const outline = rows.find((o) => o.generationMethod === "text")!.body;
        const titles = [...outline.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((x) => x !== "Sources");
        expect(new Set(titles).size, where).toBe(titles.length);
        for (const title of titles) expect(title.split(/\s+/).length, `${where}: ${title}`).toBeGreaterThanOrEqual(3);
      }
    }
    const byKey = new Map(results.map(([slug, project, r]) => [`${project === demo ? "demo" : "messy"}/${slug}`, r]));
    const report = byKey.get("demo/status-report")!.rows.find((o) => o.generationMethod === "text")!;
    expect(report.title).toBe("Quarterly status report — Q3");
    expect(report.body).toMatch(/## Risks and issues\n\n- Risk: shipping costs from Asia rose 12%/);
    const messyReport = byKey.get("messy/status-report")!.rows.find((o) => o.generationMethod === "text")!;
    expect(messyReport.body).toContain("certificate for api.example.com expires on 30 November");
    const table = byKey.get("demo/comparison-table")!.rows.find((o) => o.generationMethod === "text")!;
    const options = table.body
      .split("\n")
      .filter((l) => l.startsWith("| **"))
      .map((l) => /\*\*(.+?)\*\*/.exec(l)?.[1]);
    expect(options).toEqual(expect.arrayContaining(["Fjellform", "Nordvind"]));
  }, 120_000);

  it("says so instead of inventing when no context matches, or the project has none", async () => {
    const unmatched = await runRecipe(northwind, "executive-summary-deck", { topic: "quantum blockchain zeppelins" });
    expect(unmatched.ticket.status).toBe("completed");
    const body = unmatched.rows.find((o) => o.generationMethod === "text")!.body;
    expect(body).toContain("No context in this project mentions “quantum blockchain zeppelins”");
    expect(body).toContain("Add notes about quantum blockchain zeppelins");
    for (const f of NORTHWIND_FIGURES) expect(body).not.toContain(f);

    const none = await runRecipe(empty, "research-brief", { topic: "churn" });
    expect(none.ticket.status).toBe("completed");
    expect(none.rows[0]!.body).toContain("This project has no context yet");
  });

  it("reads the other project's context for the other project", async () => {
    const { ticket, rows } = await runRecipe(zephyr, "research-brief", { topic: "revenue and churn" });
    expect(ticket.status).toBe("completed");
    expect(rows[0]!.body).toContain("€8.65 million");
    for (const f of NORTHWIND_FIGURES) expect(rows[0]!.body).not.toContain(f);
  });

  it("fails a ticket whose recipe wants an unconfigured provider, with an actionable message", async () => {
    const deck = (await loadRecipeFiles()).find((r) => r.slug === "executive-summary-deck")!;
    const { upsertRecipe } = await import("../../src/db/repositories/recipes.js");
    await upsertRecipe(t.database.db, { ...deck, slug: "llm-deck", provider: "llm" });
    const { ticket } = await runRecipe(northwind, "llm-deck", { topic: "revenue" });
    expect(ticket.status).toBe("failed");
    expect(ticket.metadata.error_message).toContain("WORKSMITH_LLM_PROVIDER");
  });
});

describe("cancelling the builtin engine mid-run", () => {
  let t: TestDatabase;
  let dataDir: string;
  let worker: Worker;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    dataDir = await mkdtemp(join(tmpdir(), "agents-cancel-"));
    await syncRecipes(t.database);
    const store = createLocalFileStore(join(dataDir, "files"));
    // 1.5 s a step: a run takes ~7 s, so a cancel lands mid-run; the pause must end at once.
    const runner = createAgentRunner({ database: t.database, store, config: { agentProvider: "builtin", builtinStepDelayMs: 1_500 } });
    worker = createWorker({ database: t.database, runner, concurrency: 1, leaseMs: 30_000, shutdownGraceMs: 2_000, pollMs: 200 });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("stops between steps, promptly, with the steps done so far recorded", async () => {
    const projectId = await seedProject(t.database, "Northwind", NORTHWIND_NOTES);
    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "executive-summary-deck",
      parameters: { topic: "revenue" },
    });
    // Wait until the second step is under way; if it never is, say so (was: went on silently).
    let midRun = false;
    for (let i = 0; i < 100 && !midRun; i++) {
      const row = await waitForTicketEnd(t.database, ticket.id, 100);
      midRun = row.todos.some((td) => td.content === "Analyse key insights" && td.status === "in_progress");
    }
    expect(midRun, "the run never reached its second step, so the cancel would not land mid-run").toBe(true);
    await cancelTicket(t.database, ticket.id);
    const ended = await waitForTicketEnd(t.database, ticket.id, 10_000);
    expect(ended.status).toBe("cancelled");
    expect(await listOutputs(t.database.db, ticket.id)).toEqual([]);
    const todos = ended.metadata.final_todos ?? ended.todos;
    expect(todos.find((td) => td.content === "Load project context")?.status).toBe("completed");
    expect(todos.find((td) => td.content === "Analyse key insights")?.status).toBe("stopped");
    // Promptly = at the step under way, not after the run went on (was a wall-clock bound, which a
    // loaded machine broke): no step after the stopped one ever started.
    const stoppedAt = todos.findIndex((td) => td.content === "Analyse key insights");
    expect(todos.slice(stoppedAt + 1).length).toBeGreaterThan(0);
    for (const later of todos.slice(stoppedAt + 1)) expect(later.status).toBe("pending");
  });
});
