// Answering a waiting ticket's question (issue 16). The answer is checked against the question's
// JSON Schema (the server's Ajv, src/domain/parameters.ts) before any lock is taken; then one
// transaction locks the ticket row (ordering the answer with a cancel, the expiry sweep and a
// concurrent answer), stores the answer where `answered_at IS NULL` — the first answer wins, exactly
// once — marks the ticket claimable (`resume_at`), appends the `answer` event and wakes the workers.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { ticketQuestions, workTickets, type QuestionRow } from "../db/schema.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { CHANNELS } from "../domain/events.js";
import { validateParameters } from "../domain/parameters.js";
import { ParametersSchema } from "../domain/recipe.js";
import { appendEvent } from "../events/append.js";

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
  const [ticket] = await db.select({ status: workTickets.status }).from(workTickets).where(eq(workTickets.id, input.ticketId));
  if (!ticket) throw new NotFoundError("ticket", input.ticketId);
  const open = await db
    .select()
    .from(ticketQuestions)
    .where(and(eq(ticketQuestions.ticketId, input.ticketId), isNull(ticketQuestions.answeredAt)))
    .orderBy(desc(ticketQuestions.createdAt))
    .limit(1);
  const question = open[0];
  if (ticket.status !== "waiting" || !question) {
    throw new ConflictError(
      ticket.status === "waiting" ? "the ticket's question was already answered" : `a ${ticket.status} ticket is not waiting for an answer`,
      ticket.status,
    );
  }
  const value = validateAnswer(question.answerSchema, input.answer);

  return db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: workTickets.status, resumeAt: workTickets.resumeAt, projectId: workTickets.projectId })
      .from(workTickets)
      .where(eq(workTickets.id, input.ticketId))
      .for("update");
    if (!locked || locked.status !== "waiting" || locked.resumeAt !== null) {
      throw new ConflictError("the ticket is no longer waiting for this answer", locked?.status ?? "missing");
    }
    const [answered] = await tx
      .update(ticketQuestions)
      .set({ answer: value, answeredBy: input.answeredBy, answerSource: "person", answeredAt: sql`now()` })
      .where(and(eq(ticketQuestions.id, question.id), isNull(ticketQuestions.answeredAt)))
      .returning();
    if (!answered) throw new ConflictError("the ticket's question was already answered", "waiting");
    await tx
      .update(workTickets)
      .set({ resumeAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(workTickets.id, input.ticketId), eq(workTickets.status, "waiting")));
    await appendEvent(tx, {
      ticketId: input.ticketId,
      projectId: locked.projectId,
      type: "answer",
      data: {
        question_id: answered.id,
        key: answered.key,
        question: answered.question,
        answer: value,
        answered_by: input.answeredBy,
        source: "person",
      },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNELS.tickets}, ${input.ticketId})`);
    return { question: answered };
  });
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
