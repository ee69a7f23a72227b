// What an agent provider sees: the ticket, its recipe and parameters, the AbortSignal, and tools
// (DESIGN.md §6). Built per ticket by the runtime from the engine's TicketPorts plus context search,
// skills and storage. Providers (builtin, llm) implement `AgentProvider` and nothing else.
import type { LogDetail, NewOutput, RunnableTicket, Usage } from "../domain/agent-runner.js";
import type { ContextAnalysis } from "../domain/context-analysis.js";
import type { OutputFormat, Recipe, RecipeModel } from "../domain/recipe.js";
import type { TodoInput, TodoItem } from "../domain/todos.js";

export interface ContextHit {
  id: string;
  title: string;
  /** The whole text of the item (notes and extracted file text). */
  body: string;
  /** A short highlighted excerpt around the match. */
  snippet: string;
  rank: number;
  /** Clean text, structure and facts (analysed at ingest; re-analysed when stale). */
  analysis: ContextAnalysis;
  /** Marked internal: never used in content for customers or the public. */
  internal: boolean;
}

export interface StoredFile {
  key: string;
  format: OutputFormat;
  mime: string;
  bytes: number;
  filename: string;
  /** The visible text written into the file, in reading order (for the grounding check). */
  text: string;
}

export interface SourceRef {
  id: string;
  title: string;
}

export interface Bullet {
  text: string;
  source?: SourceRef | undefined;
}

/** A native PowerPoint chart: one or more series over the same category labels. */
export interface ChartSpec {
  type: "bar" | "column" | "line";
  /** Category labels (x axis for column/line, y axis for bar). */
  labels: string[];
  series: { name: string; values: number[] }[];
  /** How values are shown on the chart: "0", "0.0", "0%", "$#,##0" … (Excel number format). */
  valueFormat?: string | undefined;
}

interface SlideBase {
  /** A headline: a phrase that says the point, not a label ("Revenue up 18% on the Trailhead line"). */
  title: string;
  /** Speaker notes. */
  notes?: string | undefined;
  /** Shown small at the foot of the slide ("Source: q3-board-update.md [1]"). */
  footnote?: string | undefined;
}

/**
 * One slide. Layouts a designer would use; the skill fits text to its box (shrinking within limits,
 * then cutting at a word with an ellipsis), so nothing overflows.
 */
export type SlideSpec =
  | (SlideBase & { layout?: "bullets" | undefined; bullets: Bullet[] })
  | (SlideBase & {
      layout: "table";
      columns: string[];
      rows: string[][];
      /** A line or two under the table, said in full (an options table's stated recommendation). */
      caption?: string | undefined;
      bullets?: undefined;
    })
  | (SlideBase & { layout: "chart"; chart: ChartSpec; caption?: string | undefined; bullets?: undefined })
  | (SlideBase & {
      layout: "big-number";
      /** Verbatim figure ("$4.2 million"). */
      value: string;
      /** What it measures ("Q3 revenue"). */
      label: string;
      /** One line of context ("up 18% year over year"). */
      detail?: string | undefined;
      /** Up to three smaller figures beside it. */
      others?: { value: string; label: string }[] | undefined;
      source?: SourceRef | undefined;
      bullets?: undefined;
    })
  | (SlideBase & {
      layout: "two-column";
      left: { heading: string; bullets: Bullet[] };
      right: { heading: string; bullets: Bullet[] };
      bullets?: undefined;
    })
  | (SlideBase & { layout: "quote"; quote: string; attribution?: string | undefined; source?: SourceRef | undefined; bullets?: undefined });

/** A slide deck. Every bullet may name the context item it came from. */
export interface DeckSpec {
  filename: string;
  title: string;
  subtitle?: string | undefined;
  /** One line under the title on the title slide: the deck's takeaway. */
  takeaway?: string | undefined;
  slides: SlideSpec[];
  sources: SourceRef[];
}

