// Notifications (issue 17): the signed-in person's own list with its unread count, marking read, a
// live stream of what they are told, and what they choose per project. Everything is scoped to the
// caller: somebody else's notification is a 404 like a missing one.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import {
  getPreferences,
  latestNotifiedEventId,
  listNotifications,
  markRead,
  NOTIFICATIONS_CHANNEL,
  notificationExists,
  readNotifiedEvents,
  setPreferences,
} from "../../automations/index.js";
import type { Database } from "../../db/client.js";
import { NotFoundError } from "../../domain/errors.js";
import { frameComment, frameEvent, frameRetry } from "../../events/index.js";
import { requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, type Api } from "../openapi.js";
import { ProblemError } from "../problem.js";
import { sseResponse } from "./streams.js";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const Notification = z
  .object({
    id: z.string(),
    project_id: z.string(),
    ticket_id: z.string(),
    kind: z.enum(["ticket.completed", "ticket.failed", "ticket.waiting"]).or(z.string()),
    title: z.string(),
    detail: z.string().nullable(),
    read: z.boolean(),
    created_at: z.string(),
    email_status: z.enum(["pending", "sent", "failed"]).nullable(),
  })
  .openapi("Notification");

const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() }).openapi("NotificationList");

const Preferences = z
  .object({
    project_id: z.string(),
    in_app: z.boolean(),
    email: z.boolean(),
    email_available: z.boolean().openapi({ description: "The server can send e-mail (SMTP is configured)" }),
  })
  .openapi("NotificationPreferences");

const PreferencesUpdate = z.object({ in_app: z.boolean(), email: z.boolean() }).strict().openapi("NotificationPreferencesUpdate");

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.string().uuid().optional().openapi({ description: "A notification id: the page of older ones" }),
});

const list = createRoute({
  method: "get",
  path: "/api/notifications",
  tags: ["notifications"],
  summary: "Your notifications, newest first, and how many are unread",
  request: { query: ListQuery },
  responses: { 200: { description: "Notifications", ...json(NotificationList) }, 422: errorResponses[422] },
});

const readOne = createRoute({
  method: "post",
  path: "/api/notifications/{id}/read",
  tags: ["notifications"],
  summary: "Mark one of your notifications read",
  request: { params: IdParam },
  responses: { 200: { description: "Unread count after", ...json(z.object({ unread: z.number().int() })) }, 404: errorResponses[404] },
});

const readAll = createRoute({
  method: "post",
  path: "/api/notifications/read-all",
  tags: ["notifications"],
  summary: "Mark all your notifications read",
  responses: { 200: { description: "Unread count after (0)", ...json(z.object({ unread: z.number().int() })) } },
});

const Cursor = z
  .string()
  .regex(/^\d{1,15}$/, "an event id")
  .optional();
const stream = createRoute({
  method: "get",
  path: "/api/notifications/stream",
  tags: ["notifications"],
  summary: "Live (SSE): the ticket event behind each new notification of yours (`event: status`); without a cursor, only what comes next",
  request: {
    query: z.object({ after: Cursor }),
    headers: z.object({ "last-event-id": Cursor }),
  },
  responses: {
    200: { description: "An event stream", content: { "text/event-stream": { schema: z.string() } } },
    422: errorResponses[422],
  },
});

const getPrefs = createRoute({
  method: "get",
  path: "/api/projects/{id}/notification-preferences",
  tags: ["notifications"],
  summary: "What you are told about the tickets you start in this project",
  request: { params: IdParam },
  responses: { 200: { description: "Your choice (defaults: in the app yes, e-mail no)", ...json(Preferences) }, 404: errorResponses[404] },
});

const putPrefs = createRoute({
  method: "put",
  path: "/api/projects/{id}/notification-preferences",
  tags: ["notifications"],
  summary: "Choose how you are told when tickets you started here finish, fail or wait for you",
  request: { params: IdParam, body: { required: true, ...json(PreferencesUpdate) } },
  responses: { 200: { description: "Saved", ...json(Preferences) }, 404: errorResponses[404], 422: errorResponses[422] },
});

