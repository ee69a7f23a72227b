// The tools the model may call, each a thin adapter onto the AgentContext (DESIGN.md §6): the model
// gets the same todo list, context search, skills and output emission as the builtin engine.
// A mistake by the model (bad todo list, unknown file, a figure no source states) goes back to it
// as the tool result so it can correct itself; an infrastructure failure stops the run (RunState.fatal).
// Everything the model writes is cleaned (cleanStrings) before a skill or an output stores it.
import { tool, zodSchema, type ToolSet } from "ai";
import { z } from "zod";
import { AgentError } from "../../domain/agent-runner.js";
import { DomainError } from "../../domain/errors.js";
import { checkGrounding, type Grounding } from "../../domain/grounding.js";
import { TodoListInput, TodoStatus } from "../../domain/todos.js";
import type { AgentContext, Bullet, ColumnSpec, ContextHit, SlideSpec, SourceRef, StoredFile } from "../context.js";
import type { Activity } from "./activity.js";
import { askCallOf, AskInput, type AskCall } from "./ask.js";
import { cleanModelText, cleanStrings } from "./clean-text.js";
import type { Delivered } from "./contract.js";

/** What one run remembers between tool calls. */
export interface RunState {
  /** Every context item search_context returned, by id: the candidate sources of outputs. */
  seen: Map<string, SourceRef>;
  /** The full text of each item handed to the model (title and clean text): what grounds a figure. */
  texts: Map<string, string>;
  /**
   * Files the skills stored during this run, by the short handle the model sees ("file_1") and by
   * storage key: the only ones an output may attach. Small local models mangle long uuid keys.
   */
  files: Map<string, StoredFile>;
  /** What was emitted (format and body), for the output contract. */
  delivered: Delivered[];
  /** File handles handed out so far (reserved when a create_* call starts). */
  fileCount: number;
  /** The one grounding repair of a run has been given (the next unverified emit is accepted and flagged). */
  groundingRepairUsed: boolean;
  /** Set when a tool failed for a reason the model cannot fix; the run stops and fails with it. */
  fatal: Error | undefined;
  /** The model asked a person (ask_person): the run stops after this step and the ticket waits (issue 16). */
  asking: AskCall | undefined;
}

/** The tool name the provider looks for when it resumes with the person's answer. */
export const ASK_TOOL = "ask_person";

export function createRunState(): RunState {
  return {
    seen: new Map(),
    texts: new Map(),
    files: new Map(),
    delivered: [],
    fileCount: 0,
    groundingRepairUsed: false,
    fatal: undefined,
    asking: undefined,
  };
}

/** Bodies sent back to the model are cut (~1k tokens a search hit, ~400 a listed item) to keep the context window sane. */
const HIT_BODY_CHARS = 4_000;
const LIST_BODY_CHARS = 1_500;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const Filename = z.string().trim().min(1).max(120).describe("File name with its extension, e.g. q3-summary.pptx");
const SourceId = z.string().min(1).describe("The id of a context item returned by search_context");

const TodoWriteInput = z.object({
  todos: z
    .array(
      z.object({
        content: z.string().describe("The step, imperative: 'Analyse revenue figures'"),
        status: TodoStatus,
        activeForm: z.string().describe("Present continuous, shown while it runs: 'Analysing revenue figures'"),
      }),
    )
    .describe("The whole list; it replaces the previous one"),
});

const SearchInput = z.object({
  query: z.string().trim().min(1).describe("Keywords to look for in the project's context"),
  limit: z.number().int().min(1).max(10).optional().describe("How many items (default 5)"),
});

const ListInput = z.object({
  limit: z.number().int().min(1).max(50).optional().describe("How many items (default 20)"),
});

const BulletInput = z.object({ text: z.string().min(1), source_id: SourceId.optional() });
const Cell = z.union([z.string(), z.number()]);

