// What an agent provider sees: the ticket, its recipe and parameters, the AbortSignal, and tools
// (DESIGN.md §6). Built per ticket by the runtime from the engine's TicketPorts plus context search,
// skills and storage. Providers (builtin, llm) implement `AgentProvider` and nothing else.
import type { NewOutput, RunnableTicket, Usage } from "../domain/agent-runner.js";
import type { OutputFormat, Recipe } from "../domain/recipe.js";
import type { TodoInput, TodoItem } from "../domain/todos.js";

export interface ContextHit {
  id: string;
  title: string;
  /** The whole text of the item (notes and extracted file text). */
  body: string;
  /** A short highlighted excerpt around the match. */
  snippet: string;
  rank: number;
}

export interface StoredFile {
  key: string;
  format: OutputFormat;
  mime: string;
  bytes: number;
  filename: string;
}

export interface SourceRef {
  id: string;
  title: string;
}

/** A slide deck. Every bullet may name the context item it came from. */
export interface DeckSpec {
  filename: string;
  title: string;
  subtitle?: string | undefined;
  slides: { title: string; bullets: { text: string; source?: SourceRef | undefined }[]; notes?: string | undefined }[];
  sources: SourceRef[];
}

/** A PDF document written from markdown (headings, paragraphs, lists, tables). */
export interface DocumentSpec {
  filename: string;
  title: string;
  markdown: string;
}

export interface WorkbookSpec {
  filename: string;
  sheets: { name: string; columns: string[]; rows: (string | number | null)[][] }[];
}

export interface MarkdownSpec {
  filename: string;
  markdown: string;
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
  outputs: { emit(output: NewOutput): Promise<{ id: string }> };
  log(level: "debug" | "info" | "warn" | "error", message: string): Promise<void>;
  usage: { record(usage: Usage): Promise<void> };
}

export interface AgentContext extends AgentTools {
  ticket: RunnableTicket;
  recipe: Recipe;
  parameters: Record<string, unknown>;
  signal: AbortSignal;
}

export interface AgentProvider {
  readonly name: string;
  run(ctx: AgentContext): Promise<void>;
}