export interface NotificationRouteOptions {
  /** Comment heartbeat period (default 15 s). */
  heartbeatMs?: number | undefined;
}

export function registerNotificationRoutes(
  app: Api,
  deps: Pick<ApiDeps, "database" | "config">,
  options: NotificationRouteOptions = {},
): void {
  const db = deps.database.db;
  const emailAvailable = deps.config.smtp !== undefined;

  app.openapi(list, async (c) => {
    const q = c.req.valid("query");
    return c.json(await listNotifications(db, principalOf(c).user.id, { limit: q.limit, before: q.before }), 200);
  });

  app.openapi(readOne, async (c) => {
    const userId = principalOf(c).user.id;
    const id = requireUuid("notification", c.req.valid("param").id);
    if (!(await notificationExists(db, userId, id))) throw new NotFoundError("notification", id);
    await markRead(db, userId, id);
    return c.json({ unread: (await listNotifications(db, userId, { limit: 1 })).unread }, 200);
  });

  app.openapi(readAll, async (c) => {
    await markRead(db, principalOf(c).user.id);
    return c.json({ unread: 0 }, 200);
  });

  app.openapi(getPrefs, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireProjectRole(db, principal, projectId, "read");
    return c.json(await getPreferences(db, principal.user.id, projectId, emailAvailable), 200);
  });

  app.openapi(putPrefs, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireProjectRole(db, principal, projectId, "read");
    return c.json(await setPreferences(db, principal.user.id, projectId, c.req.valid("json"), emailAvailable), 200);
  });

  app.openapi(stream, async (c) => {
    const userId = principalOf(c).user.id;
    const raw = c.req.valid("header")["last-event-id"] ?? c.req.valid("query").after;
    const after = raw === undefined ? await latestNotifiedEventId(db, userId) : Number(raw);
    if (!Number.isSafeInteger(after)) throw new ProblemError(422, "Invalid request", "The event cursor is not an event id.");
    if (c.req.method === "HEAD") return sseResponse(null);
    return sseResponse(notificationStream(deps.database, userId, after, options.heartbeatMs ?? 15_000));
  });
}

/**
 * One person's stream: a NOTIFY on NOTIFICATIONS_CHANNEL naming them (sent by the transaction that
 * wrote their notifications, on the process's one LISTEN connection) makes it read what is new after
 * its cursor. A read is never run twice at once; a NOTIFY during one reads again after it.
 */
function notificationStream(database: Database, userId: string, after: number, heartbeatMs: number): ReadableStream<Uint8Array> {
  let cursor = after;
  let closed = false;
  let reading: Promise<void> | null = null;
  let again = false;
  let unlisten: (() => Promise<void>) | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  const finish = () => {
    closed = true;
    clearInterval(heartbeat);
    void unlisten?.();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const read = (): void => {
        if (closed) return;
        if (reading) {
          again = true;
          return;
        }
        reading = (async () => {
          do {
            again = false;
            for (;;) {
              const events = await readNotifiedEvents(database.db, userId, cursor);
              for (const event of events) if (!closed) controller.enqueue(frameEvent(event));
              const last = events.at(-1);
              if (last) cursor = last.id;
              if (events.length < 100 || closed) break;
            }
          } while (again && !closed);
        })()
          .catch(() => {
            // The database went away: end the stream; the browser reconnects with its Last-Event-ID.
            if (!closed) controller.close();
            finish();
          })
          .finally(() => {
            reading = null;
          });
      };
      controller.enqueue(frameRetry(2000));
      unlisten = await database.listen(NOTIFICATIONS_CHANNEL, (payload) => {
        if (payload === userId) read();
      });
      if (closed) void unlisten();
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(frameComment("keep-alive"));
      }, heartbeatMs);
      heartbeat.unref();
      read(); // what was written between the cursor and the LISTEN
    },
    cancel: finish,
  });
}