// One flat object per slide rather than a union: small models fill a flat schema more reliably,
// and a missing field for the chosen layout comes back as one plain sentence (toSlideSpec).
const SlideInput = z.object({
  layout: z
    .enum(["bullets", "table", "chart", "big-number", "two-column", "quote"])
    .optional()
    .describe(
      "bullets (default): title + bullets. table: columns + rows. chart: a native bar/column/line chart. " +
        "big-number: one figure (value + label, optional detail and up to 3 others). two-column: left and right, each a heading + bullets. " +
        "quote: a quotation with attribution.",
    ),
  title: z.string().min(1).describe("A headline that states the point: 'Revenue up 12% on enterprise deals', not 'Revenue'"),
  bullets: z.array(BulletInput).max(12).optional().describe("bullets layout: the points, each with the source_id it came from"),
  columns: z.array(z.string()).min(1).max(8).optional().describe("table layout: the header row"),
  rows: z.array(z.array(Cell)).max(20).optional().describe("table layout: the rows, one cell per column, figures verbatim from sources"),
  chart: z
    .object({
      type: z.enum(["bar", "column", "line"]),
      labels: z.array(z.string()).min(1).describe("Category labels"),
      series: z
        .array(z.object({ name: z.string().min(1), values: z.array(z.number()).describe("One value per label") }))
        .min(1)
        .max(6),
      value_format: z.string().optional().describe('Excel number format for the values: "0", "0.0", "0%", "$#,##0"'),
    })
    .optional()
    .describe("chart layout: only figures the sources state"),
  caption: z.string().optional().describe("chart layout: one line under the chart"),
  value: z.string().optional().describe('big-number layout: the figure, verbatim ("$4.2M")'),
  label: z.string().optional().describe('big-number layout: what it measures ("Q3 revenue")'),
  detail: z.string().optional().describe('big-number layout: one line of context ("up 12% year over year")'),
  others: z
    .array(z.object({ value: z.string().min(1), label: z.string().min(1) }))
    .max(3)
    .optional()
    .describe("big-number layout: up to three smaller figures"),
  left: z
    .object({ heading: z.string().min(1), bullets: z.array(BulletInput).max(8) })
    .optional()
    .describe("two-column layout"),
  right: z
    .object({ heading: z.string().min(1), bullets: z.array(BulletInput).max(8) })
    .optional()
    .describe("two-column layout"),
  quote: z.string().optional().describe("quote layout: the words, verbatim from a source"),
  attribution: z.string().optional().describe("quote layout: who said it"),
  source_id: SourceId.optional().describe("big-number and quote layouts: the item the figure or quote comes from"),
  notes: z.string().optional().describe("Speaker notes"),
  footnote: z.string().optional().describe('Small print at the foot of the slide, e.g. "Source: Q3 board update"'),
});
type SlideInput = z.infer<typeof SlideInput>;

const DeckInput = z.object({
  filename: Filename,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  takeaway: z.string().optional().describe("One line on the title slide: the deck's main message"),
  slides: z.array(SlideInput).min(1).max(40),
});

const DocumentInput = z.object({
  filename: Filename,
  title: z.string().min(1),
  markdown: z
    .string()
    .min(1)
    .describe(
      "The document in Markdown: headings, paragraphs, lists, GFM tables (| a | b |), and call-outs as GitHub alerts: " +
        "a block quote starting with > [!NOTE], > [!TIP], > [!IMPORTANT] or > [!WARNING] on its own line",
    ),
});

const ColumnInput = z.union([
  z.string().describe("A header; the column is sized from its content"),
  z.object({
    header: z.string().min(1),
    format: z
      .enum(["text", "integer", "decimal", "percent", "currency", "date"])
      .optional()
      .describe("How numbers show: percent expects fractions (0.12 → 12%); text wraps"),
    currency: z.string().max(4).optional().describe('Symbol for format "currency" (default "$")'),
    width: z.number().min(4).max(100).optional().describe("Width in characters"),
  }),
]);

const WorkbookInput = z.object({
  filename: Filename,
  sheets: z
    .array(
      z.object({
        name: z.string().min(1).max(31),
        columns: z.array(ColumnInput).min(1).describe("Headers, or {header, format, currency, width} for number formats and widths"),
        rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
      }),
    )
    .min(1),
});

const EmitInput = z.object({
  title: z.string().min(1),
  body: z.string().min(1).describe("Markdown shown to the user; for a file, a short summary of it with its sources"),
  output_type: z.string().min(1).describe("What this output is, snake_case: executive_summary, research_brief, blog_post …"),
  file_key: z.string().optional().describe("The file_key returned by create_pptx, create_pdf or create_xlsx, to attach that file"),
  source_ids: z.array(SourceId).optional().describe("The context items this output draws on (default: every item you searched)"),
});

