// Structured logs: one line per HTTP request and one per ticket transition, each carrying the ticket
// id when there is one, so `grep <ticket id>` over the logs tells a ticket's whole story.
import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** A pino logger satisfies this. */
export interface RequestLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export interface RequestLogOptions {
  logger: RequestLogger;
  /** Paths logged at debug level instead of info (scrapes and probes every few seconds). */
  quietPaths?: readonly string[] | undefined;
  /** Injectable clock for tests (ms). */
  now?: (() => number) | undefined;
}

const TICKET_IN_PATH = /\/tickets\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;
const PROJECT_IN_PATH = /\/projects\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;
// A share link's secret is its credential (issue 15): whoever reads the logs must not be able to open it.
const SHARE_SECRET_IN_PATH = /\/share\/wss_[A-Za-z0-9_-]+/g;
// A caller's request id is echoed only if it is short and plain (it ends up in our logs verbatim).
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Hono middleware: logs `{req_id, method, path, route, status, duration_ms, ticket_id?, project_id?}`
 * once the handler has answered, and echoes the id in `X-Request-Id`. Install it before the routes
 * (`app.use("*", requestLog({logger}))`): Hono runs handlers in registration order.
 * For SSE streams the line is written when the headers go out, so duration_ms is time to first byte.
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  const { logger } = options;
  const quiet = new Set(options.quietPaths ?? ["/metrics", "/api/health"]);
  const now = options.now ?? (() => performance.now());

  return async function logRequest(c, next) {
    const started = now();
    const incoming = c.req.header("x-request-id");
    const reqId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    let thrown: unknown = null;
    try {
      await next();
    } catch (err) {
      thrown = err;
      throw err;
    } finally {
      const path = c.req.path.replace(SHARE_SECRET_IN_PATH, "/share/wss_[redacted]");
      const status = thrown ? 500 : c.res.status;
      const line: Record<string, unknown> = {
        req_id: reqId,
        method: c.req.method,
        path,
        route: c.req.routePath,
        status,
        duration_ms: Math.round((now() - started) * 10) / 10,
      };
      const ticket = TICKET_IN_PATH.exec(path)?.[1];
      if (ticket) line.ticket_id = ticket.toLowerCase();
      const project = PROJECT_IN_PATH.exec(path)?.[1];
      if (project) line.project_id = project.toLowerCase();
      try {
        if (!thrown) c.res.headers.set("X-Request-Id", reqId);
      } catch {
        // a proxied fetch() Response has immutable headers; the id is still in the log line
      }
      if (status >= 500) logger.error(line, "request");
      else if (quiet.has(path) && status < 400) logger.debug?.(line, "request");
      else logger.info(line, "request");
    }
  };
}

/** The worker's transition (src/engine/worker.ts WorkerTransition satisfies it). */
export interface TransitionLogEvent {
  ticketId: string;
  from: string | null;
  to: string;
  attempt?: number | undefined;
  reason?: string | null | undefined;
  executionTimeMs?: number | undefined;
}

/** One line per ticket transition; hook it into the worker's onTransition. */
export function logTransition(logger: Pick<RequestLogger, "info" | "warn">, event: TransitionLogEvent): void {
  const line: Record<string, unknown> = { ticket_id: event.ticketId, from: event.from, to: event.to };
  if (event.attempt !== undefined) line.attempt = event.attempt;
  if (event.reason) line.reason = event.reason;
  if (event.executionTimeMs !== undefined) line.execution_time_ms = event.executionTimeMs;
  if (event.to === "failed") logger.warn(line, "ticket transition");
  else logger.info(line, "ticket transition");
}
