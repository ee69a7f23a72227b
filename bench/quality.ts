// bench:quality — does each recipe's output read as something a person would send? For each project
// of bench/corpus/ (items, internal flags, recipes with parameters, a hand-written answer key) the
// items are ingested through the real code path (upload text extraction, analyseContextItem, the
// context repository) into an embedded PGlite database, every recipe runs through the real engine
// (submit → worker → runtime → builtin agent → skills → file store), and each output is checked:
// key-fact recall, invented figures (checkGrounding against the project's items), markup residue,
// forbidden and internal-only strings, duplicate or filler titles, per-recipe structure, and every
// file converted by LibreOffice and read back by poppler. Numbers only; nothing here is a timed test.
//
//   npm run bench:quality [-- --llm] [--project <slug>[,<slug>…]] [--label <name>] [--samples <dir>] [--corpus <dir>]
//
// --llm adds a column: the same recipes on the LLM agent through the real HTTP path, against the
// scripted fake OpenAI-compatible server (test/helpers/fake-openai-server.ts) playing a "good" model.
// JSON goes to bench/out/quality-<label>.json (gitignored).
import { and, asc, eq } from "drizzle-orm";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { AgentProvider } from "../src/agents/context.js";
import { extractContextText } from "../src/agents/ingest/extract.js";
import { analyseContextItem } from "../src/agents/ingest/analyse.js";
import { createAgentRunner } from "../src/agents/runtime.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { insertContextItem } from "../src/db/repositories/context.js";
import { createProject } from "../src/db/repositories/projects.js";
import { internalByDefault } from "../src/domain/audience.js";
import { listOutputs } from "../src/db/repositories/tickets.js";
import { ticketEvents } from "../src/db/schema.js";
import { createWorker, submitTicket, waitForTicketEnd } from "../src/engine/index.js";
import { syncRecipes } from "../src/recipes/load.js";
import { createLocalFileStore, type FileStore } from "../src/storage/index.js";
import { loadCorpus, type CorpusProject, type SeededProject } from "./quality/corpus.js";
import { evaluate, type CollectedOutput, type OutputFile, type RecipeReport } from "./quality/evaluate.js";
import { convertWithLibreOffice, pdfToPng, readDeck, readPdf, readWorkbook } from "./quality/files.js";
import { printReports } from "./quality/print.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    llm: { type: "boolean", default: false },
    project: { type: "string" },
    label: { type: "string", default: "run" },
    samples: { type: "string" },
    // Another corpus root (a held-out set kept outside bench/corpus/ while composers are being changed).
    corpus: { type: "string" },
  },
});

async function seed(database: Database, corpus: CorpusProject): Promise<SeededProject> {
  const project = await createProject(database.db, { name: corpus.name, description: corpus.kind });
  const items: SeededProject["items"] = [];
  for (const item of corpus.items) {
    // A "file" goes through the upload path's extraction (a CSV becomes a Markdown table); a note is its text.
    const extracted =
      item.as === "file"
        ? await extractContextText({ filename: item.file, mime: "", bytes: item.raw }, { maxBytes: 10 * 1024 * 1024 })
        : { title: item.title ?? item.file, body: item.raw.toString("utf8").trim(), mime: "text/markdown", filename: null };
    const analysis = analyseContextItem({ title: extracted.title, body: extracted.body, mime: item.as === "file" ? extracted.mime : null });
    // Like the API: an item added without saying takes the default (a chat export is internal).
    const internal = item.internal ?? internalByDefault(analysis);
    const view = await insertContextItem(database.db, {
      projectId: project.id,
      title: extracted.title,
      kind: item.as,
      filename: extracted.filename,
      mime: item.as === "file" ? extracted.mime : null,
      bytes: item.raw.length,
      body: extracted.body,
      analysis,
      internal,
    });
    items.push({ id: view.id, title: extracted.title, body: extracted.body, internal });
  }
  return { corpus, projectId: project.id, items };
}

interface TicketResult {
  project: SeededProject;
  recipe: string;
  parameters: Record<string, unknown>;
  agent: string;
  status: string;
  error?: string | undefined;
  outputs: CollectedOutput[];
  storedUnverified: string[];
}

