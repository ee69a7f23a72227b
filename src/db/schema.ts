// The tables of DESIGN.md §3, in Drizzle. One schema for both drivers (PGlite and PostgreSQL);
// migrations in ./migrations are generated from it with `npm run db:generate` and committed.
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ContextAnalysis } from "../domain/context-analysis.js";
import type { TicketMetadata } from "../domain/contract.js";
import type { Grounding } from "../domain/grounding.js";
import type { OutputContract, ParametersSchema, RecipeDefinition, RecipeModel } from "../domain/recipe.js";
import type { TodoItem } from "../domain/todos.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const projects = pgTable("projects", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  /** At most this many of the project's tickets run at once, across every worker; null: the server's default (issue 19). */
  maxRunning: integer("max_running"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const contextItems = pgTable(
  "context_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind", { enum: ["note", "file"] }).notNull(),
    filename: text("filename"),
    mime: text("mime"),
    bytes: integer("bytes").notNull(),
    body: text("body").notNull(),
    /** Internal context never goes into content written for customers or the public. */
    internal: boolean("internal").notNull().default(false),
    /** Clean text, structure, facts and flags (src/domain/context-analysis.ts); null until analysed. */
    analysis: jsonb("analysis").$type<ContextAnalysis>(),
    search: tsvector("search")
      .notNull()
      // Over the clean text once the item is analysed (markup and injected text never match a search).
      .generatedAlwaysAs(sql`to_tsvector('english', coalesce(title, '') || ' ' || coalesce(analysis->>'text', body, ''))`),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("context_items_project_idx").on(t.projectId, t.createdAt), index("context_items_search_idx").using("gin", t.search)],
);

