// The TicketPorts a runner gets for one claimed ticket: every write an agent makes goes through
// here, bound to the ticket AND the run's lease (owner token + attempt, see lease.ts). Each write
// re-checks that the ticket is still running under that lease in the same transaction, so an agent
// that lost its ticket (cancelled, timed out, reaped, re-claimed by a later run) cannot touch it any
// more: it gets TicketNotHeldError instead.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Database, Executor } from "../db/client.js";
import { ticketQuestions, workOutputs, workRequests, workTickets, type TicketRow } from "../db/schema.js";
import { AgentError, type AnsweredQuestion, type NewOutput, type TicketPorts, type Usage } from "../domain/agent-runner.js";
import { stampTodos, TodoListInput, type TodoInput, type TodoItem } from "../domain/todos.js";
import type { LogEventData } from "../domain/events.js";
import { appendEvent } from "../events/append.js";
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

export function createTicketPorts(o: TicketPortsOptions): TicketPorts {
  const { database, ticket, lease } = o;
  const clock = o.clock ?? (() => new Date());
  if (lease.ticketId !== ticket.id) throw new Error(`lease of ticket ${lease.ticketId} given for ticket ${ticket.id}`);
  const held = and(
    eq(workTickets.id, ticket.id),
    eq(workTickets.status, "running"),
    eq(workTickets.leaseToken, lease.owner),
    eq(workTickets.attempt, lease.attempt),
  );

  /** Locks the ticket row (share: writers of outputs don't block each other, the terminal write waits). */
  async function assertHeld(tx: Executor, mode: "share" | "update"): Promise<TicketRow> {
    const [row] = await tx.select().from(workTickets).where(held).for(mode);
    if (!row) throw new TicketNotHeldError(ticket.id);
    return row;
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
      const run = todoChain.then(() =>
        database.db.transaction(async (tx) => {
          const row = await assertHeld(tx, "update");
          const todos = stampTodos(row.todos, parsed.data, clock());
          await tx.update(workTickets).set({ todos }).where(held);
          await appendEvent(tx, { ticketId: ticket.id, projectId: ticket.projectId, type: "todos", data: { todos } });
          return todos;
        }),
      );
      todoChain = run.catch(() => undefined);
      return run;
    },

    async emitOutput(output: NewOutput): Promise<{ id: string }> {
      return database.db.transaction(async (tx) => {
        await assertHeld(tx, "share");
        const [row] = await tx
          .insert(workOutputs)
          .values({
            ticketId: ticket.id,
            projectId: ticket.projectId,
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
            sources: output.sources ?? [],
            grounding: output.grounding ?? null,
          })
          .returning({ id: workOutputs.id });
        if (!row) throw new Error("output insert returned no row");
        await appendEvent(tx, {
          ticketId: ticket.id,
          projectId: ticket.projectId,
          type: "output",
          data: { output_id: row.id, title: output.title, file_format: output.file?.format ?? null, output_type: output.outputType },
        });
        return { id: row.id };
      });
    },

    async log(level, message, detail): Promise<void> {
      const data: LogEventData = { level, message };
      if (detail?.kind) data.kind = detail.kind;
      if (detail?.tool) data.tool = detail.tool;
      if (detail?.outcome) data.outcome = detail.outcome;
      await database.db.transaction(async (tx) => {
        await assertHeld(tx, "share");
        await appendEvent(tx, { ticketId: ticket.id, projectId: ticket.projectId, type: "log", data });
      });
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
