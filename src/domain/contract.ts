// The HTTP contract's shapes, shared by the server (validation + OpenAPI) and the web app (types).
// One source: change a field here and both sides see it.
import { z } from "zod";
import { ContextFlag } from "./context-analysis.js";
import { Grounding } from "./grounding.js";
import { AgentType, OutputFormat, RecipeModel, RecipeStatus, ParametersSchema } from "./recipe.js";
import { TicketPriority } from "./priority.js";
import { TicketStatus } from "./ticket-status.js";
import { parseTimeBound, TIME_BOUND_HINT } from "./time-range.js";
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
  /** The caller's role in this project: what the UI offers (viewers cannot submit, cancel or retry). */
  role: z.enum(["owner", "member", "viewer"]),
  /** The project's own limit on running tickets across every worker (issue 19); null: the server's default. */
  max_running: z.number().int().nullable(),
});
export type ProjectView = z.infer<typeof ProjectView>;

/** PUT /api/projects/:id/limits: a whole number of running tickets, or null to follow the server's default. */
const MAX_RUNNING_RULE = "a whole number from 1 to 100000, or null";
export const ProjectLimitsUpdate = z.strictObject({
  max_running: z
    .number({ error: MAX_RUNNING_RULE })
    .int(MAX_RUNNING_RULE)
    .min(1, MAX_RUNNING_RULE)
    .max(100_000, MAX_RUNNING_RULE)
    .nullable(),
});
export type ProjectLimitsUpdate = z.infer<typeof ProjectLimitsUpdate>;

/** A project's limits as the claim applies them. */
export const ProjectLimits = z.object({
  project_id: Uuid,
  /** The project's own limit; null: it follows the server's default. */
  max_running: z.number().int().nullable(),
  /** The server's default (WORKSMITH_PROJECT_MAX_RUNNING); null: no limit. */
  default_max_running: z.number().int().nullable(),
  /** What the claim applies: the project's own limit, else the default; null: no limit. */
  effective_max_running: z.number().int().nullable(),
});
export type ProjectLimits = z.infer<typeof ProjectLimits>;

/** What a project's tickets have spent on models, summed over every ticket that recorded usage. */
export const ProjectUsageTotals = z.object({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  /** Sum of the known costs; null when no ticket of the project has a cost (no price configured). */
  cost_usd: z.number().nullable(),
  /** Tickets that recorded model usage (builtin tickets record none). */
  tickets: z.number().int(),
});
export type ProjectUsageTotals = z.infer<typeof ProjectUsageTotals>;

/** GET /api/projects/:id: the project with what its tickets have spent. */
export const ProjectDetail = ProjectView.extend({ usage_totals: ProjectUsageTotals });
export type ProjectDetail = z.infer<typeof ProjectDetail>;

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
  /** Built in (from the server's recipes/ folder): read-only. */
  system: z.boolean(),
  /** A project's own recipe (only that project sees it); null: every project's. */
  project_id: z.string().nullable(),
});
export type RecipeView = z.infer<typeof RecipeView>;

export const ExecuteRequest = z.object({
  project_id: Uuid,
  recipe_slug: SafeText.pipe(z.string().min(1).max(100)),
  parameters: z.record(z.string(), z.unknown()).default({}),
  async: z.boolean().default(true),
  /** Run this ticket on this model (LLM agent), over the recipe's and the server's default. */
  model: RecipeModel.optional(),
  /** Its place within the project's queue: high before normal before low, oldest first among equals. */
  priority: TicketPriority.optional(),
});
export type ExecuteRequest = z.infer<typeof ExecuteRequest>;

export const TicketMetadata = z.object({
  recipe_id: z.string(),
  recipe_parameters: z.record(z.string(), z.unknown()),
  execution_time_ms: z.number().nullable(),
  output_count: z.number().int(),
  final_todos: z.array(TodoItem).nullable(),
  error_message: z.string().nullable(),
  /** The recipe version the ticket runs on (immutable; absent on tickets from before versions). */
  recipe_version: z.number().int().optional(),
  /** A model chosen at submit for this ticket (LLM agent), over the recipe's and the server's. */
  model: RecipeModel.nullable().optional(),
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
  /** The figures check against the output's cited sources; null for outputs stored before it existed. */
  grounding: Grounding.nullable(),
});
export type OutputView = z.infer<typeof OutputView>;

