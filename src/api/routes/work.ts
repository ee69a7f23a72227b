// Work tickets: execute (submit), list, get, cancel, retry. The handlers only translate HTTP to the
// engine's functions and back; every rule lives in src/domain and src/engine.
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { getTicketView, InvalidCursorError, listTicketViews } from "../../db/repositories/tickets.js";
import type { TicketRow } from "../../db/schema.js";
import { ExecuteAccepted, ExecuteRequest, TicketList, TicketListQuery, TicketView } from "../../domain/contract.js";
import { NotFoundError } from "../../domain/errors.js";
import { AgentType } from "../../domain/recipe.js";
import { parseTimeBound } from "../../domain/time-range.js";
import { cancelTicket, retryTicket, waitForTicketEnd } from "../../engine/index.js";
import { SubmitBatcher } from "../../engine/submit-batcher.js";
import type { Context } from "hono";
import { checkProjectRole, requireProjectRole, requireTicketRole } from "../access.js";
import { credentialKey, principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { RateLimiter } from "../limits.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { submitWithIdempotencyKey } from "../idempotency.js";
import { ProblemError, zodFieldErrors } from "../problem.js";

/** How long `async: false` may hold a request before answering with the still-running ticket. */
const SYNC_WAIT_MAX_MS = 10 * 60_000;

const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe(
      "Per caller, honoured for 24 h: the same key and request answer the first ticket (Idempotent-Replayed: true); the same key with another request is 422",
    ),
});

const execute = createRoute({
  method: "post",
  path: "/api/work/{agent_type}/execute",
  tags: ["work"],
  summary: "Submit work: answers 202 with the ticket at once (or waits with async:false)",
  request: {
    params: z.object({ agent_type: z.string().max(100) }),
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: ExecuteRequest } } },
  },
  responses: {
    202: { description: "Accepted: the ticket is pending", content: { "application/json": { schema: ExecuteAccepted } } },
    200: {
      description: "async:false — the finished ticket (or the ticket waiting for a person's answer)",
      content: { "application/json": { schema: TicketView } },
    },
    ...errorResponses,
    429: { description: "Too many submissions from this session or token; see Retry-After", content: problemContent },
  },
});

const list = createRoute({
  method: "get",
  path: "/api/work/tickets",
  tags: ["work"],
  summary: "List tickets, newest first, cursor-paginated; search (q) the topic and output titles, bound by since/until",
  request: { query: TicketListQuery },
  responses: {
    200: { description: "A page of tickets", content: { "application/json": { schema: TicketList } } },
    422: errorResponses[422],
  },
});

const get = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}",
  tags: ["work"],
  summary: "One ticket with metadata, current todos and outputs",
  request: { params: IdParam },
  responses: { 200: { description: "The ticket", content: { "application/json": { schema: TicketView } } }, 404: errorResponses[404] },
});

const cancel = createRoute({
  method: "post",
  path: "/api/work/tickets/{id}/cancel",
  tags: ["work"],
  summary: "Cancel: at once when pending; cooperatively (AbortSignal) when running",
  request: { params: IdParam },
  responses: {
    200: { description: "The ticket after the request", content: { "application/json": { schema: TicketView } } },
    404: errorResponses[404],
    409: { description: "The ticket has already ended", content: problemContent },
  },
});

const RetryBody = z.object({
  parameters: z.record(z.string(), z.unknown()).optional(),
  /** Run on the recipe's latest version; by default a retry runs on its original's version. */
  latest_recipe: z.boolean().optional(),
});

const retry = createRoute({
  method: "post",
  path: "/api/work/tickets/{id}/retry",
  tags: ["work"],
  summary: "Retry / regenerate: a new ticket with retry_of, optionally with edited parameters",
  request: { params: IdParam, body: { required: false, content: { "application/json": { schema: RetryBody } } } },
  responses: {
    202: { description: "The new ticket", content: { "application/json": { schema: ExecuteAccepted } } },
    ...errorResponses,
    409: { description: "The ticket has not ended yet", content: problemContent },
  },
});

function accepted(t: TicketRow) {
  return {
    work_ticket_id: t.id,
    work_request_id: t.requestId,
    status: t.status,
    links: {
      self: `/api/work/tickets/${t.id}`,
      stream: `/api/work/tickets/${t.id}/stream`,
      outputs: `/api/work/tickets/${t.id}/outputs`,
      track: `/projects/${t.projectId}/work-tickets/${t.id}/track`,
    },
  };
}

