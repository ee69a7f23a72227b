// Tickets of a project, newest first: search (topics and output titles), a time range, status and
// agent live in the URL (a link reproduces the view), as does the view — cards or a dense table, the
// last choice remembered. The list follows the project's event stream (new tickets slide in, chips change).
import { useCallback, useEffect, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { AGENT_TYPES, type AgentType } from "../../../../src/domain/recipe.js";
import { TICKET_STATUSES, type TicketStatus } from "../../../../src/domain/ticket-status.js";
import { useProject } from "../../app/layout.js";
import { agentLabel, formatExact } from "../../shared/format.js";
import { galleryPath } from "../../shared/paths.js";
import { canWork } from "../../shared/roles.js";
import { EmptyState, ErrorBox, Skeleton } from "../../shared/states.js";
import { statusLabel } from "../../shared/status-chip.js";
import { TicketCard } from "../../shared/ticket-card.js";
import { TicketTable } from "./ticket-table.js";
import { useLiveTickets } from "./use-live-tickets.js";
import "./ticket-list.css";

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

const RANGES = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
] as const;

type View = "cards" | "table";
const VIEW_KEY = "worksmith.ticket-view";
/** Typing settles for this long before the URL (and the request) follows. */
const SEARCH_DEBOUNCE_MS = 300;

function rememberedView(): View {
  try {
    return localStorage.getItem(VIEW_KEY) === "table" ? "table" : "cards";
  } catch {
    return "cards"; // storage refused (private mode, a sandboxed frame)
  }
}

function remember(view: View): void {
  try {
    localStorage.setItem(VIEW_KEY, view);
  } catch {
    // Not remembered; the URL still carries it.
  }
}

/** "since 2026-11-01" for a bound that is not one of the presets (a pasted link). */
function boundLabel(value: string): string {
  const exact = /^\d{4}-/.test(value) ? formatExact(value) : value;
  return exact || value;
}

export function TicketListPage() {
  const { projectId = "" } = useParams();
  const [search, setSearch] = useSearchParams();
  const status = pick<TicketStatus>(search.get("status"), TICKET_STATUSES);
  const agent = pick<AgentType>(search.get("agent_type"), AGENT_TYPES);
  const q = search.get("q") ?? "";
  const since = search.get("since") ?? "";
  const until = search.get("until") ?? "";
  const view: View = pick<View>(search.get("view"), ["cards", "table"]) ?? rememberedView();
  const { tickets, reload, loadMore, loadingMore, now } = useLiveTickets(projectId, {
    status,
    agent_type: agent,
    q: q || undefined,
    since: since || undefined,
    until: until || undefined,
  });
  const editable = canWork(useProject().data?.role);

  const setParams = useCallback(
    (changes: Record<string, string>, replace = false): void => {
      setSearch(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace },
      );
    },
    [setSearch],
  );

  // The box follows the URL (Back, a pasted link); typing reaches the URL once it settles, replacing
  // the entry so Back does not step through every keystroke.
  const [typed, setTyped] = useState(q);
  useEffect(() => setTyped(q), [q]);
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => setParams({ q: typed.trim() ? typed : "" }, true), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed, q, setParams]);

  const setView = (next: View): void => {
    remember(next);
    setParams({ view: next }, true);
  };

  const filtered = status !== undefined || agent !== undefined || q.trim() !== "" || since !== "" || until !== "";
  const customSince = since !== "" && !RANGES.some((r) => r.value === since);
  const clearFilters = (): void => {
    const next = new URLSearchParams();
    if (search.get("view")) next.set("view", view);
    setTyped("");
    setSearch(next);
  };

  return (
    <>
      <div className="page-header">
        <h1>Tickets</h1>
        <div className="view-toggle" role="group" aria-label="View">
          <button type="button" className="button button-small" aria-pressed={view === "cards"} onClick={() => setView("cards")}>
            Cards
          </button>
          <button type="button" className="button button-small" aria-pressed={view === "table"} onClick={() => setView("table")}>
            Table
          </button>
        </div>
      </div>
      <div className="filters" role="search" aria-label="Filter tickets">
        <label className="filter filter-search">
          <span>Search</span>
          <input
            type="search"
            value={typed}
            maxLength={500}
            placeholder="Topic or output title"
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") setParams({ q: typed.trim() ? typed : "" }, true);
            }}
          />
        </label>
        <label className="filter">
          <span>Created</span>
          <select value={since} onChange={(e) => setParams({ since: e.target.value })}>
            <option value="">Any time</option>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
            {customSince && <option value={since}>Since {boundLabel(since)}</option>}
          </select>
        </label>
        <label className="filter">
          <span>Status</span>
          <select value={status ?? ""} onChange={(e) => setParams({ status: e.target.value })}>
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
          <select value={agent ?? ""} onChange={(e) => setParams({ agent_type: e.target.value })}>
            <option value="">All</option>
            {AGENT_TYPES.map((a) => (
              <option key={a} value={a}>
                {agentLabel(a)}
              </option>
            ))}
          </select>
        </label>
        {until && (
          <span className="filter-chip">
            Before {boundLabel(until)}{" "}
            <button
              type="button"
              className="button button-quiet button-small"
              aria-label="Remove the end of the range"
              onClick={() => setParams({ until: "" })}
            >
              ✕
            </button>
          </span>
        )}
        {filtered && (
          <button type="button" className="button button-quiet button-small" onClick={clearFilters}>
            Clear filters
          </button>
        )}
      </div>
      {tickets.state === "loading" && <Skeleton lines={4} label="Loading tickets" />}
      {tickets.state === "error" && <ErrorBox error={tickets.error} onRetry={reload} />}
      {tickets.state === "ready" && tickets.items.length === 0 && (
        <EmptyState title={filtered ? "No tickets match these filters" : "No tickets yet"}>
          {filtered ? (
            <p>Try other words, a longer time range or another status, or clear the filters.</p>
          ) : editable ? (
            <p>
              Start one from a recipe: <Link to={galleryPath(projectId)}>browse recipes</Link>.
            </p>
          ) : (
            <p>Work the project's members start will show up here.</p>
          )}
        </EmptyState>
      )}
      {tickets.state === "ready" && tickets.items.length > 0 && view === "cards" && (
        <ul className="stack ticket-list" aria-label="Tickets">
          {tickets.items.map((t) => (
            <li key={t.id} className="slide-in">
              <TicketCard ticket={t} now={now} />
            </li>
          ))}
        </ul>
      )}
      {tickets.state === "ready" && tickets.items.length > 0 && view === "table" && <TicketTable tickets={tickets.items} now={now} />}
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