/** What a ticket's model calls cost: tokens, the model and provider that ran, and the price if known. */
export const TicketUsage = z.object({
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  model: z.string().nullable(),
  provider: z.string().nullable(),
  /** At the operator's prices when the ticket ran; null when no price is configured for the model. */
  cost_usd: z.number().nullable(),
});
export type TicketUsage = z.infer<typeof TicketUsage>;

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
  /** Its place within the project's queue (issue 19); "normal" unless it was submitted otherwise. */
  priority: TicketPriority.optional(),
  cancel_requested_at: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  todos: z.array(TodoItem),
  metadata: TicketMetadata,
  /** Id of the latest event of this ticket: resume its stream from here. */
  last_event_id: z.number().int().nullable(),
  /** Null when the ticket made no model calls (the builtin agent). */
  usage: TicketUsage.nullable(),
  outputs: z.array(OutputView).optional(),
  /**
   * What this ticket is about, to tell tickets of one recipe apart: the parameter the recipe marks
   * `"x-title": true`, else its first required text parameter (at most 300 characters); null when
   * the recipe has none. Always present in list and get answers.
   */
  topic: z.string().nullable().optional(),
  /** Who started the ticket: the account's name (its email when it has none); null when unknown. */
  submitted_by: z.string().nullable().optional(),
});
export type TicketView = z.infer<typeof TicketView>;

export const ExecuteAccepted = z.object({
  work_ticket_id: Uuid,
  work_request_id: Uuid,
  status: TicketStatus,
  links: z.object({ self: z.string(), stream: z.string(), outputs: z.string(), track: z.string() }),
});
export type ExecuteAccepted = z.infer<typeof ExecuteAccepted>;

/** A list's time bound as sent: an ISO 8601 date or date-time, or a duration back from now ("7d"). */
const TimeBound = z
  .string()
  .max(40)
  .refine((v) => parseTimeBound(v, new Date()) !== null, `must be ${TIME_BOUND_HINT}`)
  .meta({ description: TIME_BOUND_HINT });

