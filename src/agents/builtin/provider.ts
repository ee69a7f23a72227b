// The builtin provider: offline and deterministic. Its todo list is the steps it really takes —
// load the context, analyse it, draft, render the file, save the outputs — and it checks the
// AbortSignal (and waits WORKSMITH_BUILTIN_STEP_DELAY_MS, abortably) between steps. The analysis, the
// draft and the rendering run in the agent pool (src/agents/pool); steps, todos and outputs stay here.
import { sleep } from "../abortable.js";
import type { AgentContext, AgentProvider, AgentTools, ContextHit, StoredFile } from "../context.js";
import type { OutputFormat, Recipe } from "../../domain/recipe.js";
import type { TodoInput } from "../../domain/todos.js";
import type { Composer, Step } from "./compose-kit.js";
import { briefComposer } from "./compose-brief.js";
import { blogComposer, socialComposer } from "./compose-content.js";
import { deckComposer } from "./compose-deck.js";
import { reportComposer } from "./compose-report.js";
import { tableComposer } from "./compose-table.js";
import { sharedAgentPool, type AgentPool, type FileRender } from "../pool/index.js";
import type { DraftedComposition } from "../pool/jobs.js";
import { itemsOf, riskItemsOf } from "./insights.js";
import { deckOf, OUTLINE_KEY, outlineQuestion, outlineText, REVIEW_PARAMETER, reviseDraft } from "./outline-review.js";

export interface BuiltinOptions {
  /** Pause between steps (ms), for demos and for tests that cancel mid-run. */
  stepDelayMs?: number;
  /** Where the analysis, draft and files are made (default: the process's shared pool). */
  pool?: AgentPool | undefined;
}

const BY_SLUG: Record<string, Composer> = {
  "executive-summary-deck": deckComposer,
  "status-report": reportComposer,
  "research-brief": briefComposer,
  "comparison-table": tableComposer,
  "blog-post": blogComposer,
  "social-posts": socialComposer,
};
// Recipes added later without code of their own get the composer of their output format.
const BY_FORMAT: Record<OutputFormat, Composer> = { pptx: deckComposer, pdf: reportComposer, xlsx: tableComposer, markdown: briefComposer };

export function composerFor(recipe: Recipe): Composer {
  return BY_SLUG[recipe.slug] ?? BY_FORMAT[recipe.output_format];
}

// How much context is read: the best search hits, then the rest of the project's items up to
// MAX_HITS in all, as background (ranked after the hits): a small project is read whole, so what is
// read does not flip with the number of hits, and an item the search missed (an e-mail naming none
// of the topic's words) can still be linked to the topic by what it names (see insights.ts).
// Zero hits means nothing is relevant, and the output says so.
const MAX_HITS = 25;
// Risks are the project's, not only the search hits': the other items (up to this many) are read
// for their risk and issue statements only.
const PROJECT_ITEMS = 100;

const LOAD: Step = { content: "Load project context", activeForm: "Loading project context" };
const ANALYSE: Step = { content: "Analyse key insights", activeForm: "Analysing key insights" };
const SAVE: Step = { content: "Save outputs", activeForm: "Saving outputs" };
const REVIEW: Step = { content: "Review the outline", activeForm: "Waiting for your review of the outline" };

