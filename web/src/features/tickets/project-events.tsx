// A project's ticket events (GET /api/projects/:id/events) for the pages under the project: the list
// patches itself from them, and they raise the completed/failed (and "needs your input") toasts. The stream itself is the
// browser's one live connection (shared/live-connection): ten tabs on a project hold one stream, and
// the leader names one tab per event to toast it, so a completion toasts once, not once per tab. When
// no tab is looked at, that tab shows a desktop notification instead, for work started here.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { TicketEvent } from "../../../../src/domain/events.js";
import { api, streams } from "../../shared/api.js";
import type { ConnectionState } from "../../shared/event-stream.js";
import { followLive } from "../../shared/live-connection/index.js";
import { notifyDesktop, startedHere } from "../../shared/live-connection/desktop-notify.js";
import { useToast } from "../../shared/toasts.js";
import { trackPath } from "../../shared/paths.js";

type Listener = (event: TicketEvent) => void;

interface ProjectEvents {
  subscribe: (listener: Listener) => () => void;
  connection: ConnectionState;
  /** Bumps each time the stream (re)opens: a page refetches then, to cover anything said while it was down. */
  openCount: number;
}

const ProjectEventsContext = createContext<ProjectEvents>({ subscribe: () => () => undefined, connection: "closed", openCount: 0 });

export function useProjectEvents(): ProjectEvents {
  return useContext(ProjectEventsContext);
}

const TOASTED_KEY = "worksmith:toasted";

/**
 * "Once per browser": the leader names one tab per event, and this claim covers the rest (a reload, a
 * handover that replays an event to a newly named tab, a browser without Web Locks).
 */
function claimToast(ticketId: string): boolean {
  try {
    const seen = new Set<string>(JSON.parse(localStorage.getItem(TOASTED_KEY) ?? "[]") as string[]);
    if (seen.has(ticketId)) return false;
    seen.add(ticketId);
    localStorage.setItem(TOASTED_KEY, JSON.stringify([...seen].slice(-500)));
    return true;
  } catch {
    return true;
  }
}

/** Replayed history is not news: only events from around the time this tab started listening toast. */
const TOAST_FRESHNESS_MS = 10_000;

export function ProjectEventsProvider({ projectId, enabled, children }: { projectId: string; enabled: boolean; children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [openCount, setOpenCount] = useState(0);
  const toast = useToast();
  const navigate = useNavigate();

  useEffect(() => {
    // Wait for the project to be known: an unknown project's stream would only 404 and retry.
    if (!enabled) return;
    const listeningSince = Date.now();
    const raiseToast = (event: TicketEvent): void => {
      const status = event.type === "status" ? event.data.status : undefined;
      if (status !== "completed" && status !== "failed" && status !== "waiting") return;
      if (Date.parse(event.created_at) < listeningSince - TOAST_FRESHNESS_MS) return;
      // A ticket may wait more than once (issue 16): each question toasts once; its end toasts once more.
      if (!claimToast(status === "waiting" ? `${event.ticket_id}:waiting:${event.id}` : event.ticket_id)) return;
      const hidden = document.visibilityState === "hidden";
      // The tracking page of this very ticket already shows the outcome in place: no toast over it.
      const onItsPage = window.location.pathname.includes(`/work-tickets/${event.ticket_id}/`);
      if (onItsPage && !hidden) return;
      // The topic tells apart two runs of one recipe ("Executive summary deck completed — Q3 results").
      const show = (name: string, topic: string | null): void => {
        const about = topic ? ` — ${topic}` : "";
        if (hidden && startedHere(event.ticket_id)) {
          notifyDesktop(
            status === "completed" ? `${name} completed` : status === "waiting" ? `${name} needs your input` : `${name} failed`,
            `${topic ? `${topic}. ` : ""}${status === "completed" ? "Your work is ready in Worksmith." : status === "waiting" ? "Open Worksmith to answer its question." : "Open Worksmith to see what went wrong."}`,
            `worksmith-ticket-${event.ticket_id}`,
            () => void navigate(trackPath(projectId, event.ticket_id)),
          );
        }
        if (onItsPage) return;
        if (status === "waiting") {
          toast({
            id: `ticket-${event.ticket_id}`,
            tone: "info",
            message: `✋ ${name} needs your input${about}`,
            link: { to: trackPath(projectId, event.ticket_id), label: "Answer" },
          });
          return;
        }
        toast({
          id: `ticket-${event.ticket_id}`,
          tone: status === "completed" ? "success" : "danger",
          message: status === "completed" ? `✓ ${name} completed${about}` : `✕ ${name} failed${about}`,
          link: { to: trackPath(projectId, event.ticket_id), label: status === "completed" ? "View outputs" : "View ticket" },
        });
      };
      api.getTicket(event.ticket_id).then(
        (t) => show(t.recipe_name, t.topic ?? null),
        () => show("A ticket", null),
      );
    };
    // The project stream replays from the start of the project when given no cursor; a tab wants only
    // what is new, so it starts after the newest event of the project's recent tickets.
    let close: (() => void) | null = null;
    let cancelled = false;
    const open = (after: number | null): void => {
      if (cancelled) return;
      close = followLive({
        path: streams.project(projectId, null),
        after,
        onEvent: (event, { chosen }) => {
          if (event.type === "status" && chosen) raiseToast(event);
          for (const listener of listeners.current) listener(event);
        },
        onConnection: (state) => {
          setConnection(state);
          if (state === "open") setOpenCount((n) => n + 1);
        },
      });
    };
    api.listTickets({ project_id: projectId, limit: 50 }).then(
      (page) => open(page.items.reduce((max, t) => Math.max(max, t.last_event_id ?? 0), 0)),
      () => open(null),
    );
    return () => {
      cancelled = true;
      close?.();
    };
  }, [projectId, enabled, toast, navigate]);

  const value = useRef<Omit<ProjectEvents, "connection" | "openCount">>({
    subscribe: (listener) => {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });
  return (
    <ProjectEventsContext.Provider value={{ subscribe: value.current.subscribe, connection, openCount }}>
      {children}
    </ProjectEventsContext.Provider>
  );
}