export const TicketListQuery = z.object({
  project_id: Uuid.optional(),
  status: TicketStatus.optional(),
  agent_type: AgentType.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Full-text search over the topic and the outputs' titles; every word must match (as a prefix). */
  q: SafeText.pipe(z.string().max(500)).optional().meta({
    description: "Search topics and output titles: every word must match as a prefix (English stemming), or the topic contains the text",
  }),
  /** Tickets created at or after this instant. */
  since: TimeBound.optional().meta({ description: `Created at or after: ${TIME_BOUND_HINT}` }),
  /** Tickets created before this instant. */
  until: TimeBound.optional().meta({ description: `Created before: ${TIME_BOUND_HINT}` }),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const TicketList = z.object({ items: z.array(TicketView), next_cursor: z.string().nullable() });
export type TicketList = z.infer<typeof TicketList>;

export const ContextNoteCreate = z.object({
  title: SafeText.pipe(z.string().trim().min(1, "title must not be empty").max(300)),
  body: SafeText.pipe(z.string().trim().min(1, "body must not be empty").max(2_000_000)),
  /**
   * Internal context is never used in content written for customers or the public. Omitted, a chat
   * export or meeting transcript is internal and anything else is not (src/domain/audience.ts).
   */
  internal: z.boolean().optional(),
});
export type ContextNoteCreate = z.infer<typeof ContextNoteCreate>;

/**
 * A change to an item: its internal flag, and for notes its title and text (re-analysed on save).
 * Uploaded files keep the text extracted from them.
 */
export const ContextItemUpdate = z
  .object({
    internal: z.boolean().optional(),
    title: ContextNoteCreate.shape.title.optional(),
    body: ContextNoteCreate.shape.body.optional(),
  })
  .refine((u) => u.internal !== undefined || u.title !== undefined || u.body !== undefined, "send internal, title or body");
export type ContextItemUpdate = z.infer<typeof ContextItemUpdate>;

/** Something the ingest cleaner took out of an item, as the context list shows it. */
export const ContextFlagView = z.object({
  kind: ContextFlag.shape.kind,
  /** What happened, for a badge: "markup removed", "possible prompt injection removed". */
  label: z.string(),
  /** A short excerpt of the first thing removed (shown as text, never rendered). */
  excerpt: z.string(),
  /** How many parts of this kind were removed. */
  count: z.number().int().min(1),
});
export type ContextFlagView = z.infer<typeof ContextFlagView>;

export const ContextItemView = z.object({
  id: Uuid,
  project_id: Uuid,
  title: z.string(),
  kind: z.enum(["note", "file"]),
  filename: z.string().nullable(),
  mime: z.string().nullable(),
  bytes: z.number().int(),
  created_at: z.string(),
  internal: z.boolean(),
  flags: z.array(ContextFlagView),
});
export type ContextItemView = z.infer<typeof ContextItemView>;

/** What the analysis read in an item (src/domain/context-analysis.ts), as a person checks it. */
export const ContextItemFacts = z.object({
  figures: z.array(
    z.object({
      metric: z.string(),
      value: z.string(),
      period: z.string().nullable(),
      change: z.string().nullable(),
      entity: z.string().nullable(),
      sentence: z.string(),
    }),
  ),
  events: z.array(z.object({ date: z.string(), sentence: z.string() })),
  statements: z.array(z.object({ kind: z.string(), text: z.string() })),
  entities: z.array(z.object({ name: z.string(), kind: z.string(), mentions: z.number().int() })),
  periods: z.array(z.string()),
});
export type ContextItemFacts = z.infer<typeof ContextItemFacts>;

/** One item with its text: what agents read (clean) and what was submitted (original). */
export const ContextItemDetail = ContextItemView.extend({
  /** The clean visible text agents work from (markup, scripts and injected instructions removed). */
  text: z.string(),
  /** The text as submitted: the note itself, or the text extracted from the uploaded file. */
  original: z.string(),
  /** The facts read from it at ingest; null until the item is analysed. */
  facts: ContextItemFacts.nullable().optional(),
  /**
   * The clean text with the structure the analysis kept (headings, lists, tables, quotes, code) as
   * Markdown, every character of text escaped: safe to render. Null until the item is analysed.
   */
  markdown: z.string().nullable().optional(),
});
export type ContextItemDetail = z.infer<typeof ContextItemDetail>;

// ── Accounts, sessions, API tokens and project membership (issue 7) ────────────────────────────

export const Role = z.enum(["owner", "member", "viewer"]);
export type Role = z.infer<typeof Role>;

const Email = SafeText.pipe(z.string().trim().toLowerCase().max(254).email("a valid email address"));
/** Long passphrases welcome; 10 characters is the floor (NIST 800-63B asks for at least 8). */
const Password = SafeText.pipe(z.string().min(10, "at least 10 characters").max(200));
const PersonName = SafeText.pipe(z.string().trim().max(200));

export const UserView = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  /** The instance administrator (the first account): may create accounts. */
  is_admin: z.boolean(),
  created_at: z.string(),
});
export type UserView = z.infer<typeof UserView>;

/** GET /api/auth/session: who is signed in, and whether the install still needs its owner account. */
/** What the server accepts, so the web app can say so before sending (a 20 MB upload refused after 4 s). */
export const ServerLimits = z.object({ max_upload_bytes: z.number().int().positive() });
export type ServerLimits = z.infer<typeof ServerLimits>;

export const SessionView = z.object({ user: UserView.nullable(), setup_required: z.boolean(), limits: ServerLimits });
export type SessionView = z.infer<typeof SessionView>;

export const SetupRequest = z.object({ email: Email, name: PersonName.default(""), password: Password });
export type SetupRequest = z.infer<typeof SetupRequest>;

export const LoginRequest = z.object({
  email: SafeText.pipe(z.string().trim().toLowerCase().min(1).max(254)),
  password: SafeText.pipe(z.string().min(1).max(200)),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserCreate = SetupRequest;
export type UserCreate = z.infer<typeof UserCreate>;

export const TokenCreate = z.object({ name: SafeText.pipe(z.string().trim().min(1, "name must not be empty").max(100)) });
export type TokenCreate = z.infer<typeof TokenCreate>;

export const TokenView = z.object({
  id: Uuid,
  name: z.string(),
  /** The first characters of the token, to tell tokens apart; the token itself is never shown again. */
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenView>;

/** The answer to creating a token: the only time the secret is shown. */
export const TokenCreated = TokenView.extend({ token: z.string() });
export type TokenCreated = z.infer<typeof TokenCreated>;

export const MemberView = z.object({
  user_id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  added_at: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

export const MemberAdd = z.object({ email: Email, role: Role.default("member") });
export type MemberAdd = z.infer<typeof MemberAdd>;

export const MemberUpdate = z.object({ role: Role });
export type MemberUpdate = z.infer<typeof MemberUpdate>;
