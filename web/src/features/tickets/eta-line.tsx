// "usually ~40 s · about 15 s left": the ticket's ETA (issue 18), recomputed every tick from a basis
// fetched once per status (src/domain/eta.ts); while the ticket waits in the queue, its place is
// fetched again every few seconds, since the queue moves without this ticket's stream saying so.
import { useEffect, useState } from "react";
import type { TicketView } from "../../../../src/domain/contract.js";
import { describeEta } from "../../../../src/domain/eta.js";
import type { TicketEstimate } from "../../../../src/domain/recipe-stats.js";
import type { TodoItem } from "../../../../src/domain/todos.js";
import { api } from "../../shared/api.js";

const QUEUE_REFRESH_MS = 5_000;

export function EtaLine({ ticket, todos, now }: { ticket: TicketView; todos: readonly TodoItem[]; now: number }) {
  const active = ticket.status === "pending" || ticket.status === "running";
  const [estimate, setEstimate] = useState<TicketEstimate | null>(null);

  useEffect(() => {
    if (!active) return;
    const abort = new AbortController();
    const load = () => api.ticketEstimate(ticket.id, abort.signal).then(setEstimate, () => undefined); // no ETA is no error
    void load();
    const timer = ticket.status === "pending" ? setInterval(() => void load(), QUEUE_REFRESH_MS) : undefined;
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [ticket.id, ticket.status, active]);

  if (!active || !estimate) return null;
  const line = describeEta({
    basis: estimate.basis,
    ticket: { status: ticket.status, started_at: ticket.started_at, todos },
    queuePosition: ticket.status === "pending" && estimate.status === "pending" ? estimate.queue_position : null,
    pacePerMinute: estimate.pace_per_minute,
    nowMs: now,
  });
  if (!line) return null;
  return (
    <p className="muted small" data-testid="eta" title={`From the last ${estimate.basis.runs} finished runs of this recipe`}>
      {line}
    </p>
  );
}
