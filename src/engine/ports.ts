// The TicketPorts a runner gets for one claimed ticket: every write an agent makes goes through
// here, bound to the ticket AND the run's lease (owner token + attempt, see lease.ts). Each write
// re-checks that the ticket is still running under that lease in the same statement, so an agent
// that lost its ticket (cancelled, timed out, reaped, re-claimed by a later run) cannot touch it any
// more: it gets TicketNotHeldError instead.
//
// Each step write (todos, an output, a log line) is ONE statement: the fence, the write, the event
// and its NOTIFY in CTEs, run as a prepared statement (src/db/prepared.ts). As a transaction of 3–4
// statements it was held across the main thread's round trips — on the embedded database's one
// connection up to 42 ms a write in which nothing else ran, a person's request included, and on
// PostgreSQL one socket write and one drizzle rendering per statement (issue 14 round 6).
import { randomUUID } from "node:crypto";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { prepareStatement, runPrepared } from "../db/prepared.js";
import { ticketQuestions, workRequests, type TicketRow } from "../db/schema.js";
import { AgentError, type AnsweredQuestion, type NewOutput, type TicketPorts, type Usage } from "../domain/agent-runner.js";
import { stampTodos, TodoListInput, type TodoInput, type TodoItem } from "../domain/todos.js";
import type { LogEventData } from "../domain/events.js";
import { appendEventsOfSql } from "../events/append.js";
import type { Lease } from "./lease.js";

export class TicketNotHeldError extends Error {
  constructor(ticketId: string) {
    super(`ticket ${ticketId} is no longer held by this worker (it was cancelled, timed out, or its lease was lost)`);
    this.name = "TicketNotHeldError";
  }
}

export interface TicketPortsOptions {
  database: Database;
  ticket: Pick<TicketRow, "id" | "projectId" | "requestId" | "agentType">;
  lease: Lease;
  /** Stamps todo step times (not lease arithmetic); default the process clock. */
  clock?: (() => Date) | undefined;
}

const p = (name: string) => sql.placeholder(name);

/** The ticket is still running under this run's lease (the fence of every write below). */
const HELD = sql`id = ${p("ticketId")}::uuid AND status = 'running' AND lease_token = ${p("owner")}::uuid AND attempt = ${p("attempt")}::int`;

const READ_TODOS = prepareStatement(sql`SELECT todos FROM work_tickets WHERE ${HELD}`);

/**
 * The list replaced only if it is still the one it was stamped from (`previous`): the run is the
 * ticket's only writer of todos while it holds it, so this holds unless the lease was lost or a
 * statement of the engine rewrote the list — then no row, and the port reads again. The UPDATE's
 * row lock (taken with the fence re-checked on the row's latest version) orders it after a
 * concurrent terminal write, as the `FOR UPDATE` read of the transaction did.
 */
const WRITE_TODOS = prepareStatement(sql`
  WITH t AS (
    UPDATE work_tickets SET todos = ${p("todos")}::jsonb
    WHERE ${HELD} AND todos = ${p("previous")}::jsonb
    RETURNING id AS ticket_id, project_id, 'todos'::text AS type, jsonb_build_object('todos', todos) AS data
  ),
  ${appendEventsOfSql("t")}`);

/**
 * `FOR SHARE`: writers of outputs and log lines don't block each other; the terminal write (an
 * UPDATE) waits for the statement to commit, so an output is either in before the end or not at all.
 */
const EMIT_OUTPUT = prepareStatement(sql`
  WITH h AS (SELECT id, project_id FROM work_tickets WHERE ${HELD} FOR SHARE),
  o AS (
    INSERT INTO work_outputs (id, ticket_id, project_id, title, body, file_key, file_format, filename, mime, bytes,
      generation_method, agent_type, output_type, sources, grounding)
    SELECT ${p("outputId")}::uuid, h.id, h.project_id, ${p("title")}::text, ${p("body")}::text, ${p("fileKey")}::text,
      ${p("fileFormat")}::text, ${p("filename")}::text, ${p("mime")}::text, ${p("bytes")}::int, ${p("generationMethod")}::text,
      ${p("agentType")}::text, ${p("outputType")}::text, ${p("sources")}::jsonb, ${p("grounding")}::jsonb
    FROM h
    RETURNING ticket_id, project_id, 'output'::text AS type,
      jsonb_build_object('output_id', id, 'title', title, 'file_format', file_format, 'output_type', output_type) AS data
  ),
  ${appendEventsOfSql("o")}`);

const LOG = prepareStatement(sql`
  WITH h AS (
    SELECT id AS ticket_id, project_id, 'log'::text AS type, ${p("data")}::jsonb AS data FROM work_tickets WHERE ${HELD} FOR SHARE
  ),
  ${appendEventsOfSql("h")}`);

/** How often a todo write re-reads a list that changed under it before it gives up (never seen). */
const TODO_TRIES = 3;