export function createBuiltinProvider(options: BuiltinOptions = {}): AgentProvider {
  const delayMs = options.stepDelayMs ?? 0;
  return {
    name: "builtin",
    async run(ctx) {
      const composer = composerFor(ctx.recipe);
      // The deck recipe's "review the outline" asks a person between the draft and the file (issue 16).
      const review = ctx.parameters[REVIEW_PARAMETER] === true;
      const steps = review
        ? [LOAD, ANALYSE, composer.draft, REVIEW, composer.render, SAVE]
        : [LOAD, ANALYSE, composer.draft, composer.render, SAVE];
      const progress = createProgress(ctx, steps, delayMs);
      const at = (step: Step) => steps.indexOf(step);

      // Load, analyse, draft: the steps before the file (and before the review).
      const draft = async (): Promise<DraftedComposition> => {
        const topic = topicOf(ctx.parameters);

        await progress.start(at(LOAD));
        const hits = await ctx.context.search(topic, MAX_HITS);
        let items: ContextHit[] = hits;
        let projectHasContext = hits.length > 0;
        if (hits.length > 0 && hits.length < MAX_HITS) {
          const seen = new Set(hits.map((h) => h.id));
          items = [...hits, ...(await ctx.context.all(MAX_HITS)).filter((h) => !seen.has(h.id))].slice(0, MAX_HITS);
        } else if (hits.length === 0) {
          projectHasContext = (await ctx.context.all(1)).length > 0;
        }
        await ctx.log("info", `builtin: ${hits.length} context item(s) match “${topic}”; reading ${items.length}`);
        const reading = new Set(items.map((h) => h.id));
        const elsewhere = hits.length > 0 ? (await ctx.context.all(PROJECT_ITEMS)).filter((h) => !reading.has(h.id)) : [];

        await progress.start(at(ANALYSE));
        const matched = new Set(hits.map((h) => h.id));
        const pool = options.pool ?? sharedAgentPool();
        const insights = await pool.run(
          "analyse-context",
          { topic, items: [...itemsOf(items, matched), ...riskItemsOf(elsewhere)] },
          ctx.signal,
        );

        await progress.start(at(composer.draft));
        const composition = await pool.run(
          "compose",
          { recipe: ctx.recipe, parameters: ctx.parameters, topic, insights, projectHasContext },
          ctx.signal,
        );
        for (const note of composition.notes ?? []) await ctx.log("info", `builtin: ${note}`);
        return composition;
      };

      // A resumed run continues from its stored step state: the draft that was reviewed, not a new one
      // (the project's context may have changed while the ticket waited).
      const resumed = review ? await ctx.resumed(OUTLINE_KEY) : null;
      let composition = resumed ? (resumed.state as DraftedComposition) : await draft();
      const deck = review ? deckOf(composition) : null;
      if (deck) {
        const outline = outlineText(deck);
        if (!resumed) await progress.start(at(REVIEW));
        // The first run stops here (the ticket waits, holding no worker); the resumed one gets the answer.
        const answer = await ctx.ask(outlineQuestion(outline, composition));
        const edited = typeof answer.outline === "string" ? answer.outline : outline;
        composition = reviseDraft(composition, edited);
        await ctx.log(
          "info",
          edited.trim() === outline.trim() ? "builtin: outline approved as drafted" : "builtin: building the outline as edited",
        );
      }

      await progress.start(at(composer.render));
      const files = [];
      for (const job of composition.files) files.push({ job, file: await renderFile(ctx.skills, job.render) });
      const markdownFile = composition.markdownFile
        ? await ctx.skills.markdown({ filename: composition.markdownFile, markdown: composition.markdown })
        : undefined;

      await progress.start(at(SAVE));
      await ctx.outputs.emit(
        {
          title: composition.title,
          body: composition.markdown,
          outputType: composition.outputType,
          generationMethod: "text",
          file: markdownFile,
          sources: composition.sources,
        },
        markdownFile?.text,
      );
      for (const { job, file } of files) {
        await ctx.outputs.emit(
          {
            title: job.title,
            body: job.body,
            outputType: job.outputType,
            generationMethod: "skill",
            file,
            sources: composition.sources,
          },
          file.text,
        );
      }
      await progress.finish();
    },
  };
}

/** The skill a drafted file asked for (it renders in the pool and stores the bytes here). */
function renderFile(skills: AgentTools["skills"], render: FileRender): Promise<StoredFile> {
  switch (render.format) {
    case "pptx":
      return skills.pptx(render.spec);
    case "pdf":
      return skills.pdf(render.spec);
    case "xlsx":
      return skills.xlsx(render.spec);
    case "markdown":
      return skills.markdown(render.spec);
  }
}

function topicOf(parameters: Record<string, unknown>): string {
  const topic = parameters.topic;
  return typeof topic === "string" && topic.trim() !== "" ? topic.trim() : "this project";
}

/** Writes the full todo list at each step change; checks the signal and paces between steps. */
function createProgress(ctx: AgentContext, steps: Step[], delayMs: number) {
  const list = (active: number, done: number): TodoInput[] =>
    steps.map((s, i) => ({
      content: s.content,
      activeForm: s.activeForm,
      status: i < done ? "completed" : i === active ? "in_progress" : "pending",
    }));
  return {
    /** One write marks the previous step completed and this one in progress; the pause is spent in it. */
    async start(index: number) {
      ctx.signal.throwIfAborted();
      await ctx.todos.write(list(index, index));
      await sleep(delayMs, ctx.signal);
    },
    async finish() {
      ctx.signal.throwIfAborted();
      await ctx.todos.write(list(-1, steps.length));
    },
  };
}