async function runRecipe(
  database: Database,
  store: FileStore,
  workDir: string,
  project: SeededProject,
  recipe: { slug: string; parameters: Record<string, unknown> },
  agent: string,
): Promise<TicketResult> {
  const base = { project, recipe: recipe.slug, parameters: recipe.parameters, agent };
  let ticketId: string;
  try {
    ({
      ticket: { id: ticketId },
    } = await submitTicket(database, { projectId: project.projectId, recipeSlug: recipe.slug, parameters: recipe.parameters }));
  } catch (error) {
    return { ...base, status: "refused", error: error instanceof Error ? error.message : String(error), outputs: [], storedUnverified: [] };
  }
  const ended = await waitForTicketEnd(database, ticketId, 120_000);
  // A ticket that did not complete: its warnings say why (repairs, retries, rejected tool calls).
  const warnings =
    ended.status === "completed"
      ? []
      : (
          await database.db
            .select({ data: ticketEvents.data })
            .from(ticketEvents)
            .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.type, "log")))
            .orderBy(asc(ticketEvents.id))
        )
          .map((e) => e.data)
          .filter((d) => d.level === "warn" || d.level === "error")
          .map((d) => String(d.message));
  const rows = await listOutputs(database.db, ticketId);
  const dir = join(workDir, agent, project.corpus.slug, recipe.slug);
  await mkdir(dir, { recursive: true });
  const outputs: CollectedOutput[] = [];
  for (const row of rows) {
    let file: OutputFile | undefined;
    if (row.fileKey && row.filename && row.fileFormat) {
      const stored = await store.get(row.fileKey);
      if (stored) {
        const path = join(dir, safeName(row.filename, outputs.length));
        await writeFile(path, await stored.read());
        file = { format: row.fileFormat, filename: row.filename, path, text: "" };
      }
    }
    outputs.push({ title: row.title, body: row.body, outputType: row.outputType, file });
  }
  return {
    ...base,
    status: ended.status,
    error: ended.metadata.error_message ? [ended.metadata.error_message, ...warnings].join(" ← ") : undefined,
    outputs,
    storedUnverified: rows.flatMap((r) => r.grounding?.unverified ?? []),
  };
}

function safeName(filename: string, n: number): string {
  const clean = filename.replace(/[^\w.-]+/g, "_").slice(-80);
  return `${n}-${clean}`;
}

