// The HTTP contract's shapes, shared by the server (validation + OpenAPI) and the web app (types).
// One source: change a field here and both sides see it.
import { z } from "zod";
import { AgentType, OutputFormat, RecipeStatus, ParametersSchema } from "./recipe.js";
import { TicketStatus } from "./ticket-status.js";
import { TodoItem } from "./todos.js";

export const Uuid = z.string().uuid();

/** PostgreSQL text and jsonb cannot hold U+0000; refuse it at the edge with a field error. */
export const hasNul = (s: string) => s.includes("\u0000");
export const SafeText = z.string().refine((s) => !hasNul(s), "must not contain NUL characters");

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Health = z.object({ status: z.enum(["ok", "degraded"]), database: z.enum(["pglite", "postgres"]), version: z.string() });

export const ProjectCreate = z.object({
  name: SafeText.pipe(z.string().trim().min(1, "name must not be empty").max(200)),
  description: SafeText.pipe(z.string().max(5000)).default(""),
});
export type ProjectCreate = z.infer<typeof ProjectCreate>;

export const ProjectView = z.object({
  id: Uuid,
  name: z.string(),
  description: z.string(),
  created_at: z.string(),
  ticket_count: z.number().int(),
  context_count: z.number().int(),
});
export type ProjectView = z.infer<typeof ProjectView>;

export const RecipeView = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  icon: z.string(),
  agent_type: AgentType,
  output_format: OutputFormat,
  extra_formats: z.array(OutputFormat),
  status: RecipeStatus,
  timeout_s: z.number().int(),
  max_attempts: z.number().int(),
  version: z.number().int(),
  configurable_parameters: ParametersSchema,
});
export type RecipeView = z.infer<typeof RecipeView>;

export const ExecuteRequest = z.object({
  project_id: Uuid,
  recipe_slug: SafeText.pipe(z.string().min(1).max(100)),
  parameters: z.record(z.string(), z.unknown()).default({}),
  async: z.boolean().default(true),
});
export type ExecuteRequest = z.infer<typeof ExecuteRequest>;

export const TicketMetadata = z.object({
  recipe_id: z.string(),
  recipe_parameters: z.record(z.string(), z.unknown()),
  execution_time_ms: z.number().nullable(),
  output_count: z.number().int(),
  final_todos: z.array(TodoItem).nullable(),
  error_message: z.string().nullable(),
});
export type TicketMetadata = z.infer<typeof TicketMetadata>;

export const OutputView = z.object({
  id: Uuid,
  work_ticket_id: Uuid,
  title: z.string(),
  body: z.string(),
  file_format: OutputFormat.nullable(),
  mime: z.string().nullable(),
  bytes: z.number().int().nullable(),
  filename: z.string().nullable(),
  generation_method: z.enum(["skill", "text"]),
  agent_type: AgentType,
  output_type: z.string(),
  sources: z.array(z.object({ id: z.string(), title: z.string() })),
  created_at: z.string(),
  /** Signed, expiring link; present only when the output has a file. */
  download_url: z.string().nullable().optional(),
  download_expires_at: z.string().nullable().optional(),
});
export type OutputView = z.infer<typeof OutputView>;

export const TicketView = z.object({
  id: Uuid,
  work_request_id: Uuid,
  project_id: Uuid,
  recipe_slug: z.string(),
  recipe_name: z.string(),
  agent_type: AgentType,
  output_format: OutputFormat,
  status: TicketStatus,
  attempt: z.number().int(),
  max_attempts: z.number().int(),
  retry_of: Uuid.nullable(),
  cancel_requested_at: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  todos: z.array(TodoItem),
  metadata: TicketMetadata,
  /** Id of the latest event of this ticket: resume its stream from here. */
  last_event_id: z.number().int().nullable(),
  outputs: z.array(OutputView).optional(),
});
export type TicketView = z.infer<typeof TicketView>;

export const ExecuteAccepted = z.object({
  work_ticket_id: Uuid,
  work_request_id: Uuid,
  status: TicketStatus,
  links: z.object({ self: z.string(), stream: z.string(), outputs: z.string(), track: z.string() }),
});
export type ExecuteAccepted = z.infer<typeof ExecuteAccepted>;

export const TicketListQuery = z.object({
  project_id: Uuid.optional(),
  status: TicketStatus.optional(),
  agent_type: AgentType.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const TicketList = z.object({ items: z.array(TicketView), next_cursor: z.string().nullable() });
export type TicketList = z.infer<typeof TicketList>;

export const ContextNoteCreate = z.object({
  title: SafeText.pipe(z.string().trim().min(1, "title must not be empty").max(300)),
  body: SafeText.pipe(z.string().trim().min(1, "body must not be empty").max(2_000_000)),
});
export const ContextItemView = z.object({
  id: Uuid,
  project_id: Uuid,
  title: z.string(),
  kind: z.enum(["note", "file"]),
  filename: z.string().nullable(),
  mime: z.string().nullable(),
  bytes: z.number().int(),
  created_at: z.string(),
});
export type ContextItemView = z.infer<typeof ContextItemView>;
