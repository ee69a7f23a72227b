// Answering a waiting ticket's question (issue 16). The answer is checked against the question's
// JSON Schema (the server's Ajv, src/domain/parameters.ts) before any lock is taken; then ONE
// statement locks the ticket row (ordering the answer with a cancel, the expiry sweep and a
// concurrent answer), stores the answer where `answered_at IS NULL` — the first answer wins, exactly
// once — marks the ticket claimable (`resume_at`), appends the `answer` event and wakes the workers.
import { desc, eq, sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { ticketQuestions, type QuestionRow } from "../db/schema.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import { ParametersSchema } from "../domain/recipe.js";
import { insertAnswerEventsSql } from "../events/answer-events-sql.js";
import { insertStatusEventsSql, notifyEventSql } from "../events/status-events-sql.js";
import { handOff, type HandOffLease } from "./hand-off.js";
import { leaseExpirySql } from "./lease.js";
import { queryRows, ticketsFromRows } from "./sql/raw.js";

/** The ticket's latest question (open or answered), or null when it never asked one. */
export async function latestQuestion(exec: Executor, ticketId: string): Promise<QuestionRow | null> {
  const [row] = await exec
    .select()
    .from(ticketQuestions)
    .where(eq(ticketQuestions.ticketId, ticketId))
    .orderBy(desc(ticketQuestions.createdAt))
    .limit(1);
  return row ?? null;
}

export interface AnswerInput {
  ticketId: string;
  answer: unknown;
  /** The user answering (stored and written to the event log). */
  answeredBy: string;
}

export interface AnswerResult {
  question: QuestionRow;
}

export async function answerQuestion(database: Database, input: AnswerInput): Promise<AnswerResult> {
  const db = database.db;
  // One read: the ticket's status and its open question (to validate against before any lock).
  const [found] = await queryRows(
    db,
    sql`SELECT t.status, q.id AS question_id, q.answer_schema
        FROM work_tickets t
        LEFT JOIN LATERAL (SELECT id, answer_schema FROM ticket_questions
                           WHERE ticket_id = t.id AND answered_at IS NULL ORDER BY created_at DESC LIMIT 1) q ON true
        WHERE t.id = ${input.ticketId}`,
  );
  if (!found) throw new NotFoundError("ticket", input.ticketId);
  const status = String(found.status);
  if (status !== "waiting" || found.question_id === null) {
    throw new ConflictError(
      status === "waiting" ? "the ticket's question was already answered" : `a ${status} ticket is not waiting for an answer`,
      status,
    );
  }
  const schema = (typeof found.answer_schema === "string" ? JSON.parse(found.answer_schema) : found.answer_schema) as Record<
    string,
    unknown
  >;
  const value = validateAnswer(schema, input.answer);

  // One statement: the ticket row is locked first (a concurrent answer, cancel or expiry waits, then
  // finds it no longer waiting-and-unanswered), the answer is stored only where none was, the ticket
  // becomes claimable, the `answer` event is written and the workers are woken — or nothing is.
  // With a free slot in a local worker (hand-off.ts) the same statement also claims the ticket for it.
  const run = async (lease: HandOffLease | null) => {
    const rows = await queryRows(db, answerSql(input.ticketId, String(found.question_id), value, input.answeredBy, lease));
    const row = rows[0];
    if (!row) throw new ConflictError("the ticket's question was already answered, or it stopped waiting", "waiting");
    const question = questionFromJson(
      (typeof row.question === "string" ? JSON.parse(row.question) : row.question) as Record<string, unknown>,
    );
    const ticket = row.ticket ? (ticketsFromRows([{ ticket: row.ticket }])[0] ?? null) : null;
    return { question, ticket };
  };
  const { question } = (await handOff(database, run)) ?? (await run(null));
  return { question };
}

function answerSql(ticketId: string, questionId: string, value: unknown, answeredBy: string, lease: HandOffLease | null): SQL {
  // Handed off: waiting → running as the claim writes it (attempt kept, resume_at set: a resumed
  // run), unless the project has a running limit — that is for the claim to check, under its lock.
  const eager = lease
    ? sql`(SELECT COALESCE(p.max_running, ${lease.defaultMaxRunning}::int) IS NULL FROM projects p WHERE p.id = t.project_id)`
    : sql`false`;
  const claim = lease
    ? sql`, status = CASE WHEN ${eager} THEN 'running' ELSE t.status END,
          lease_owner = CASE WHEN ${eager} THEN ${lease.workerId}::text END,
          lease_token = CASE WHEN ${eager} THEN gen_random_uuid() END,
          lease_expires_at = CASE WHEN ${eager} THEN ${leaseExpirySql(lease.leaseMs)} END,
          started_at = CASE WHEN ${eager} THEN COALESCE(t.started_at, now()) ELSE t.started_at END`
    : sql``;
  return sql`
    WITH locked AS (
      SELECT id FROM work_tickets
      WHERE id = ${ticketId} AND status = 'waiting' AND resume_at IS NULL
      FOR UPDATE
    ), answered AS (
      UPDATE ticket_questions q
      SET answer = ${JSON.stringify(value)}::jsonb, answered_by = ${answeredBy}, answer_source = 'person', answered_at = now()
      FROM locked l
      WHERE q.id = ${questionId}::uuid AND q.ticket_id = l.id AND q.answered_at IS NULL
      RETURNING q.*
    ), resumed AS (
      UPDATE work_tickets t SET resume_at = now(), updated_at = now() ${claim}
      FROM answered a
      WHERE t.id = a.ticket_id
      RETURNING t.*
    ), ev AS (
      ${insertAnswerEventsSql(
        { rows: sql`answered a`, ticketId: sql`a.ticket_id`, projectId: sql`a.project_id` },
        {
          question_id: sql`a.id`,
          key: sql`a.key`,
          question: sql`a.question`,
          answer: sql`a.answer`,
          answered_by: sql`a.answered_by`,
          source: "person",
        },
      )}
    ), claimed_ev AS (
      -- Reads ev's row, so the answer event's id is drawn first: the log says answered, then running.
      ${insertStatusEventsSql(
        {
          rows: sql`(SELECT r.* FROM resumed r JOIN ev ON ev.ticket_id = r.id WHERE r.status = 'running') c`,
          ticketId: sql`c.id`,
          projectId: sql`c.project_id`,
        },
        { status: "running", previous: "waiting", attempt: sql`c.attempt`, reason: "answered; resuming" },
      )}
    )
    SELECT to_jsonb(a) - 'state' AS question, ${notifyEventSql(sql`ev.id`)},
           CASE WHEN r.status = 'running' THEN to_jsonb(r) END AS ticket,
           CASE WHEN r.status = 'running' THEN ${notifyEventSql(sql`(SELECT id FROM claimed_ev)`)}
                ELSE pg_notify(${CHANNELS.tickets}, r.id::text) END
    FROM answered a JOIN ev ON ev.ticket_id = a.ticket_id JOIN resumed r ON r.id = a.ticket_id`;
}

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/** A `to_jsonb(ticket_questions)` object (without its state) → the Drizzle row type. */
function questionFromJson(j: Record<string, unknown>): QuestionRow {
  return {
    id: j.id as string,
    ticketId: j.ticket_id as string,
    projectId: j.project_id as string,
    key: j.key as string,
    question: j.question as string,
    answerSchema: j.answer_schema as Record<string, unknown>,
    defaultAnswer: j.default_answer ?? null,
    expiresInS: (j.expires_in_s as number | null) ?? null,
    expiresAt: date(j.expires_at),
    state: null,
    answer: j.answer ?? null,
    answeredBy: (j.answered_by as string | null) ?? null,
    answerSource: (j.answer_source as "person" | "default" | null) ?? null,
    answeredAt: date(j.answered_at),
    createdAt: date(j.created_at) ?? new Date(0),
  };
}

// Equal schemas are interned so Ajv compiles each once (validateParameters caches by object): many
// tickets of one recipe ask with the same schema. Bounded: the oldest is forgotten first.
const interned = new Map<string, ParametersSchema>();
const INTERNED_MAX = 1_000;

function internedSchema(answerSchema: Record<string, unknown>): ParametersSchema {
  const key = JSON.stringify(answerSchema);
  const known = interned.get(key);
  if (known) return known;
  const schema = ParametersSchema.safeParse(answerSchema);
  if (!schema.success) throw new Error("a stored answer schema is not an object schema"); // ask() checks it
  if (interned.size >= INTERNED_MAX) interned.delete(interned.keys().next().value!);
  interned.set(key, schema.data);
  return schema.data;
}

/** The answer as the schema defines it (defaults filled in), or a ValidationError naming each bad field. */
export function validateAnswer(answerSchema: Record<string, unknown>, answer: unknown): Record<string, unknown> {
  const schema = { data: internedSchema(answerSchema) };
  const result = validateParameters(schema.data, answer, "answer");
  if (!result.ok) throw new ValidationError("the answer does not match the question's schema", result.errors);
  return result.value;
}