/** Reads every file back: own text (XML / cells / markdown), LibreOffice conversion, poppler. */
async function readBack(results: TicketResult[]): Promise<void> {
  const files = results.flatMap((r) => r.outputs.flatMap((o) => (o.file ? [o.file] : [])));
  for (const f of files) {
    try {
      if (f.format === "pptx") {
        f.deck = await readDeck(f.path);
        f.text = f.deck.map((s) => s.text).join("\n");
      } else if (f.format === "xlsx") {
        f.workbook = await readWorkbook(f.path);
        f.text = f.workbook.text;
      } else if (f.format === "pdf") {
        f.pdf = await readPdf(f.path);
        f.text = f.pdf.text;
      } else {
        const { readFile } = await import("node:fs/promises");
        f.text = await readFile(f.path, "utf8");
      }
    } catch (error) {
      f.conversionError = `read: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  // One LibreOffice run per directory (a run starts a whole office: batch them).
  const office = files.filter((f) => f.format === "pptx" || f.format === "xlsx");
  const byDir = new Map<string, OutputFile[]>();
  for (const f of office) byDir.set(dirname(f.path), [...(byDir.get(dirname(f.path)) ?? []), f]);
  const flat = await mkdtemp(join(tmpdir(), "quality-lo-"));
  try {
    // Copy all into one directory under unique names, convert once.
    const { copyFile } = await import("node:fs/promises");
    const names = new Map<string, OutputFile>();
    let n = 0;
    for (const f of office) {
      const name = `${n++}-${f.path.split("/").pop()!}`;
      await copyFile(f.path, join(flat, name));
      names.set(name, f);
    }
    const converted = await convertWithLibreOffice(flat, [...names.keys()]);
    for (const [name, result] of converted) {
      const f = names.get(name)!;
      if (result instanceof Error) f.conversionError = `LibreOffice: ${result.message.slice(0, 200)}`;
      else {
        const pdfPath = f.path.replace(/\.[^.]+$/, ".lo.pdf");
        await copyFile(result, pdfPath);
        f.pdf = await readPdf(pdfPath);
      }
    }
  } finally {
    await rm(flat, { recursive: true, force: true });
  }
}

async function runPhase(
  database: Database,
  store: FileStore,
  workDir: string,
  projects: SeededProject[],
  agent: "builtin" | "llm",
  providers: Record<string, AgentProvider> | undefined,
  beforeEach?: (project: SeededProject, recipe: { slug: string; parameters: Record<string, unknown> }) => void,
): Promise<TicketResult[]> {
  const runner = createAgentRunner({ database, store, config: { agentProvider: agent, builtinStepDelayMs: 0 }, providers });
  const worker = createWorker({ database, runner, concurrency: 1, leaseMs: 60_000, shutdownGraceMs: 2_000, pollMs: 100 });
  await worker.start();
  const results: TicketResult[] = [];
  try {
    for (const project of projects) {
      for (const recipe of project.corpus.recipes) {
        beforeEach?.(project, recipe);
        const started = performance.now();
        const result = await runRecipe(database, store, workDir, project, recipe, agent);
        results.push(result);
        process.stderr.write(
          `${agent} ${project.corpus.slug}/${recipe.slug}: ${result.status} (${(performance.now() - started).toFixed(0)} ms)\n`,
        );
      }
    }
  } finally {
    await worker.stop();
  }
  return results;
}

function toReport(r: TicketResult): RecipeReport {
  return evaluate({
    project: r.project.corpus.slug,
    agent: r.agent,
    recipe: r.recipe,
    parameters: r.parameters,
    status: r.status,
    error: r.error,
    outputs: r.outputs,
    storedUnverified: r.storedUnverified,
    key: r.project.corpus.key,
    sources: r.project.items.map((i) => `${i.title}\n${i.body}`),
  });
}

async function renderSamples(results: TicketResult[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  // Each sample from the project where it has the most to show (a deck with figures, a report with
  // risks, a workbook of vendors); another project's when that one has none.
  const want: [string, string, (f: OutputFile) => boolean][] = [
    ["deck", "solvik-q3", (f) => f.format === "pptx"],
    ["report", "ledgerline-status", (f) => f.format === "pdf"],
    ["workbook", "helpdesk-vendors", (f) => f.format === "xlsx"],
  ];
  for (const [kind, preferred, match] of want) {
    const hits = results.flatMap((r) => r.outputs.flatMap((o) => (o.file && match(o.file) ? [{ r, f: o.file }] : [])));
    const hit = hits.find((h) => h.r.project.corpus.slug === preferred) ?? hits[0];
    if (!hit) continue;
    const pdf = hit.f.format === "pdf" ? hit.f.path : hit.f.path.replace(/\.[^.]+$/, ".lo.pdf");
    const prefix = join(dir, `${kind}-${hit.r.project.corpus.slug}`);
    await pdfToPng(pdf, prefix);
    written.push(prefix);
  }
  return written;
}

async function main(): Promise<void> {
  const only = args.project?.split(",").map((s) => s.trim());
  const corpus = (await loadCorpus(args.corpus ?? join(HERE, "corpus"))).filter((p) => !only || only.includes(p.slug));
  if (only && corpus.length < only.length)
    throw new Error(`--project: no corpus project named ${only.filter((s) => !corpus.some((p) => p.slug === s)).join(", ")}`);
  const dataDir = await mkdtemp(join(tmpdir(), "bench-quality-"));
  const workDir = join(HERE, "out", `quality-${args.label}`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  const database = await openDatabase({ dataDir: join(dataDir, "db") });
  try {
    await migrateDatabase(database);
    await syncRecipes(database);
    const store = createLocalFileStore(join(dataDir, "files"));
    const projects: SeededProject[] = [];
    for (const p of corpus) projects.push(await seed(database, p));

    const results = await runPhase(database, store, workDir, projects, "builtin", undefined);
    if (args.llm) {
      const { llmPhase } = await import("./quality/llm.js");
      results.push(
        ...(await llmPhase((providers, beforeEach) => runPhase(database, store, workDir, projects, "llm", providers, beforeEach))),
      );
    }
    process.stderr.write("reading files back (LibreOffice, poppler)…\n");
    await readBack(results);
    const reports = results.map((r) => ({
      ...toReport(r),
      outputs: r.outputs.map((o) => ({ title: o.title, body: o.body, file: o.file?.path })),
    }));
    for (const f of results.flatMap((r) => r.outputs.flatMap((o) => (o.file ? [o.file] : [])))) await writeFile(`${f.path}.txt`, f.text);
    printReports(reports);
    const json = join(HERE, "out", `quality-${args.label}.json`);
    await writeFile(json, JSON.stringify({ label: args.label, date: new Date().toISOString(), reports }, null, 2));
    console.log(`\nJSON: ${json}\nfiles: ${workDir}`);
    if (args.samples) {
      for (const prefix of await renderSamples(
        results.filter((r) => r.agent === "builtin"),
        args.samples,
      ))
        console.log(`sample pages: ${prefix}-*.png`);
    }
  } finally {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