export function createTicketPorts(o: TicketPortsOptions): TicketPorts {
  const { database, ticket, lease } = o;
  const clock = o.clock ?? (() => new Date());
  if (lease.ticketId !== ticket.id) throw new Error(`lease of ticket ${lease.ticketId} given for ticket ${ticket.id}`);
  const fence = { ticketId: ticket.id, owner: lease.owner, attempt: lease.attempt };

  // The list as this run last wrote or read it; undefined until read, and after a write that missed.
  let known: TodoItem[] | undefined;

  async function readTodos(): Promise<TodoItem[]> {
    const [row] = await runPrepared(database, READ_TODOS, fence);
    if (!row) throw new TicketNotHeldError(ticket.id);
    return row.todos as TodoItem[];
  }

  async function writeTodosOnce(list: TodoInput[]): Promise<TodoItem[]> {
    for (let tries = 1; ; tries++) {
      const previous = known ?? (await readTodos());
      const todos = stampTodos(previous, list, clock());
      known = undefined;
      const rows = await runPrepared(database, WRITE_TODOS, { ...fence, previous: JSON.stringify(previous), todos: JSON.stringify(todos) });
      if (rows.length > 0) {
        known = todos;
        return todos;
      }
      // Not held any more (the read says so), or the list changed under it: stamp the one stored.
      if (tries >= TODO_TRIES) throw new Error(`ticket ${ticket.id}: its todo list changed under ${TODO_TRIES} writes in a row`);
    }
  }

  // An agent may fire writes without awaiting them; todo stamping reads the previous list, so todo
  // writes are applied one after another in call order.
  let todoChain: Promise<unknown> = Promise.resolve();

  return {
    writeTodos(list: TodoInput[]): Promise<TodoItem[]> {
      const parsed = TodoListInput.safeParse(list);
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
        return Promise.reject(new AgentError(`todo list rejected: ${detail}`));
      }
      const run = todoChain.then(() => writeTodosOnce(parsed.data));
      todoChain = run.catch(() => undefined);
      return run;
    },

    async emitOutput(output: NewOutput): Promise<{ id: string }> {
      // The id is drawn here so the statement need return nothing but its event.
      const id = randomUUID();
      const rows = await runPrepared(database, EMIT_OUTPUT, {
        ...fence,
        outputId: id,
        title: output.title,
        body: output.body,
        fileKey: output.file?.key ?? null,
        fileFormat: output.file?.format ?? null,
        filename: output.file?.filename ?? null,
        mime: output.file?.mime ?? null,
        bytes: output.file?.bytes ?? null,
        generationMethod: output.generationMethod,
        agentType: ticket.agentType,
        outputType: output.outputType,
        sources: JSON.stringify(output.sources ?? []),
        grounding: output.grounding ? JSON.stringify(output.grounding) : null,
      });
      if (rows.length === 0) throw new TicketNotHeldError(ticket.id);
      return { id };
    },

    async log(level, message, detail): Promise<void> {
      const data: LogEventData = { level, message };
      if (detail?.kind) data.kind = detail.kind;
      if (detail?.tool) data.tool = detail.tool;
      if (detail?.outcome) data.outcome = detail.outcome;
      const rows = await runPrepared(database, LOG, { ...fence, data: JSON.stringify(data) });
      if (rows.length === 0) throw new TicketNotHeldError(ticket.id);
    },

    // Not guarded by the lease on purpose: tokens spent by an agent that lost its ticket were still
    // spent, and the request's usage is what a person is billed for.
    async recordUsage(usage: Usage): Promise<void> {
      const add = sql`jsonb_build_object(
        'input_tokens', COALESCE((${workRequests.usage}->>'input_tokens')::bigint, 0) + ${Math.max(0, Math.round(usage.inputTokens))}::bigint,
        'output_tokens', COALESCE((${workRequests.usage}->>'output_tokens')::bigint, 0) + ${Math.max(0, Math.round(usage.outputTokens))}::bigint)`;
      // Cost accumulates per step at the price known when the step ran; it stays absent until one is known.
      const cost =
        usage.costUsd !== undefined && Number.isFinite(usage.costUsd)
          ? sql` || jsonb_build_object('cost_usd', round((COALESCE((${workRequests.usage}->>'cost_usd')::numeric, 0) + ${usage.costUsd}::numeric), 6))`
          : sql``;
      const model = usage.model ? sql` || jsonb_build_object('model', ${usage.model}::text)` : sql``;
      const provider = usage.provider ? sql` || jsonb_build_object('provider', ${usage.provider}::text)` : sql``;
      const merged = sql`${workRequests.usage} || ${add}${cost}${model}${provider}`;
      await database.db.update(workRequests).set({ usage: merged }).where(eq(workRequests.id, ticket.requestId));
    },

    // A read: answers are never taken back, so what a run of this ticket reads stays true.
    async answeredQuestions(): Promise<AnsweredQuestion[]> {
      const rows = await database.db
        .select({ key: ticketQuestions.key, answer: ticketQuestions.answer, state: ticketQuestions.state })
        .from(ticketQuestions)
        .where(and(eq(ticketQuestions.ticketId, ticket.id), isNotNull(ticketQuestions.answeredAt)));
      return rows.map((r) => ({ key: r.key, answer: r.answer, state: r.state ?? null }));
    },
  };
}
