// The tools the model may call, each a thin adapter onto the AgentContext (DESIGN.md §6): the model
// gets the same todo list, context search, skills and output emission as the builtin engine.
// A mistake by the model (bad todo list, unknown file) goes back to it as the tool result so it can
// correct itself; an infrastructure failure stops the run (see RunState.fatal).
import { tool, type ToolSet } from "ai";
import { z } from "zod";
import { AgentError } from "../../domain/agent-runner.js";
import { DomainError } from "../../domain/errors.js";
import { TodoListInput, TodoStatus } from "../../domain/todos.js";
import type { AgentContext, SourceRef, StoredFile } from "../context.js";

/** What one run remembers between tool calls. */
export interface RunState {
  /** Every context item search_context returned, by id: the candidate sources of outputs. */
  seen: Map<string, SourceRef>;
  /**
   * Files the skills stored during this run, by the short handle the model sees ("file_1") and by
   * storage key: the only ones an output may attach. Small local models mangle long uuid keys.
   */
  files: Map<string, StoredFile>;
  outputs: number;
  /** File handles handed out so far (reserved when a create_* call starts). */
  fileCount: number;
  /** Set when a tool failed for a reason the model cannot fix; the run stops and fails with it. */
  fatal: Error | undefined;
}

export function createRunState(): RunState {
  return { seen: new Map(), files: new Map(), outputs: 0, fileCount: 0, fatal: undefined };
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

const DeckInput = z.object({
  filename: Filename,
  title: z.string().min(1),
  subtitle: z.string().optional(),
  slides: z
    .array(
      z.object({
        title: z.string().min(1),
        bullets: z.array(z.object({ text: z.string().min(1), source_id: SourceId.optional() })).max(12),
        notes: z.string().optional(),
      }),
    )
    .min(1)
    .max(40),
});

const DocumentInput = z.object({
  filename: Filename,
  title: z.string().min(1),
  markdown: z.string().min(1).describe("The document in Markdown: headings, paragraphs, lists, tables"),
});

const WorkbookInput = z.object({
  filename: Filename,
  sheets: z
    .array(
      z.object({
        name: z.string().min(1).max(31),
        columns: z.array(z.string()).min(1),
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

export function createAgentToolSet(ctx: AgentContext, state: RunState): ToolSet {
  /** Runs a tool body; a mistake the model can fix becomes `{ error }`, anything else stops the run. */
  async function guarded<T>(name: string, body: () => Promise<T>): Promise<T | { error: string }> {
    try {
      return await body();
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (error instanceof DomainError || error instanceof AgentError || error instanceof z.ZodError) {
        await ctx.log("warn", `Tool ${name} rejected the model's input: ${error.message}`);
        return { error: error.message };
      }
      state.fatal ??= error instanceof Error ? error : new Error(String(error));
      throw error;
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

  return {
    todo_write: tool({
      description:
        "Plan and track your work. Send the WHOLE todo list every time (it replaces the previous one). " +
        "Exactly one item in_progress while you work on it; mark items completed as soon as they are done.",
      inputSchema: TodoWriteInput,
      execute: (input) =>
        guarded("todo_write", async () => {
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
      inputSchema: SearchInput,
      execute: (input) =>
        guarded("search_context", async () => {
          const hits = await ctx.context.search(input.query, input.limit ?? 5);
          for (const hit of hits) state.seen.set(hit.id, { id: hit.id, title: hit.title });
          await ctx.log("info", `Searched context for "${input.query}": ${hits.length} item(s)`);
          return {
            results: hits.map((h) => ({
              id: h.id,
              title: h.title,
              text: clip(h.body, HIT_BODY_CHARS),
            })),
          };
        }),
    }),

    list_context: tool({
      description:
        "List the project's context items, newest first, with their text (shortened). Use it when search_context finds " +
        "nothing or to see what the project holds.",
      inputSchema: ListInput,
      execute: (input) =>
        guarded("list_context", async () => {
          const items = await ctx.context.all(input.limit ?? 20);
          for (const item of items) state.seen.set(item.id, { id: item.id, title: item.title });
          return { items: items.map((h) => ({ id: h.id, title: h.title, text: clip(h.body, LIST_BODY_CHARS) })) };
        }),
    }),

    create_pptx: tool({
      description: "Build a PowerPoint deck and store it. Returns a file_key to attach with emit_work_output.",
      inputSchema: DeckInput,
      execute: (input) =>
        guarded("create_pptx", async () => {
          const slides = input.slides.map((s) => ({
            title: s.title,
            notes: s.notes,
            bullets: s.bullets.map((b) => ({ text: b.text, source: b.source_id ? state.seen.get(b.source_id) : undefined })),
          }));
          const cited = new Map<string, SourceRef>();
          for (const b of slides.flatMap((s) => s.bullets)) if (b.source) cited.set(b.source.id, b.source);
          const sources = cited.size > 0 ? [...cited.values()] : [...state.seen.values()];
          return storeFile(() =>
            ctx.skills.pptx({ filename: baseName(input.filename), title: input.title, subtitle: input.subtitle, slides, sources }),
          );
        }),
    }),

    create_pdf: tool({
      description: "Write a PDF document from Markdown and store it. Returns a file_key to attach with emit_work_output.",
      inputSchema: DocumentInput,
      execute: (input) => guarded("create_pdf", () => storeFile(() => ctx.skills.pdf({ ...input, filename: baseName(input.filename) }))),
    }),

    create_xlsx: tool({
      description: "Build an Excel workbook (one table per sheet) and store it. Returns a file_key to attach with emit_work_output.",
      inputSchema: WorkbookInput,
      execute: (input) => guarded("create_xlsx", () => storeFile(() => ctx.skills.xlsx({ ...input, filename: baseName(input.filename) }))),
    }),

    emit_work_output: tool({
      description:
        "Save one result of this work for the user. Call it once per deliverable; attach a file with file_key. " +
        "Nothing reaches the user unless it is emitted.",
      inputSchema: EmitInput,
      execute: (input) =>
        guarded("emit_work_output", async () => {
          const file = input.file_key === undefined ? undefined : state.files.get(input.file_key);
          if (input.file_key !== undefined && file === undefined) {
            return {
              error: `Unknown file_key "${input.file_key}": use a file_key returned by create_pptx, create_pdf or create_xlsx in this run.`,
            };
          }
          const { id } = await ctx.outputs.emit({
            title: input.title,
            body: input.body,
            outputType: input.output_type,
            generationMethod: file ? "skill" : "text",
            file,
            sources: sourcesFor(input.source_ids),
          });
          state.outputs++;
          return { ok: true, output_id: id };
        }),
    }),
  };
}