/**
 * A PDF document written from markdown: headings, paragraphs, lists, GFM tables, and call-outs as
 * GitHub alerts (`> [!NOTE]`, `> [!IMPORTANT]`, `> [!WARNING]`, `> [!TIP]`).
 */
export interface DocumentSpec {
  filename: string;
  title: string;
  markdown: string;
}

/** A column of a sheet: a header alone, or with its number format and width. */
export type ColumnSpec =
  | string
  | {
      header: string;
      /** How numbers in the column are shown; text columns wrap. */
      format?: "text" | "integer" | "decimal" | "percent" | "currency" | "date" | undefined;
      /** Currency symbol for "currency" (default "$"). */
      currency?: string | undefined;
      /** Width in characters; sized from the content when absent. */
      width?: number | undefined;
    };

export interface WorkbookSpec {
  filename: string;
  sheets: { name: string; columns: ColumnSpec[]; rows: (string | number | null)[][] }[];
}

export interface MarkdownSpec {
  filename: string;
  markdown: string;
}

/** A question for a person (issue 16): the ticket waits, holding no worker, until it is answered. */
export interface AskInput {
  /** Names the question within the ticket; default "ask-1", "ask-2" … by call order in the run. */
  key?: string | undefined;
  question: string;
  /** An object JSON Schema (the recipe form's subset): the answer form is drawn from it and the answer checked against it. */
  answer_schema: Record<string, unknown>;
  /** Applied when the question expires unanswered; without one, expiry fails the ticket. */
  default?: Record<string, unknown> | undefined;
  /** Seconds until the question expires; default: never. */
  expires_in?: number | undefined;
  /** What the agent needs to resume from where it asked (plain JSON); `resumed(key)` returns it. */
  state?: unknown;
}

/** An answered question of this ticket, with the state the agent stored when it asked. */
export interface Resumed {
  answer: Record<string, unknown>;
  state: unknown;
}

export interface AgentTools {
  todos: { write(list: TodoInput[]): Promise<TodoItem[]> };
  context: {
    /** Full-text search over this project's context items, best first. */
    search(query: string, limit?: number): Promise<ContextHit[]>;
    /** Every item of the project (newest first), for agents that read all of it. */
    all(limit?: number): Promise<ContextHit[]>;
  };
  skills: {
    pptx(spec: DeckSpec): Promise<StoredFile>;
    pdf(spec: DocumentSpec): Promise<StoredFile>;
    xlsx(spec: WorkbookSpec): Promise<StoredFile>;
    markdown(spec: MarkdownSpec): Promise<StoredFile>;
  };
  outputs: {
    /**
     * Saves an output. Its grounding (figures checked against the sources it cites) is computed
     * here from the body, the title and `fileText` (the attached file's visible text, from the
     * skill's StoredFile.text) unless the agent already computed it.
     */
    emit(output: NewOutput, fileText?: string): Promise<{ id: string }>;
  };
  log(level: "debug" | "info" | "warn" | "error", message: string, detail?: LogDetail): Promise<void>;
  usage: { record(usage: Usage): Promise<void> };
  /**
   * Asks a person. The first time, the question is stored and the run ends with the ticket
   * `waiting` (this call throws AgentWaiting: let it propagate). Once answered the ticket runs
   * again and the same call (same key) returns the answer, validated against `answer_schema`.
   */
  ask(input: AskInput): Promise<Record<string, unknown>>;
  /** The answer and stored state of question `key` when this run resumes after it; null otherwise. */
  resumed(key: string): Promise<Resumed | null>;
}

export interface AgentContext extends AgentTools {
  ticket: RunnableTicket;
  recipe: Recipe;
  parameters: Record<string, unknown>;
  /** A model chosen at submit; the LLM agent prefers it over the recipe's and the server's. */
  model: RecipeModel | null;
  signal: AbortSignal;
}

export interface AgentProvider {
  readonly name: string;
  run(ctx: AgentContext): Promise<void>;
}
