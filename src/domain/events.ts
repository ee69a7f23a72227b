// The append-only event log's vocabulary. Every view (SSE streams, reconnect replay, history, the
// list page) reads these; there is no second channel with its own truth.
import { z } from "zod";
import { TicketStatus } from "./ticket-status.js";
import { TodoItem } from "./todos.js";

export const EVENT_TYPES = ["status", "todos", "output", "log", "answer"] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

export const StatusEventData = z.object({
  status: TicketStatus,
  previous: TicketStatus.nullable(),
  attempt: z.number().int(),
  reason: z.string().nullable().optional(),
  error_message: z.string().nullable().optional(),
  recipe_slug: z.string().optional(),
  agent_type: z.string().optional(),
});
export type StatusEventData = z.infer<typeof StatusEventData>;

export const TodosEventData = z.object({ todos: z.array(TodoItem) });
export type TodosEventData = z.infer<typeof TodosEventData>;

export const OutputEventData = z.object({
  output_id: z.string(),
  title: z.string(),
  file_format: z.string().nullable(),
  output_type: z.string(),
});
export type OutputEventData = z.infer<typeof OutputEventData>;

/**
 * What a log line is about, for the track page's activity panel: the model's own words
 * (`model_text`, coalesced), a tool call and its outcome, a retry of a provider call, a repair turn
 * the agent was given, a limit that stopped the run. Plain lines have no kind.
 */
export const LOG_KINDS = ["model_text", "tool_call", "retry", "repair", "limit", "usage"] as const;
export const LogKind = z.enum(LOG_KINDS);
export type LogKind = z.infer<typeof LogKind>;

export const LogEventData = z.object({
  level: z.enum(["debug", "info", "warn", "error"]),
  message: z.string(),
  kind: LogKind.optional(),
  /** The tool a `tool_call` line is about. */
  tool: z.string().optional(),
  /** How the tool call went: accepted, rejected (the model was told why), repaired. */
  outcome: z.enum(["accepted", "rejected", "repaired"]).optional(),
});
export type LogEventData = z.infer<typeof LogEventData>;

/**
 * A question of a waiting ticket was answered (issue 16): by a person (`answered_by` is their user
 * id) or, when it expired, with the question's default (`source: "default"`, `answered_by` null).
 */
export const AnswerEventData = z.object({
  question_id: z.string(),
  key: z.string(),
  question: z.string(),
  answer: z.unknown(),
  answered_by: z.string().nullable(),
  source: z.enum(["person", "default"]),
});
export type AnswerEventData = z.infer<typeof AnswerEventData>;

export type EventDataByType = {
  status: StatusEventData;
  todos: TodosEventData;
  output: OutputEventData;
  log: LogEventData;
  answer: AnswerEventData;
};

const eventFields = {
  id: z.number().int(),
  ticket_id: z.string(),
  project_id: z.string(),
  created_at: z.string(),
};

/**
 * One event of the log, keyed by `type`: narrowing on `type` types `data`. Shared by the server
 * (src/events), the web app and the CLI, which parse what they receive with it instead of casting.
 */
export const TicketEvent = z.discriminatedUnion("type", [
  z.object({ ...eventFields, type: z.literal("status"), data: StatusEventData }),
  z.object({ ...eventFields, type: z.literal("todos"), data: TodosEventData }),
  z.object({ ...eventFields, type: z.literal("output"), data: OutputEventData }),
  z.object({ ...eventFields, type: z.literal("log"), data: LogEventData }),
  z.object({ ...eventFields, type: z.literal("answer"), data: AnswerEventData }),
]);
export type TicketEvent = z.infer<typeof TicketEvent>;
export type TicketEventOf<T extends EventType> = Extract<TicketEvent, { type: T }>;

/** Each type's data schema, for writers that check a payload by its type. */
export const EVENT_DATA: { [T in EventType]: z.ZodType<EventDataByType[T]> } = {
  status: StatusEventData,
  todos: TodosEventData,
  output: OutputEventData,
  log: LogEventData,
  answer: AnswerEventData,
};

/** The NOTIFY channels. Payloads stay tiny (an id), well under PostgreSQL's 8000-byte limit. */
export const CHANNELS = {
  events: "worksmith_events", // payload: event id
  tickets: "worksmith_tickets", // payload: ticket id — a new pending ticket or an answered waiting one (wakes workers)
  cancel: "worksmith_cancel", // payload: ticket id — cancel requested on a running ticket
} as const;
