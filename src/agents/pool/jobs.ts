// The CPU-heavy work an agent hands to the worker pool, as plain data in and plain data out (it is
// structured-cloned across the thread boundary): context analysis, the builtin composer's draft, and
// the file skills' rendering. `runJob` is the one dispatcher, run by the worker entry (./worker.ts)
// and by an inline pool (size 0). Nothing here touches the database or storage: those stay on the
// main thread (docs/decisions/0005-agent-work-in-a-worker-pool.md).
import type { DeckSpec, DocumentSpec, SourceRef, StoredFile, WorkbookSpec } from "../context.js";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import type { Recipe } from "../../domain/recipe.js";
import { analyseContext, type Insights, type SourceItem } from "../builtin/insights.js";
import { composerFor } from "../builtin/provider.js";
import { analyseContextItem, type ItemToAnalyse } from "../ingest/analyse.js";
import { planDeck, planText } from "../skills/deck-plan.js";
import { renderDocumentDetailed } from "../skills/pdf.js";
import { renderPlan } from "../skills/pptx.js";
import { planWorkbook, renderWorkbook, workbookPlanText } from "../skills/xlsx.js";

/** A file a composer asked for, as the spec its skill renders (the skill call itself happens on the main thread). */
export type FileRender =
  | { format: "pptx"; spec: DeckSpec }
  | { format: "pdf"; spec: DocumentSpec }
  | { format: "xlsx"; spec: WorkbookSpec }
  | { format: "markdown"; spec: { filename: string; markdown: string } };

/** A composer's Composition with its file jobs turned into specs: what crosses back to the main thread. */
export interface DraftedComposition {
  title: string;
  markdown: string;
  outputType: string;
  markdownFile: string | null;
  files: { title: string; outputType: string; body: string; render: FileRender }[];
  sources: SourceRef[];
  notes?: string[] | undefined;
}

export interface ComposeJobInput {
  recipe: Recipe;
  parameters: Record<string, unknown>;
  topic: string;
  insights: Insights;
  projectHasContext: boolean;
}

/** A rendered file: its bytes and every visible string (what the grounding check reads). */
export interface RenderedFile {
  data: Uint8Array;
  text: string;
}

export interface AgentJobs {
  "analyse-item": { input: ItemToAnalyse; output: ContextAnalysis };
  "analyse-context": { input: { topic: string; items: SourceItem[] }; output: Insights };
  compose: { input: ComposeJobInput; output: DraftedComposition };
  "render-pptx": { input: DeckSpec; output: RenderedFile };
  "render-pdf": { input: DocumentSpec; output: RenderedFile };
  "render-xlsx": { input: WorkbookSpec; output: RenderedFile };
}

export type AgentJobKind = keyof AgentJobs;
export type AgentJob = { [K in AgentJobKind]: { kind: K; input: AgentJobs[K]["input"] } }[AgentJobKind];

export async function runJob(job: AgentJob): Promise<AgentJobs[AgentJobKind]["output"]> {
  switch (job.kind) {
    case "analyse-item":
      return analyseContextItem(job.input);
    case "analyse-context":
      return analyseContext(job.input.topic, job.input.items);
    case "compose":
      return compose(job.input);
    case "render-pptx": {
      const plan = planDeck(job.input);
      return { data: await renderPlan(job.input.title, plan), text: planText(plan) };
    }
    case "render-pdf":
      return renderDocumentDetailed(job.input);
    case "render-xlsx":
      return { data: await renderWorkbook(job.input), text: workbookPlanText(planWorkbook(job.input)) };
  }
}

/**
 * Runs the recipe's composer. Its file jobs are closures over a skills object (`make(skills)`), which
 * cannot cross a thread: each is called here with a recorder that keeps the spec it is given, and the
 * main thread later hands that spec to the real skill (which renders in the pool and stores the bytes).
 */
async function compose(input: ComposeJobInput): Promise<DraftedComposition> {
  const composition = composerFor(input.recipe).compose(input);
  const files: DraftedComposition["files"] = [];
  for (const job of composition.files) {
    let render: FileRender | undefined;
    const recorded = (r: FileRender): Promise<StoredFile> => {
      render = r;
      return Promise.resolve({ key: "", format: r.format, mime: "", bytes: 0, filename: r.spec.filename, text: "" });
    };
    await job.make({
      pptx: (spec) => recorded({ format: "pptx", spec }),
      pdf: (spec) => recorded({ format: "pdf", spec }),
      xlsx: (spec) => recorded({ format: "xlsx", spec }),
      markdown: (spec) => recorded({ format: "markdown", spec }),
    });
    if (!render) throw new Error(`The composer's file "${job.title}" called no skill`);
    files.push({ title: job.title, outputType: job.outputType, body: job.body, render });
  }
  return {
    title: composition.title,
    markdown: composition.markdown,
    outputType: composition.outputType,
    markdownFile: composition.markdownFile,
    files,
    sources: composition.sources,
    notes: composition.notes,
  };
}
