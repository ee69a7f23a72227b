// An AgentContext whose tools record every call, for driving the LLM provider without a database.
// Todo lists are validated with the domain schema, as the runtime does.
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { TodoListInput, ValidationError, stampTodos, type TodoItem } from "../../src/domain/index.js";
import { AgentWaiting, type NewOutput, type Usage } from "../../src/domain/agent-runner.js";
import type { Recipe } from "../../src/domain/recipe.js";
import type { AgentContext, ContextHit, DeckSpec, DocumentSpec, StoredFile, WorkbookSpec } from "../../src/agents/context.js";

export interface Recorded {
  todos: TodoItem[][];
  searches: string[];
  decks: DeckSpec[];
  documents: DocumentSpec[];
  workbooks: WorkbookSpec[];
  outputs: NewOutput[];
  usage: Usage[];
  logs: {
    level: string;
    message: string;
    kind?: string | undefined;
    tool?: string | undefined;
    outcome?: string | undefined;
    at: number;
  }[];
}

export const TEST_RECIPE: Recipe = {
  slug: "executive-summary",
  name: "Executive summary deck",
  description: "A short deck for leadership.",
  icon: "presentation",
  agent_type: "reporting",
  output_format: "pptx",
  extra_formats: [],
  status: "active",
  timeout_s: 300,
  max_attempts: 3,
  version: 1,
  provider: "llm",
  instructions: "Summarise the project's progress on the topic for executives.",
  model: null,
  max_steps: null,
  output_contract: { sections: [] },
  parameters: {
    type: "object",
    required: ["topic"],
    properties: {
      topic: { type: "string", title: "Topic" },
      audience: { type: "string", title: "Audience", enum: ["executives", "team"] },
    },
  },
};

/** The same recipe producing Markdown only: a text answer may stand for its output. */
export const MARKDOWN_RECIPE: Recipe = { ...TEST_RECIPE, slug: "brief", name: "Research brief", output_format: "markdown" };

/** `skills` replaces the recording skills (e.g. the real ones over a temp-dir file store). */
export function createRecordingContext(
  hits: ContextHit[],
  signal: AbortSignal = new AbortController().signal,
  options: { ticketId?: string; skills?: AgentContext["skills"]; recipe?: Recipe; model?: AgentContext["model"] } = {},
) {
  const rec: Recorded = { todos: [], searches: [], decks: [], documents: [], workbooks: [], outputs: [], usage: [], logs: [] };
  let previous: TodoItem[] = [];
  let fileCounter = 0;
  const store = (filename: string, format: StoredFile["format"], mime: string, spec?: unknown): StoredFile => ({
    key: `files/${++fileCounter}-${filename}`,
    format,
    mime,
    bytes: 1234,
    text: fileText(spec),
    filename,
  });

  const ctx: AgentContext = {
    model: options.model ?? null,
    ticket: {
      id: options.ticketId ?? "t1",
      projectId: "p1",
      requestId: "r1",
      attempt: 1,
      recipeSlug: TEST_RECIPE.slug,
      agentType: "reporting",
    },
    recipe: options.recipe ?? TEST_RECIPE,
    parameters: { topic: "Q3 revenue", audience: "executives" },
    signal,
    // No question is ever answered here: an agent that asks waits (the runtime's contract).
    ask: (input) =>
      Promise.reject(
        new AgentWaiting({
          key: input.key ?? "ask-1",
          question: input.question,
          answerSchema: input.answer_schema,
          expiresInS: null,
          state: input.state ?? null,
        }),
      ),
    resumed: () => Promise.resolve(null),
    todos: {
      async write(list) {
        const parsed = TodoListInput.safeParse(list);
        if (!parsed.success)
          throw new ValidationError(
            "invalid todo list",
            parsed.error.issues.map((i) => ({ field: i.path.join("/"), message: i.message })),
          );
        previous = stampTodos(previous, parsed.data, new Date());
        rec.todos.push(previous);
        return previous;
      },
    },
    context: {
      async search(query, limit = 5) {
        rec.searches.push(query);
        return hits.slice(0, limit);
      },
      async all(limit = 50) {
        return hits.slice(0, limit);
      },
    },
    skills: {
      async pptx(spec) {
        rec.decks.push(spec);
        return store(spec.filename, "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", spec);
      },
      async pdf(spec) {
        rec.documents.push(spec);
        return store(spec.filename, "pdf", "application/pdf", spec);
      },
      async xlsx(spec) {
        rec.workbooks.push(spec);
        return store(spec.filename, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", spec);
      },
      async markdown(spec) {
        return store(spec.filename, "markdown", "text/markdown");
      },
    },
    ...(options.skills ? { skills: options.skills } : {}),
    outputs: {
      async emit(output) {
        rec.outputs.push(output);
        return { id: `out-${rec.outputs.length}` };
      },
    },
    async log(level, message, detail) {
      rec.logs.push({ level, message, kind: detail?.kind, tool: detail?.tool, outcome: detail?.outcome, at: performance.now() });
    },
    usage: {
      async record(usage) {
        rec.usage.push(usage);
      },
    },
  };
  return { ctx, rec };
}

/** A hit as the runtime builds it: the item's clean text and its analysis. */
export function hit(id: string, title: string, body: string, extra: Partial<ContextHit> = {}): ContextHit {
  return {
    id,
    title,
    body,
    snippet: body.slice(0, 40),
    rank: 0.5,
    analysis: analyseContextItem({ title, body }),
    internal: false,
    ...extra,
  };
}

export const HITS: ContextHit[] = [
  hit("ctx-1", "Q3 board update", "Revenue grew 12% to $4.2M in Q3 2024.", { snippet: "Revenue grew 12%", rank: 0.9 }),
  hit("ctx-2", "Hiring plan", "We hired 7 engineers in September.", { snippet: "hired 7 engineers", rank: 0.4 }),
];

/** A stand-in for a skill's visible text: every string of the spec but its file name (what grounding reads). */
function fileText(spec: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown, key = ""): void => {
    if (typeof v === "string") {
      if (key !== "filename") out.push(v);
    } else if (typeof v === "number") out.push(String(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (k !== "sources" && k !== "source") walk(x, k);
  };
  walk(spec);
  return out.join("\n");
}