export function registerWorkRoutes(app: Api, deps: Pick<ApiDeps, "database" | "config" | "ticketEnds">): void {
  const { database } = deps;
  const db = database.db;
  const submissions = new RateLimiter(deps.config.submitRatePerMinute, 60_000);
  const batcher = new SubmitBatcher(database, { writers: database.kind === "postgres" ? 2 : 1 });

  /** Submit and retry both start work: they share one budget per session or token. */
  function spendSubmission(c: Context<AppEnv>): void {
    const take = submissions.take(credentialKey(principalOf(c)));
    if (!take.ok) {
      throw new ProblemError(
        429,
        "Too many submissions",
        `This session or token may start ${deps.config.submitRatePerMinute} tickets a minute; wait ${take.retryAfterS} s.`,
        undefined,
        { "retry-after": String(take.retryAfterS) },
      );
    }
  }

  async function view(id: string) {
    const v = await getTicketView(db, id, { withOutputs: true });
    if (!v) throw new NotFoundError("ticket", id);
    return v;
  }

  app.openapi(execute, async (c) => {
    const { agent_type } = c.req.valid("param");
    const agentType = AgentType.safeParse(agent_type);
    if (!agentType.success) throw new NotFoundError("agent type", agent_type.slice(0, 80));
    const body = c.req.valid("json");
    const key = c.req.valid("header")["idempotency-key"];
    const principal = principalOf(c);
    spendSubmission(c);
    const input = {
      requestedBy: principal.user.id,
      projectId: body.project_id,
      recipeSlug: body.recipe_slug,
      parameters: body.parameters,
      agentType: agentType.data,
      model: body.model,
      priority: body.priority,
    };
    let ticket: TicketRow;
    if (key) {
      await requireProjectRole(db, principal, body.project_id, "work");
      const result = await submitWithIdempotencyKey(database, {
        caller: principal.user.id,
        key,
        request: { agent_type: agent_type, ...body },
        input,
      });
      ticket = result.ticket;
      if (!result.created) c.header("Idempotent-Replayed", "true");
    } else {
      // The role is checked inside the batch's one statement (src/engine/submit-batcher.ts).
      ({ ticket } = await batcher.submit({
        ...input,
        check: { userId: principal.user.id, action: "work", authorize: (role) => checkProjectRole(role, body.project_id, "work") },
      }));
    }
    c.header("Location", `/api/work/tickets/${ticket.id}`);
    if (!body.async) {
      // A ticket that asks a person (issue 16) answers now, waiting: its answer may take days.
      const until = { orWaiting: true };
      await (deps.ticketEnds?.wait(ticket.id, SYNC_WAIT_MAX_MS, until) ??
        waitForTicketEnd(database, ticket.id, SYNC_WAIT_MAX_MS, undefined, until));
      return c.json(await view(ticket.id), 200);
    }
    return c.json(accepted(ticket), 202);
  });

  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const principal = principalOf(c);
    // One instant for both bounds, so "since=7d&until=1d" is a window of exactly six days.
    const now = new Date();
    const since = query.since === undefined ? null : parseTimeBound(query.since, now);
    const until = query.until === undefined ? null : parseTimeBound(query.until, now);
    if (since && until && since >= until) {
      throw new ProblemError(422, "Invalid request", "`until` must be later than `since`.", [
        { field: "query/until", message: "must be later than since" },
      ]);
    }
    if (query.project_id) await requireProjectRole(db, principal, query.project_id, "read");
    try {
      // With a project the role check above has decided; without one, only the caller's projects.
      const visibleTo = query.project_id ? undefined : principal.user.id;
      return c.json(await listTicketViews(db, query, { visibleTo, now }), 200);
    } catch (err) {
      if (err instanceof InvalidCursorError) {
        throw new ProblemError(422, "Invalid request", err.message, [{ field: "query/cursor", message: err.message }]);
      }
      throw err;
    }
  });

  app.openapi(get, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    // Any role reads: the membership is checked in the ticket's own query (not a member → 404, as missing).
    const v = await getTicketView(db, id, { withOutputs: true, visibleTo: principalOf(c).user.id });
    if (!v) throw new NotFoundError("ticket", id);
    return c.json(v, 200);
  });

  app.openapi(cancel, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    await requireTicketRole(db, principalOf(c), id, "work");
    await cancelTicket(database, id);
    return c.json(await view(id), 200);
  });

  app.openapi(retry, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    const parsed = RetryBody.safeParse(parseOptionalJson(await c.req.text()));
    if (!parsed.success) throw new ProblemError(422, "Invalid request", "The request body is invalid.", zodFieldErrors(parsed.error));
    const principal = principalOf(c);
    await requireTicketRole(db, principal, id, "work");
    spendSubmission(c);
    const { ticket } = await retryTicket(database, id, {
      parameters: parsed.data.parameters,
      requestedBy: principal.user.id,
      latestRecipe: parsed.data.latest_recipe,
    });
    c.header("Location", `/api/work/tickets/${ticket.id}`);
    return c.json(accepted(ticket), 202);
  });
}

/** An optional JSON body (Hono caches it after validation): empty → {}; present but malformed → 400. */
function parseOptionalJson(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProblemError(400, "Malformed JSON", "The request body is not valid JSON.");
  }
}