export const workRecipes = pgTable("work_recipes", {
  slug: text("slug").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  icon: text("icon").notNull(),
  agentType: text("agent_type").notNull(),
  outputFormat: text("output_format").notNull(),
  extraFormats: jsonb("extra_formats").$type<string[]>().notNull().default([]),
  configurableParameters: jsonb("configurable_parameters").$type<ParametersSchema>().notNull(),
  status: text("status", { enum: ["active", "draft", "archived"] })
    .notNull()
    .default("active"),
  timeoutS: integer("timeout_s").notNull(),
  maxAttempts: integer("max_attempts").notNull(),
  version: integer("version").notNull().default(1),
  provider: text("provider"),
  instructions: text("instructions").notNull().default(""),
  model: jsonb("model").$type<RecipeModel>(),
  maxSteps: integer("max_steps"),
  outputContract: jsonb("output_contract").$type<OutputContract>().notNull().default({ sections: [] }),
  /** A built-in recipe, synced from recipes/*.json at start-up: read-only through the API. */
  system: boolean("system").notNull().default(false),
  /** A recipe scoped to one project (its owners edit it); null: available to every project. */
  projectId: uuid("project_id").references(() => projects.id, { onDelete: "cascade" }),
  createdBy: text("created_by"),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/**
 * Every saved version of a recipe, immutable (issue 18): the row in work_recipes is the latest; a
 * ticket names the version it ran (`metadata.recipe_version`) and runs on exactly that definition.
 */
export const workRecipeVersions = pgTable(
  "work_recipe_versions",
  {
    slug: text("slug")
      .notNull()
      .references(() => workRecipes.slug, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    definition: jsonb("definition").$type<RecipeDefinition>().notNull(),
    createdBy: text("created_by"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.slug, t.version] })],
);

export interface RequestUsage {
  input_tokens: number;
  output_tokens: number;
  model?: string;
  provider?: string;
  /** Sum of each step's cost at the operator's prices when it ran; absent when no price is known. */
  cost_usd?: number;
}

export const workRequests = pgTable(
  "work_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    recipeSlug: text("recipe_slug")
      .notNull()
      .references(() => workRecipes.slug),
    agentType: text("agent_type").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    requestedBy: text("requested_by"),
    usage: jsonb("usage").$type<RequestUsage>().notNull().default({ input_tokens: 0, output_tokens: 0 }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  // A project's requests (its usage totals). Idempotency keys live per caller in idempotency_keys (0005).
  (t) => [index("work_requests_project_idx").on(t.projectId)],
);

export const workTickets = pgTable(
  "work_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => workRequests.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    recipeSlug: text("recipe_slug").notNull(),
    agentType: text("agent_type").notNull(),
    status: text("status", { enum: ["pending", "running", "waiting", "completed", "failed", "cancelled"] })
      .notNull()
      .default("pending"),
    attempt: integer("attempt").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    timeoutS: integer("timeout_s").notNull(),
    /** The worker holding the lease (host:pid:…), for people and logs; not a guard. */
    leaseOwner: text("lease_owner"),
    /** The lease's owner token, new on every claim: with `attempt`, what every write of a run is guarded by. */
    leaseToken: uuid("lease_token"),
    leaseExpiresAt: ts("lease_expires_at"),
    cancelRequestedAt: ts("cancel_requested_at"),
    retryOf: uuid("retry_of"),
    todos: jsonb("todos").$type<TodoItem[]>().notNull().default([]),
    metadata: jsonb("metadata").$type<TicketMetadata>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** Set when a waiting ticket's question is answered: it may be claimed again (issue 16). */
    resumeAt: ts("resume_at"),
    /** Order within the project's queue: 1 high, 0 normal, -1 low (src/domain/priority.ts, issue 19). */
    priority: smallint("priority").notNull().default(0),
  },
  (t) => [
    // Answered waiting tickets, claimed before pending ones (src/engine/sql/claim-tickets.ts).
    index("work_tickets_resume_idx")
      .on(t.resumeAt)
      .where(sql`status = 'waiting' AND resume_at IS NOT NULL`),
    // The queue: oldest pending first. Partial, so it stays small however long history grows.
    index("work_tickets_pending_idx")
      .on(t.createdAt)
      .where(sql`status = 'pending'`),
    // The fair claim's per-project queue: highest priority, then oldest (src/engine/sql/claim-tickets.ts).
    index("work_tickets_project_queue_idx")
      .on(t.projectId, t.priority.desc(), t.createdAt)
      .where(sql`status = 'pending'`),
    // Running tickets per project, for the per-project limit (worksmith_project_running, in the fair-claiming migration).
    index("work_tickets_running_project_idx")
      .on(t.projectId)
      .where(sql`status = 'running'`),
    index("work_tickets_lease_idx")
      .on(t.leaseExpiresAt)
      .where(sql`status = 'running'`),
    index("work_tickets_project_idx").on(t.projectId, t.createdAt, t.id),
    index("work_tickets_created_idx").on(t.createdAt, t.id),
    index("work_tickets_request_idx").on(t.requestId),
    // A recipe's recent history, newest first (stats, ETA, the queue's pace: src/db/repositories/recipe-stats.ts).
    index("work_tickets_recipe_finished_idx")
      .on(t.recipeSlug, t.finishedAt)
      .where(sql`finished_at IS NOT NULL`),
    // Walking a lineage down (the regenerations of a ticket) for the outputs library (issue 15).
    index("work_tickets_retry_of_idx")
      .on(t.retryOf)
      .where(sql`retry_of IS NOT NULL`),
  ],
);

export interface OutputSource {
  id: string;
  title: string;
}

export const workOutputs = pgTable(
  "work_outputs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    fileKey: text("file_key"),
    fileFormat: text("file_format"),
    filename: text("filename"),
    mime: text("mime"),
    bytes: integer("bytes"),
    generationMethod: text("generation_method", { enum: ["skill", "text"] }).notNull(),
    agentType: text("agent_type").notNull(),
    outputType: text("output_type").notNull(),
    sources: jsonb("sources").$type<OutputSource[]>().notNull().default([]),
    /** Figures in the output checked against its sources (src/domain/grounding.ts). */
    grounding: jsonb("grounding").$type<Grounding>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("work_outputs_ticket_idx").on(t.ticketId, t.createdAt),
    // The project's outputs library: newest first, keyset-paginated (issue 15).
    index("work_outputs_project_idx").on(t.projectId, t.createdAt, t.id),
  ],
);

export const ticketEvents = pgTable(
  "ticket_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    type: text("type", { enum: ["status", "todos", "output", "log", "answer"] }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("ticket_events_ticket_idx").on(t.ticketId, t.id), index("ticket_events_project_idx").on(t.projectId, t.id)],
);

/**
 * What an agent asked a person (issue 16): one row per question of a ticket, keyed by the agent's
 * `key`. Answered exactly once (`answered_at IS NULL` guards the write); `state` is what the agent
 * stored to resume from.
 */
