// The append-only event log's vocabulary. Every view (SSE streams, reconnect replay, history, the
// list page) reads these; there is no second channel with its own truth.
import { z } from "zod";
import { TicketStatus } from "./ticket-status.js";
import { TodoItem } from "./todos.js";

export const EVENT_TYPES = ["status", "todos", "output", "log"] as const;
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

export const LogEventData = z.object({
  level: z.enum(["debug", "info", "warn", "error"]),
  message: z.string(),
});
export type LogEventData = z.infer<typeof LogEventData>;

export type EventDataByType = {
  status: StatusEventData;
  todos: TodosEventData;
  output: OutputEventData;
  log: LogEventData;
};

export const TicketEvent = z.object({
  id: z.number().int(),
  ticket_id: z.string(),
  project_id: z.string(),
  type: EventType,
  data: z.record(z.string(), z.unknown()),
  created_at: z.string(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

/** The NOTIFY channels. Payloads stay tiny (an id), well under PostgreSQL's 8000-byte limit. */
export const CHANNELS = {
  events: "worksmith_events", // payload: event id
  tickets: "worksmith_tickets", // payload: ticket id — a new pending ticket (wakes workers)
  cancel: "worksmith_cancel", // payload: ticket id — cancel requested on a running ticket
} as const;
