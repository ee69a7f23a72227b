// A project's tickets kept live: the list is fetched once, then patched from the project's event
// stream — todos in place, a status change by refetching that one ticket (so duration, output count
// and final todos are the server's), unknown tickets inserted at the top. A (re)opened stream refetches
// the list quietly, covering anything said while it was not listening.
import { useCallback, useEffect, useRef, useState } from "react";
import type { TicketView } from "../../../../src/domain/contract.js";
import type { TicketEvent } from "../../../../src/domain/events.js";
import type { AgentType } from "../../../../src/domain/recipe.js";
import type { TicketStatus } from "../../../../src/domain/ticket-status.js";
import { api, type ApiError } from "../../shared/api.js";
import { useNow } from "../../shared/use-now.js";
import { toApiError } from "../../shared/use-resource.js";
import { useProjectEvents } from "./project-events.js";

export interface TicketFilters {
  status?: TicketStatus | undefined;
  agent_type?: AgentType | undefined;
  /** Search over topics and output titles (the server decides what matches). */
  q?: string | undefined;
  /** Time bounds as the API takes them: ISO 8601, or a duration back from now ("7d"). */
  since?: string | undefined;
  until?: string | undefined;
}

type State =
  | { state: "loading"; items: TicketView[]; nextCursor: null; error: undefined }
  | { state: "ready"; items: TicketView[]; nextCursor: string | null; error: undefined }
  | { state: "error"; items: TicketView[]; nextCursor: null; error: ApiError };

function matches(ticket: TicketView, filters: TicketFilters): boolean {
  return (!filters.status || ticket.status === filters.status) && (!filters.agent_type || ticket.agent_type === filters.agent_type);
}

/**
 * Whether a ticket the stream announces may be added to the list: a search or an upper time bound
 * is the server's to judge (a new ticket is after any `since`), so such lists take in only the
 * tickets they already show.
 */
function mayInsert(filters: TicketFilters): boolean {
  return !filters.q?.trim() && !filters.until;
}

/** Keep whichever copy of a ticket has seen more of its event log. */
function newer(current: TicketView, incoming: TicketView): TicketView {
  return (incoming.last_event_id ?? 0) >= (current.last_event_id ?? 0) ? incoming : current;
}

export function useLiveTickets(projectId: string, filters: TicketFilters, limit = 50) {
  const [list, setList] = useState<State>({ state: "loading", items: [], nextCursor: null, error: undefined });
  const [loadingMore, setLoadingMore] = useState(false);
  const { subscribe, openCount } = useProjectEvents();
  const filterKey = [filters.status, filters.agent_type, filters.q?.trim(), filters.since, filters.until].map((v) => v ?? "").join("|");
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [generation, setGeneration] = useState(0);
  const loadedKey = useRef<string | null>(null);

  // Load; reload quietly (the cards stay while the answer comes) when only the generation moved.
  useEffect(() => {
    const controller = new AbortController();
    const key = `${projectId}|${filterKey}|${limit}`;
    const quiet = loadedKey.current === key;
    loadedKey.current = key;
    if (!quiet) setList({ state: "loading", items: [], nextCursor: null, error: undefined });
    api.listTickets({ project_id: projectId, ...filtersRef.current, limit }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setList((prev) => {
          const known = new Map(prev.items.map((t) => [t.id, t]));
          const items = page.items.map((t) => {
            const current = known.get(t.id);
            return current ? newer(current, t) : t;
          });
          return { state: "ready", items, nextCursor: page.next_cursor, error: undefined };
        });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setList((prev) =>
          quiet && prev.state === "ready" ? prev : { state: "error", items: [], nextCursor: null, error: toApiError(err) },
        );
      },
    );
    return () => controller.abort();
  }, [projectId, filterKey, limit, generation]);

  useEffect(() => {
    if (openCount > 0) setGeneration((g) => g + 1);
  }, [openCount]);

  const upsert = useCallback(
    (ticket: TicketView) => {
      setList((prev) => {
        if (prev.state !== "ready") return prev;
        const index = prev.items.findIndex((t) => t.id === ticket.id);
        const keep = matches(ticket, filtersRef.current);
        if (index === -1) {
          if (!keep || !mayInsert(filtersRef.current)) return prev;
          return { ...prev, items: [ticket, ...prev.items].slice(0, Math.max(limit, prev.items.length)) };
        }
        const items = prev.items.slice();
        const merged = newer(items[index]!, ticket);
        if (matches(merged, filtersRef.current)) items[index] = merged;
        else items.splice(index, 1);
        return { ...prev, items };
      });
    },
    [limit],
  );

  useEffect(
    () =>
      subscribe((event: TicketEvent) => {
        if (event.type === "todos") {
          const { todos } = event.data;
          setList((prev) => {
            if (prev.state !== "ready") return prev;
            const index = prev.items.findIndex((t) => t.id === event.ticket_id);
            const current = prev.items[index];
            if (!current || (current.last_event_id ?? 0) >= event.id) return prev;
            const items = prev.items.slice();
            items[index] = { ...current, todos, last_event_id: event.id };
            return { ...prev, items };
          });
          return;
        }
        if (event.type === "status" || event.type === "output") {
          api.getTicket(event.ticket_id).then(upsert, () => undefined);
        }
      }),
    [subscribe, upsert],
  );

  const loadMore = useCallback(() => {
    if (list.state !== "ready" || !list.nextCursor) return;
    setLoadingMore(true);
    api.listTickets({ project_id: projectId, ...filtersRef.current, limit, cursor: list.nextCursor }).then(
      (page) => {
        setList((prev) =>
          prev.state === "ready"
            ? {
                ...prev,
                items: [...prev.items, ...page.items.filter((t) => !prev.items.some((p) => p.id === t.id))],
                nextCursor: page.next_cursor,
              }
            : prev,
        );
        setLoadingMore(false);
      },
      () => setLoadingMore(false),
    );
  }, [list, projectId, limit]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const live = list.items.some((t) => t.status === "running" || t.status === "pending");
  const now = useNow(live, 1000);
  return { tickets: list, reload, loadMore, loadingMore, now };
}