export const ticketQuestions = pgTable(
  "ticket_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    projectId: uuid("project_id").notNull(),
    key: text("key").notNull(),
    question: text("question").notNull(),
    answerSchema: jsonb("answer_schema").$type<Record<string, unknown>>().notNull(),
    /** SQL NULL: no default (expiry fails the ticket); a JSON value otherwise. */
    defaultAnswer: jsonb("default_answer").$type<unknown>(),
    expiresInS: integer("expires_in_s"),
    expiresAt: ts("expires_at"),
    state: jsonb("state").$type<unknown>(),
    answer: jsonb("answer").$type<unknown>(),
    answeredBy: text("answered_by"),
    answerSource: text("answer_source", { enum: ["person", "default"] }),
    answeredAt: ts("answered_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("ticket_questions_key_idx").on(t.ticketId, t.key),
    // The expiry sweep: open questions with a deadline.
    index("ticket_questions_expiry_idx")
      .on(t.expiresAt)
      .where(sql`answered_at IS NULL AND expires_at IS NOT NULL`),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type QuestionRow = typeof ticketQuestions.$inferSelect;
export type ContextItemRow = typeof contextItems.$inferSelect;
export type RecipeRow = typeof workRecipes.$inferSelect;
export type RequestRow = typeof workRequests.$inferSelect;
export type TicketRow = typeof workTickets.$inferSelect;
export type OutputRow = typeof workOutputs.$inferSelect;
export type EventRow = typeof ticketEvents.$inferSelect;

// ── Accounts (issue 7): who may see and do what. Secrets are stored only as hashes. ─────────────

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Lower-cased at the edge, so the unique index is case-insensitive in effect. */
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  /** `scrypt$N$r$p$salt$hash` (src/auth/passwords.ts). */
  passwordHash: text("password_hash").notNull(),
  isAdmin: boolean("is_admin").notNull().default(false),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie's value: a leaked table does not sign anybody in. */
    idHash: text("id_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: ts("created_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role").$type<"owner" | "member" | "viewer">().notNull(),
    addedAt: ts("added_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.userId] }),
    index("project_members_user_idx").on(t.userId),
    check("project_members_role_check", sql`${t.role} IN ('owner', 'member', 'viewer')`),
  ],
);

/**
 * Idempotency-Key of a submit, scoped to the caller (the user), not the project. `fingerprint` is a
 * hash of the request as sent: the same key with another body is refused (422). A key is honoured
 * until `expires_at` (24 h, src/api/idempotency.ts); after that it may be used for a new request.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    caller: text("caller").notNull(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** Set in the same transaction that inserts the key: never seen null by another transaction. */
    ticketId: uuid("ticket_id").references(() => workTickets.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index("idempotency_keys_expires_idx").on(t.expiresAt)],
);

export type UserRow = typeof users.$inferSelect;

/**
 * A read-only link to one ticket's outputs for people without an account (issue 15). Only the
 * SHA-256 of the link's secret is stored; a link works until `expires_at` or `revoked_at`.
 */
export const ticketShares = pgTable(
  "ticket_shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** A person who leaves takes their links with them. */
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [index("ticket_shares_ticket_idx").on(t.ticketId, t.createdAt)],
);

export type TicketShareRow = typeof ticketShares.$inferSelect;

/**
 * A recipe run on a rhythm (issue 17, src/automations/): a cron expression read in an IANA time zone.
 * `next_run_at` is the next slot not yet handled (null while paused); the scheduler tick of every
 * server process looks for `enabled AND next_run_at <= now()`.
 */
export const workSchedules = pgTable(
  "work_schedules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** No foreign key: a recipe that is archived or gone pauses the schedule with a reason instead. */
    recipeSlug: text("recipe_slug").notNull(),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    cron: text("cron").notNull(),
    timezone: text("timezone").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** After downtime: `skip` the slots missed, or `run_once` for all of them together. */
    missedPolicy: text("missed_policy").$type<"skip" | "run_once">().notNull().default("skip"),
    pausedReason: text("paused_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    nextRunAt: ts("next_run_at"),
    lastSlotAt: ts("last_slot_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("work_schedules_due_idx")
      .on(t.nextRunAt)
      .where(sql`enabled`),
    index("work_schedules_project_idx").on(t.projectId, t.createdAt),
    check("work_schedules_missed_policy_check", sql`${t.missedPolicy} IN ('skip', 'run_once')`),
  ],
);

export type ScheduleRow = typeof workSchedules.$inferSelect;

/**
 * One row per slot a schedule handled; the primary key (schedule, slot) is what makes a slot create
 * exactly one ticket however many processes tick: the row and the ticket are written in one transaction.
 */
export const workScheduleRuns = pgTable(
  "work_schedule_runs",
  {
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => workSchedules.id, { onDelete: "cascade" }),
    slotAt: ts("slot_at").notNull(),
    ticketId: uuid("ticket_id").references(() => workTickets.id, { onDelete: "set null" }),
    /** `ticket`: a ticket was submitted; `skipped`: missed slots dropped by the `skip` policy. */
    outcome: text("outcome").$type<"ticket" | "skipped">().notNull(),
    /** How many missed slots this row stands for (0 for a slot run on time). */
    missed: integer("missed").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.scheduleId, t.slotAt] }),
    check("work_schedule_runs_outcome_check", sql`${t.outcome} IN ('ticket', 'skipped')`),
  ],
);

