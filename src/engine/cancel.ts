// Cancelling. A pending or waiting ticket (no worker holds either) is cancelled at once (one guarded
// UPDATE + its event; a waiting ticket's waiting step is written stopped, its question left unanswered). A running one
// gets `cancel_requested_at` and a NOTIFY on the cancel channel; the worker holding it aborts the
// agent's AbortSignal and writes the terminal `cancelled` itself, keeping every output and todo
// the agent produced so far. If that worker is gone, the reaper ends the ticket `cancelled` once its
// lease expires (cancel wins over requeue; see sql/reap-expired-leases.ts).
//
// The cancel/complete race: the ticket's row lock orders them. A run whose terminal write commits
// first completes, and the cancel then gets ConflictError (409). A cancel that commits first is
// accepted (202), but a run whose agent had already returned still writes `completed`: the request
// stops work still to do, it does not undo work done.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { workTickets, type TicketRow } from "../db/schema.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import { CHANNELS } from "../domain/events.js";
import { transition } from "../domain/ticket-status.js";
import { appendEvent } from "../events/append.js";
import { stopInterruptedTodosSql } from "./sql/stop-todos.js";

export async function cancelTicket(database: Database, ticketId: string, now: () => Date = () => new Date()): Promise<TicketRow> {
  return database.db.transaction(async (tx) => {
    const [ticket] = await tx.select().from(workTickets).where(eq(workTickets.id, ticketId)).for("update");
    if (!ticket) throw new NotFoundError("ticket", ticketId);
    const step = transition(ticket.status, "cancel");
    if (!step.ok) throw new ConflictError(`a ${ticket.status} ticket cannot be cancelled`, ticket.status);

    if (ticket.status === "pending" || ticket.status === "waiting") {
      const from = ticket.status;
      const at = now();
      const todos = from === "waiting" ? stopInterruptedTodosSql(sql`${workTickets.todos}`) : sql`${workTickets.todos}`;
      const [row] = await tx
        .update(workTickets)
        .set({
          status: "cancelled",
          cancelRequestedAt: at,
          finishedAt: at,
          updatedAt: at,
          leaseOwner: null,
          leaseExpiresAt: null,
          resumeAt: null,
          todos,
          metadata: sql`${workTickets.metadata} || jsonb_build_object('final_todos', ${todos}, 'execution_time_ms', 0, 'error_message', NULL::text)`,
        })
        .where(sql`${workTickets.id} = ${ticketId} AND ${workTickets.status} = ${from}`)
        .returning();
      if (!row) throw new ConflictError("the ticket changed while it was being cancelled", ticket.status);
      await appendEvent(tx, {
        ticketId,
        projectId: ticket.projectId,
        type: "status",
        data: {
          status: "cancelled",
          previous: from,
          attempt: ticket.attempt,
          reason: from === "pending" ? "cancelled before it started" : "cancelled while waiting for input",
        },
      });
      return row;
    }

    // running: cooperative. Repeating the request is harmless (the first request time is kept).
    if (ticket.cancelRequestedAt) return ticket;
    const at = now();
    const [row] = await tx
      .update(workTickets)
      .set({ cancelRequestedAt: at, updatedAt: at })
      .where(sql`${workTickets.id} = ${ticketId} AND ${workTickets.status} = 'running'`)
      .returning();
    if (!row) throw new ConflictError("the ticket changed while it was being cancelled", ticket.status);
    await appendEvent(tx, {
      ticketId,
      projectId: ticket.projectId,
      type: "log",
      data: { level: "info", message: "Cancel requested; stopping the agent" },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNELS.cancel}, ${ticketId})`);
    return row;
  });
}
