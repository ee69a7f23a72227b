// The live streams of DESIGN.md §5: GET /api/work/tickets/:id/stream and GET /api/projects/:id/events
// (text/event-stream). Everything is decided before the first byte: an unknown or malformed id is a
// 404 problem+json, a bad cursor a 422. The stream itself lives in src/events/event-stream.ts.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Database } from "../../db/client.js";
import { NotFoundError } from "../../domain/errors.js";
import { createEventStream, findTicketStreamStart, type EventFilter, type EventHub } from "../../events/index.js";
import type { Context } from "hono";
import { requireProjectRole, requireTicketRole } from "../access.js";
import { credentialKey, principalOf } from "../authn.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { SlotCounter } from "../limits.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { ProblemError } from "../problem.js";

export interface StreamRouteOptions {
  database: Database;
  hub: EventHub;
  /** Comment heartbeat period; default 15 s (tests shorten it). */
  heartbeatMs?: number | undefined;
  /** Live todo lists per ticket at most once per this period; default 100 ms (≈10/s). */
  coalesceTodosMs?: number | undefined;
  /** `retry:` hint for the client's reconnect delay; default 2000 ms. */
  retryMs?: number | undefined;
  /** Called for every event written to a client (the SSE delivery counter of /metrics). */
  onDelivered?: (() => void) | undefined;
  /** Rows per replay query; default 500 (tests shorten it to make replays span many pages). */
  replayPageSize?: number | undefined;
  /** Concurrent streams per session or API token; default 32. */
  maxStreamsPerPrincipal?: number | undefined;
}

const Cursor = z
  .string()
  .regex(/^\d{1,15}$/, "an event id (a non-negative integer)")
  .optional();
const StreamQuery = z.object({ after: Cursor.describe("Replay the events after this id (Last-Event-ID wins when both are sent)") });
const StreamHeaders = z.object({ "last-event-id": Cursor.describe("Sent by EventSource on reconnect: replay the events after it") });

const sseContent = {
  "text/event-stream": {
    schema: z
      .string()
      .describe(
        "Server-sent events: `id: <event id>`, `event: status|todos|output|log`, `data: <TicketEvent JSON>`; ticket streams end with `event: end`",
      ),
  },
};

const streamResponses = {
  200: { description: "An event stream", content: sseContent },
  401: errorResponses[401],
  404: errorResponses[404],
  422: errorResponses[422],
  429: { description: "This session or token has too many open streams", content: problemContent },
};

const ticketStream = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}/stream",
  tags: ["work"],
  summary: "Live events of one ticket (SSE): replays after Last-Event-ID, then live; ends after the terminal status",
  request: { params: IdParam, query: StreamQuery, headers: StreamHeaders },
  responses: streamResponses,
});

const projectStream = createRoute({
  method: "get",
  path: "/api/projects/{id}/events",
  tags: ["projects"],
  summary: "Live events of every ticket of a project (SSE): replays after Last-Event-ID, then live; never ends by itself",
  request: { params: IdParam, query: StreamQuery, headers: StreamHeaders },
  responses: streamResponses,
});

function cursorOf(header: string | undefined, query: string | undefined): number {
  const value = header ?? query;
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new ProblemError(422, "Invalid request", "The event cursor is not an event id.", [
      { field: "query/after", message: "an event id" },
    ]);
  return n;
}

/** An event-stream answer (also the notifications stream's, src/api/routes/notifications.ts). */
export function sseResponse(body: ReadableStream<Uint8Array> | null): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // nginx buffers proxied responses by default, which would hold events back.
      "x-accel-buffering": "no",
    },
  });
}

export function registerStreamRoutes(app: Api, options: StreamRouteOptions): void {
  const { database, hub } = options;
  const maxStreams = options.maxStreamsPerPrincipal ?? 32;
  const open = new SlotCounter(maxStreams);

  /**
   * Holds one of the caller's stream slots for as long as the stream runs; the stream's own
   * `onFinish` gives it back (a wrapping stream would add a hop per frame: 15× slower at 10k clients).
   */
  function capped(c: Context<AppEnv>, start: (onFinish: () => void) => ReadableStream<Uint8Array>): Response {
    // Hono answers HEAD by running GET and dropping the body without cancelling it: a stream started
    // for a HEAD would hold its slot and hub subscription forever. Answer with the headers only.
    if (c.req.method === "HEAD") return sseResponse(null);
    const release = open.acquire(credentialKey(principalOf(c)));
    if (!release) {
      throw new ProblemError(
        429,
        "Too many open streams",
        `A session or token may follow at most ${maxStreams} streams at once; close some tabs or streams.`,
        undefined,
        { "retry-after": "5" },
      );
    }
    try {
      return sseResponse(start(release));
    } catch (err) {
      release();
      throw err;
    }
  }
  const streamOptions = {
    heartbeatMs: options.heartbeatMs,
    coalesceTodosMs: options.coalesceTodosMs,
    retryMs: options.retryMs,
    replayPageSize: options.replayPageSize,
    onDelivered: options.onDelivered,
  };

  app.openapi(ticketStream, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    const after = cursorOf(c.req.valid("header")["last-event-id"], c.req.valid("query").after);
    await requireTicketRole(database.db, principalOf(c), id, "read");
    const start = await findTicketStreamStart(database.db, id);
    if (!start) throw new NotFoundError("ticket", id);
    const filter: EventFilter = { ticketId: id };
    return capped(c, (onFinish) =>
      createEventStream({
        database,
        hub,
        filter,
        after,
        endOnTerminal: true,
        terminalEventId: start.terminalEventId,
        ...streamOptions,
        onFinish,
      }),
    );
  });

  app.openapi(projectStream, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    const after = cursorOf(c.req.valid("header")["last-event-id"], c.req.valid("query").after);
    await requireProjectRole(database.db, principalOf(c), id, "read");
    return capped(c, (onFinish) =>
      createEventStream({ database, hub, filter: { projectId: id }, after, endOnTerminal: false, ...streamOptions, onFinish }),
    );
  });
}