export type ScheduleRunRow = typeof workScheduleRuns.$inferSelect;

/**
 * A project's webhook endpoint (issue 17): ticket events POSTed to `url`, signed the Standard
 * Webhooks way with `secret` (`whsec_` + base64, shown once when created).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    /** e.g. ["ticket.completed", "ticket.failed"] */
    events: jsonb("events").$type<string[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** Why delivery stopped by itself (repeated failures); null while enabled or disabled by a person. */
    disabledReason: text("disabled_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_project_idx").on(t.projectId)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * The durable delivery queue and its log: one row per endpoint and event; `id` is the `webhook-id`
 * the receiver sees on every attempt. Due rows (`status = 'pending' AND next_attempt_at <= now()`)
 * are claimed with SKIP LOCKED by any process.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    eventType: text("event_type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastLatencyMs: integer("last_latency_ms"),
    responseSnippet: text("response_snippet"),
    createdAt: ts("created_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_event_idx").on(t.endpointId, t.eventId),
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    index("webhook_deliveries_log_idx").on(t.endpointId, t.createdAt),
    check("webhook_deliveries_status_check", sql`${t.status} IN ('pending', 'delivered', 'failed')`),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** How far the ticket event log has been turned into webhook deliveries (one row, id 1). */
export const webhookCursor = pgTable("webhook_cursor", {
  id: integer("id").primaryKey(),
  lastEventId: bigint("last_event_id", { mode: "number" }).notNull(),
});

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * The `postgres` file store (src/storage/postgres-file-store.ts, decision 0007): one row per stored
 * file version, its bytes in `stored_file_chunks`. A row is written unpublished, its chunks follow,
 * and one UPDATE publishes it — readers only see published rows, so an upload killed half-way is
 * never visible. Deleting a ticket (or its project) deletes its files in the same transaction.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    mime: text("mime").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    chunkBytes: integer("chunk_bytes").notNull(),
    sha256: text("sha256"),
    createdAt: ts("created_at").notNull().defaultNow(),
    publishedAt: ts("published_at"),
  },
  (t) => [
    index("stored_files_key_idx").on(t.key, t.publishedAt),
    index("stored_files_ticket_idx").on(t.ticketId),
    index("stored_files_unpublished_idx")
      .on(t.createdAt)
      .where(sql`published_at IS NULL`),
  ],
);

export const storedFileChunks = pgTable(
  "stored_file_chunks",
  {
    fileId: uuid("file_id")
      .notNull()
      .references(() => storedFiles.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);

/** Values every process of one install shares through the database (e.g. the download-link secret). */
/**
 * What a person wants to be told about the tickets they started in a project (issue 17,
 * src/automations/notifications/). No row: in the app yes, by e-mail no.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(false),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId] })],
);

/**
 * One row per person and ticket event they are told about (the unique key makes it at most once),
 * shown in the app while `in_app`, and the durable e-mail queue: `email_status` pending rows are
 * claimed with SKIP LOCKED and a lease, retried with backoff, then `sent` or `failed`.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => workTickets.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    /** `ticket.completed`, `ticket.failed` or `ticket.waiting`. */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    detail: text("detail"),
    inApp: boolean("in_app").notNull(),
    readAt: ts("read_at"),
    emailStatus: text("email_status").$type<"pending" | "sent" | "failed">(),
    emailAttempts: integer("email_attempts").notNull().default(0),
    emailNextAttemptAt: ts("email_next_attempt_at"),
    emailLastError: text("email_last_error"),
    emailedAt: ts("emailed_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("notifications_user_event_idx").on(t.userId, t.eventId),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`in_app AND read_at IS NULL`),
    index("notifications_email_due_idx")
      .on(t.emailNextAttemptAt)
      .where(sql`email_status = 'pending'`),
    check("notifications_email_status_check", sql`${t.emailStatus} IN ('pending', 'sent', 'failed')`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;

/** How far the ticket event log has been turned into notifications (one row, id 1). */
export const notificationCursor = pgTable("notification_cursor", {
  id: integer("id").primaryKey(),
  lastEventId: bigint("last_event_id", { mode: "number" }).notNull(),
});

export const serverSettings = pgTable("server_settings", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});
