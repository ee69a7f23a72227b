// The seam between the engine (which owns tickets) and the agents (which do the work).
// The engine hands a runner one claimed ticket plus `TicketPorts` bound to that ticket and its lease;
// everything an agent changes about the ticket goes through those ports, so agents never write
// ticket state themselves and the engine knows nothing about LLMs.
import type { Grounding } from "./grounding.js";
import type { AgentType, OutputFormat, Recipe, RecipeModel } from "./recipe.js";
import type { LogKind } from "./events.js";
import type { TodoInput, TodoItem } from "./todos.js";

export interface RunnableTicket {
  id: string;
  projectId: string;
  requestId: string;
  attempt: number;
  recipeSlug: string;
  agentType: AgentType;
}

export interface NewOutput {
  title: string;
  /** Markdown shown in the preview; for file outputs, a summary of the file. */
  body: string;
  outputType: string;
  generationMethod: "skill" | "text";
  /** A file already written to storage by a skill. */
  file?: { key: string; format: OutputFormat; mime: string; bytes: number; filename: string } | undefined;
  /** Context items the output was built from (traceability). */
  sources?: { id: string; title: string }[] | undefined;
  /** The figures check (src/domain/grounding.ts); the runtime computes it for every output. */
  grounding?: Grounding | undefined;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  model?: string | undefined;
  provider?: string | undefined;
  /** This step's cost at the operator's price for the model; undefined when no price is set. */
  costUsd?: number | undefined;
}

/** What a `log` event may say besides its message: the LLM agent's activity, for the track page. */
export interface LogDetail {
  kind?: LogKind | undefined;
  tool?: string | undefined;
  outcome?: "accepted" | "rejected" | "repaired" | undefined;
}

/** A question an agent asked a person (issue 16), as the engine stores it. */
export interface Question {
  /** Names the question within the ticket: a resumed run's `ask` with this key gets the answer. */
  key: string;
  question: string;
  /** JSON Schema (an object schema, the recipe form's subset) the answer is validated against. */
  answerSchema: Record<string, unknown>;
  /** Applied when the question expires; absent: expiry fails the ticket. */
  default?: { value: unknown } | undefined;
  /** Seconds until the question expires; null: never. */
  expiresInS: number | null;
  /** What the agent needs to resume from where it asked (plain JSON). */
  state: unknown;
}

/** A question this ticket asked earlier and someone (or its default) answered. */
export interface AnsweredQuestion {
  key: string;
  answer: unknown;
  state: unknown;
}

export interface TicketPorts {
  /** Full-list replace (TodoWrite). Validates, stamps times, appends a `todos` event. */
  writeTodos(list: TodoInput[]): Promise<TodoItem[]>;
  /** Saves one output of this ticket and appends an `output` event. */
  emitOutput(output: NewOutput): Promise<{ id: string }>;
  log(level: "debug" | "info" | "warn" | "error", message: string, detail?: LogDetail): Promise<void>;
  recordUsage(usage: Usage): Promise<void>;
  /** The ticket's answered questions (a resumed run reads them; a first run gets none). */
  answeredQuestions(): Promise<AnsweredQuestion[]>;
}

/** Why a run's AbortSignal fired: it is the signal's `reason`, so an agent can tell a person's cancel from a timeout. */
export type AbortReason = "cancelled" | "timeout" | "lease lost" | "shutdown";

export interface TicketRun {
  ticket: RunnableTicket;
  recipe: Recipe;
  parameters: Record<string, unknown>;
  /** The model asked for at submit (LLM agent); null to use the recipe's, then the server's. */
  model?: RecipeModel | null | undefined;
  /** Aborted on cancel, timeout, lease loss or shutdown; `signal.reason` says which. */
  signal: AbortSignal;
  ports: TicketPorts;
}

export interface AgentRunner {
  run(run: TicketRun): Promise<void>;
}

/**
 * Thrown (through the runtime's `ask`) when an agent needs an answer it does not have yet: the engine
 * stores the question and the ticket waits, holding no worker, until it is answered (issue 16).
 */
export class AgentWaiting extends Error {
  constructor(readonly question: Question) {
    super(`waiting for an answer to: ${question.question}`);
    this.name = "AgentWaiting";
  }
}

/** Thrown by agents for a failure a person can act on; its message becomes the ticket's error. */
export class AgentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentError";
  }
}