// Wrapped once per process: the SDK turns a bare zod schema into JSON Schema on every model call
// (measured ~1 ms a call for these seven tools, the deck's the largest); a wrapped one keeps it.
const SCHEMAS = {
  todo_write: zodSchema(TodoWriteInput),
  search_context: zodSchema(SearchInput),
  list_context: zodSchema(ListInput),
  create_pptx: zodSchema(DeckInput),
  create_pdf: zodSchema(DocumentInput),
  create_xlsx: zodSchema(WorkbookInput),
  emit_work_output: zodSchema(EmitInput),
  ask_person: zodSchema(AskInput),
};

export function createAgentToolSet(ctx: AgentContext, state: RunState, activity: Activity): ToolSet {
  /** Runs a tool body; a mistake the model can fix becomes `{ error }`, anything else stops the run. */
  async function guarded<T>(body: () => Promise<T>): Promise<T | { error: string }> {
    try {
      return await body();
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (error instanceof DomainError || error instanceof AgentError || error instanceof z.ZodError) {
        return { error: error.message };
      }
      state.fatal ??= error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  }

  function remember(hits: ContextHit[]): void {
    for (const hit of hits) {
      state.seen.set(hit.id, { id: hit.id, title: hit.title });
      state.texts.set(hit.id, `${hit.title}\n${hit.body}`);
    }
  }

  function sourcesFor(ids: readonly string[] | undefined): SourceRef[] {
    if (ids === undefined) return [...state.seen.values()];
    return ids.flatMap((id) => state.seen.get(id) ?? []);
  }

  /** The model names files; only the last path segment is kept (storage picks the real key). */
  function baseName(filename: string): string {
    return filename.split(/[\\/]/).pop()?.trim() || "output";
  }

  /**
   * Stores a file through a skill under the next handle. The handle is taken before the skill runs:
   * the SDK runs a step's tool calls concurrently, and handles must follow call order, not finish order.
   */
  async function storeFile(store: () => Promise<StoredFile>) {
    const handle = `file_${++state.fileCount}`;
    const file = await store();
    state.files.set(handle, file).set(file.key, file);
    return { file_key: handle, filename: file.filename, format: file.format, bytes: file.bytes };
  }

  const source = (id: string | undefined) => (id ? state.seen.get(id) : undefined);
  const bullets = (list: z.infer<typeof BulletInput>[]): Bullet[] => list.map((b) => ({ text: b.text, source: source(b.source_id) }));

  return {
    ask_person: tool({
      description:
        "Ask a person a question when you cannot decide from the context (which of two figures is current, which option " +
        "they prefer, approval before you publish). The run pauses until they answer; the answer comes back as this " +
        "tool's result. Ask only what matters: each question makes someone stop and answer. For more than one text or " +
        "a choice (approve/reject with a comment, a list to edit), give answer_schema.",
      inputSchema: SCHEMAS.ask_person,
      // The question itself is stored by the provider once this step has finished (RunState.asking).
      execute: (input, { toolCallId }) =>
        guarded(async (): Promise<{ ok: true; waiting: string } | { error: string }> => {
          if (state.asking) return { error: "Ask one question at a time." };
          const call = askCallOf(toolCallId, input);
          if ("error" in call) return call;
          state.asking = call;
          return { ok: true, waiting: "The question was sent; this result is replaced by the person's answer." };
        }),
    }),

    todo_write: tool({
      description:
        "Plan and track your work. Send the WHOLE todo list every time (it replaces the previous one). " +
        "Exactly one item in_progress while you work on it; mark items completed as soon as they are done.",
      inputSchema: SCHEMAS.todo_write,
      execute: (input) =>
        guarded(async () => {
          const parsed = TodoListInput.safeParse(input.todos);
          if (!parsed.success) {
            const issues = parsed.error.issues.map((i) => (i.path.length ? `todos/${i.path.join("/")}: ${i.message}` : i.message));
            return { error: `Invalid todo list: ${issues.join("; ")}. Send the corrected full list.` };
          }
          const list = await ctx.todos.write(parsed.data);
          return { ok: true, todos: list.length, completed: list.filter((t) => t.status === "completed").length };
        }),
    }),

    search_context: tool({
      description:
        "Full-text search over this project's context (notes and uploaded files). Returns the best items with their id, " +
        "title and text. Cite items by id; use only facts and numbers that appear in them.",
      inputSchema: SCHEMAS.search_context,
      execute: (input) =>
        guarded(async () => {
          const hits = await ctx.context.search(input.query, input.limit ?? 5);
          remember(hits);
          return { results: hits.map((h) => ({ id: h.id, title: h.title, text: clip(h.body, HIT_BODY_CHARS) })) };
        }),
    }),

    list_context: tool({
      description:
        "List the project's context items, newest first, with their text (shortened). Use it when search_context finds " +
        "nothing or to see what the project holds.",
      inputSchema: SCHEMAS.list_context,
      execute: (input) =>
        guarded(async () => {
          const items = await ctx.context.all(input.limit ?? 20);
          remember(items);
          return { items: items.map((h) => ({ id: h.id, title: h.title, text: clip(h.body, LIST_BODY_CHARS) })) };
        }),
    }),

    create_pptx: tool({
      description:
        "Build a PowerPoint deck and store it. Returns a file_key to attach with emit_work_output. Lay it out like a designer: " +
        "a takeaway on the title slide, headline titles, a table or chart for comparable figures, a big-number slide for the " +
        "key figure, two columns for contrasts, a quote for customer voice; text is fitted to its box.",
      inputSchema: SCHEMAS.create_pptx,
      execute: (raw) =>
        guarded(async () => {
          const input = cleanStrings(raw);
          const slides = input.slides.map((s, i) => toSlideSpec(s, i + 1, { source, bullets }));
          const cited = new Map<string, SourceRef>();
          for (const ref of slides.flatMap(citedBy)) cited.set(ref.id, ref);
          const sources = cited.size > 0 ? [...cited.values()] : [...state.seen.values()];
          return storeFile(() =>
            ctx.skills.pptx({
              filename: baseName(input.filename),
              title: input.title,
              subtitle: input.subtitle,
              takeaway: input.takeaway,
              slides,
              sources,
            }),
          );
        }),
    }),

    create_pdf: tool({
      description:
        "Write a PDF document from Markdown (headings, lists, tables, > [!NOTE] call-outs) and store it. Returns a file_key to attach with emit_work_output.",
      inputSchema: SCHEMAS.create_pdf,
      execute: (raw) =>
        guarded(() => {
          const input = cleanStrings(raw);
          return storeFile(() => ctx.skills.pdf({ ...input, filename: baseName(input.filename) }));
        }),
    }),

    create_xlsx: tool({
      description:
        "Build an Excel workbook (one table per sheet, sized columns, number formats) and store it. Returns a file_key to attach with emit_work_output.",
      inputSchema: SCHEMAS.create_xlsx,
      execute: (raw) =>
        guarded(() => {
          const input = cleanStrings(raw);
          const sheets = input.sheets.map((sheet) => ({ ...sheet, columns: sheet.columns.map(toColumnSpec) }));
          return storeFile(() => ctx.skills.xlsx({ filename: baseName(input.filename), sheets }));
        }),
    }),

    emit_work_output: tool({
      description:
        "Save one result of this work for the user. Call it once per deliverable; attach a file with file_key. " +
        "Nothing reaches the user unless it is emitted. Every figure must be stated by a cited source.",
      inputSchema: SCHEMAS.emit_work_output,
      execute: (input) =>
        guarded(async () => {
          const file = input.file_key === undefined ? undefined : state.files.get(input.file_key);
          if (input.file_key !== undefined && file === undefined) {
            return {
              error: `Unknown file_key "${input.file_key}": use a file_key returned by create_pptx, create_pdf or create_xlsx in this run.`,
            };
          }
          const title = cleanModelText(input.title);
          const body = cleanModelText(input.body);
          const sources = sourcesFor(input.source_ids);
          const grounding = groundingOf(`${title}\n${body}\n${file?.text ?? ""}`, sources);
          if (grounding.unverified.length > 0 && !state.groundingRepairUsed) {
            // One repair per run: the model is told exactly which figures no cited item states.
            state.groundingRepairUsed = true;
            const list = grounding.unverified.join(", ");
            activity.log("warn", `Repair turn: ${grounding.unverified.length} figure(s) not found in the cited sources: ${list}`, {
              kind: "repair",
              tool: "emit_work_output",
            });
            return {
              error:
                `Not saved: these figures are not stated by the cited sources: ${list}. Copy each figure exactly as a source ` +
                "states it and cite that source in source_ids, or remove it; if a figure is in the attached file, rebuild the " +
                "file first. Then call emit_work_output again.",
            };
          }
          const { id } = await ctx.outputs.emit(
            {
              title,
              body,
              outputType: input.output_type,
              generationMethod: file ? "skill" : "text",
              file,
              sources,
              grounding,
            },
            file?.text,
          );
          state.delivered.push({ format: file?.format ?? null, body });
          return { ok: true, output_id: id, ...(grounding.unverified.length > 0 ? { unverified_figures: grounding.unverified } : {}) };
        }),
    }),
  };

  function groundingOf(text: string, sources: SourceRef[]): Grounding {
    return checkGrounding(
      text,
      sources.map((s) => state.texts.get(s.id) ?? s.title),
    );
  }
}

/** The grounding of the model's final text answer against every item it was handed. */
export function groundingOfAnswer(text: string, state: RunState): Grounding {
  return checkGrounding(text, [...state.texts.values()]);
}

interface SlideHelpers {
  source(id: string | undefined): SourceRef | undefined;
  bullets(list: z.infer<typeof BulletInput>[]): Bullet[];
}

/** The model's flat slide as the skill's layout union; a field missing for the layout is one sentence back to the model. */
function toSlideSpec(s: SlideInput, n: number, h: SlideHelpers): SlideSpec {
  const base = { title: s.title, notes: s.notes, footnote: s.footnote };
  const need = (what: string): never => {
    throw new AgentError(`Slide ${n} ("${s.title}") has layout "${s.layout}" but no ${what}.`);
  };
  switch (s.layout) {
    case "table": {
      const columns = s.columns ?? need("columns");
      const rows = (s.rows ?? need("rows")).map((row) => row.map(String));
      return { ...base, layout: "table", columns, rows };
    }
    case "chart": {
      const chart = s.chart ?? need("chart");
      const bad = chart.series.find((series) => series.values.length !== chart.labels.length);
      if (bad) throw new AgentError(`Slide ${n}: series "${bad.name}" has ${bad.values.length} values for ${chart.labels.length} labels.`);
      return {
        ...base,
        layout: "chart",
        chart: { type: chart.type, labels: chart.labels, series: chart.series, valueFormat: chart.value_format },
        caption: s.caption,
      };
    }
    case "big-number":
      return {
        ...base,
        layout: "big-number",
        value: s.value ?? need("value"),
        label: s.label ?? need("label"),
        detail: s.detail,
        others: s.others,
        source: h.source(s.source_id),
      };
    case "two-column": {
      const left = s.left ?? need("left column");
      const right = s.right ?? need("right column");
      return {
        ...base,
        layout: "two-column",
        left: { heading: left.heading, bullets: h.bullets(left.bullets) },
        right: { heading: right.heading, bullets: h.bullets(right.bullets) },
      };
    }
    case "quote":
      return { ...base, layout: "quote", quote: s.quote ?? need("quote"), attribution: s.attribution, source: h.source(s.source_id) };
    default:
      return { ...base, layout: "bullets", bullets: h.bullets(s.bullets ?? []) };
  }
}

function citedBy(slide: SlideSpec): SourceRef[] {
  const fromBullets = (list: Bullet[]) => list.flatMap((b) => (b.source ? [b.source] : []));
  switch (slide.layout) {
    case "big-number":
    case "quote":
      return slide.source ? [slide.source] : [];
    case "two-column":
      return [...fromBullets(slide.left.bullets), ...fromBullets(slide.right.bullets)];
    case "table":
    case "chart":
      return [];
    default:
      return fromBullets(slide.bullets);
  }
}

function toColumnSpec(column: z.infer<typeof ColumnInput>): ColumnSpec {
  if (typeof column === "string") return column;
  return { header: column.header, format: column.format, currency: column.currency, width: column.width };
}

/** One line for the activity panel about a finished tool call. */
export function describeToolCall(tool: string, input: unknown, output: unknown): string {
  const i = (input ?? {}) as Record<string, unknown>;
  const o = (output ?? {}) as Record<string, unknown>;
  switch (tool) {
    case "search_context":
      return `search_context "${String(i.query)}": ${Array.isArray(o.results) ? o.results.length : 0} item(s)`;
    case "list_context":
      return `list_context: ${Array.isArray(o.items) ? o.items.length : 0} item(s)`;
    case "todo_write":
      return `todo_write: ${Number(o.completed ?? 0)} of ${Number(o.todos ?? 0)} steps completed`;
    case "create_pptx":
    case "create_pdf":
    case "create_xlsx":
      return `${tool}: ${String(o.filename)} (${String(o.bytes)} bytes)`;
    case "ask_person":
      return `ask_person: "${String(i.question)}"`;
    case "emit_work_output":
      return `emit_work_output: "${String(i.title)}"${Array.isArray(o.unverified_figures) ? `, unverified figures flagged: ${o.unverified_figures.join(", ")}` : ""}`;
    default:
      return tool;
  }
}
