// A ticket as a card (list page and project overview): the whole card links to its tracking page.
// Its title is the ticket's topic (six "Executive summary deck" cards must be told apart); the
// recipe, who started it and when follow underneath.
import { Link } from "react-router";
import type { TicketView } from "../../../src/domain/contract.js";
import { todoProgress } from "../../../src/domain/todos.js";
import { agentLabel, formatDuration, formatLabel } from "./format.js";
import { trackPath } from "./paths.js";
import { StatusChip } from "./status-chip.js";
import { RelativeTime } from "./relative-time.js";
import "./ticket-card.css";

export function ticketDurationMs(ticket: TicketView, now: number): number | null {
  if (ticket.metadata.execution_time_ms !== null && ticket.finished_at) return ticket.metadata.execution_time_ms;
  if (!ticket.started_at) return null;
  const end = ticket.finished_at ? Date.parse(ticket.finished_at) : now;
  return Math.max(0, end - Date.parse(ticket.started_at));
}

export function TicketCard({ ticket, now }: { ticket: TicketView; now: number }) {
  const todos = ticket.metadata.final_todos ?? ticket.todos;
  const { done, total } = todoProgress(todos);
  const duration = ticketDurationMs(ticket, now);
  const outputs = ticket.metadata.output_count;
  return (
    <Link
      to={trackPath(ticket.project_id, ticket.id)}
      className="card card-link ticket-card"
      data-ticket-id={ticket.id}
      data-status={ticket.status}
    >
      <span className="ticket-card-top">
        <StatusChip status={ticket.status} />
        <span className="card-title ticket-topic" title={ticket.topic ?? undefined}>
          {ticket.topic || ticket.recipe_name}
        </span>
      </span>
      <span className="card-meta">
        {ticket.topic ? `${ticket.recipe_name} · ` : ""}
        {agentLabel(ticket.agent_type)} · {formatLabel(ticket.output_format)} · <RelativeTime iso={ticket.created_at} />
        {ticket.submitted_by && ` · by ${ticket.submitted_by}`}
        {ticket.attempt > 1 && ` · attempt ${ticket.attempt}`}
        {ticket.retry_of && " · retry"}
      </span>
      <span className="card-meta">
        {[
          duration !== null ? formatDuration(duration) : null,
          ticket.status === "completed" || outputs > 0 ? `${outputs} ${outputs === 1 ? "output" : "outputs"}` : null,
          total > 0 ? (ticket.status === "running" ? `${done} of ${total} steps` : `${done}/${total} steps`) : null,
        ]
          .filter(Boolean)
          .join(" · ") || "Waiting for a worker"}
      </span>
      {ticket.status === "failed" && ticket.metadata.error_message && <span className="card-error">{ticket.metadata.error_message}</span>}
    </Link>
  );
}
