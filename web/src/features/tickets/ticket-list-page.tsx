// Tickets of a project, newest first: filters by status and agent type live in the URL (bookmarkable),
// and the list follows the project's event stream (new tickets slide in, chips change).
import { Link, useParams, useSearchParams } from "react-router";
import { AGENT_TYPES, type AgentType } from "../../../../src/domain/recipe.js";
import { TICKET_STATUSES, type TicketStatus } from "../../../../src/domain/ticket-status.js";
import { useProject } from "../../app/layout.js";
import { agentLabel } from "../../shared/format.js";
import { galleryPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { statusLabel } from "../../shared/status-chip.js";
import { TicketCard } from "../../shared/ticket-card.js";
import { useLiveTickets } from "./use-live-tickets.js";

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

export function TicketListPage() {
  const { projectId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const status = pick<TicketStatus>(search.get("status"), TICKET_STATUSES);
  const agent = pick<AgentType>(search.get("agent_type"), AGENT_TYPES);
  const { tickets, reload, loadMore, loadingMore, now } = useLiveTickets(projectId, { status, agent_type: agent });
  const editable = canWork(useProject().data?.role);

  const setFilter = (key: string, value: string): void => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: false });
  };
  const filtered = status !== undefined || agent !== undefined;

  return (
    <>
      <div className="page-header">
        <h1>Tickets</h1>
      </div>
      <div className="filters" role="group" aria-label="Filters">
        <label className="filter">
          <span>Status</span>
          <select value={status ?? ""} onChange={(e) => setFilter("status", e.target.value)}>
            <option value="">All</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span>Agent</span>
          <select value={agent ?? ""} onChange={(e) => setFilter("agent_type", e.target.value)}>
            <option value="">All</option>
            {AGENT_TYPES.map((a) => (
              <option key={a} value={a}>
                {agentLabel(a)}
              </option>
            ))}
          </select>
        </label>
        {filtered && (
          <button type="button" className="button button-quiet button-small" onClick={() => setSearch(new URLSearchParams())}>
            Clear filters
          </button>
        )}
      </div>
      {tickets.state === "loading" && <Skeleton lines={4} label="Loading tickets" />}
      {tickets.state === "error" && <ErrorBox error={tickets.error} onRetry={reload} />}
      {tickets.state === "ready" && tickets.items.length === 0 && (
        <EmptyState title={filtered ? "No tickets match these filters" : "No tickets yet"}>
          {filtered ? (
            <p>Try another status or agent, or clear the filters.</p>
          ) : editable ? (
            <p>
              Start one from a recipe: <Link to={galleryPath(projectId)}>browse recipes</Link>.
            </p>
          ) : (
            <p>Work the project's members start will show up here.</p>
          )}
        </EmptyState>
      )}
      {tickets.state === "ready" && tickets.items.length > 0 && (
        <ul className="stack ticket-list" aria-label="Tickets">
          {tickets.items.map((t) => (
            <li key={t.id} className="slide-in">
              <TicketCard ticket={t} now={now} />
            </li>
          ))}
        </ul>
      )}
      {tickets.state === "ready" && tickets.nextCursor && (
        <div className="actions center">
          <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
