// Webhooks (issue 17): a project's endpoints, subscribed to ticket events and signed the Standard
// Webhooks way. Members read endpoints and their delivery log; owners create, delete and redeliver.
// The secret is in the answer to the create, and never again.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpointRow,
  listDeliveries,
  listEndpoints,
  enableEndpoint,
  redeliver,
  rotateSecret,
  WEBHOOK_EVENTS,
} from "../../automations/index.js";
import { ConflictError, NotFoundError } from "../../domain/errors.js";
import { requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const EndpointCreate = z
  .object({
    url: z.string().min(1).max(2000).openapi({ example: "https://example.com/hooks/worksmith" }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
  })
  .strict()
  .openapi("WebhookEndpointCreate");

const Endpoint = z
  .object({
    id: z.string(),
    project_id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    created_at: z.string(),
  })
  .openapi("WebhookEndpoint");

const Delivery = z
  .object({
    id: z.string().openapi({ description: "The webhook-id header: the same on every attempt" }),
    event_type: z.string(),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_latency_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    response_snippet: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    next_attempt_at: z.string(),
  })
  .openapi("WebhookDelivery");

const list = createRoute({
  method: "get",
  path: "/api/projects/{id}/webhooks",
  tags: ["webhooks"],
  summary: "The project's webhook endpoints (without secrets)",
  request: { params: IdParam },
  responses: { 200: { description: "Endpoints", ...json(z.object({ items: z.array(Endpoint) })) }, 404: errorResponses[404] },
});

const create = createRoute({
  method: "post",
  path: "/api/projects/{id}/webhooks",
  tags: ["webhooks"],
  summary: "Add an endpoint (owners); the answer carries its signing secret, shown this once",
  request: { params: IdParam, body: { required: true, ...json(EndpointCreate) } },
  responses: { 201: { description: "The endpoint and its secret", ...json(Endpoint.extend({ secret: z.string() })) }, ...errorResponses },
});

const remove = createRoute({
  method: "delete",
  path: "/api/webhooks/{id}",
  tags: ["webhooks"],
  summary: "Delete an endpoint and its delivery log (owners)",
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, 403: errorResponses[403], 404: errorResponses[404] },
});

const deliveries = createRoute({
  method: "get",
  path: "/api/webhooks/{id}/deliveries",
  tags: ["webhooks"],
  summary: "The endpoint's delivery log, newest first: status code, latency, response snippet, attempts",
  request: { params: IdParam },
  responses: { 200: { description: "Deliveries", ...json(z.object({ items: z.array(Delivery) })) }, 404: errorResponses[404] },
});

const DeliveryParams = z.object({ id: z.string().min(1).max(200), deliveryId: z.string().min(1).max(200) });
const redeliverRoute = createRoute({
  method: "post",
  path: "/api/webhooks/{id}/deliveries/{deliveryId}/redeliver",
  tags: ["webhooks"],
  summary: "Send a delivered or failed event again, with the same webhook-id (owners)",
  request: { params: DeliveryParams },
  responses: {
    202: { description: "Queued" },
    403: errorResponses[403],
    404: errorResponses[404],
    409: { description: "Not a finished delivery of this endpoint", content: problemContent },
  },
});

const rotate = createRoute({
  method: "post",
  path: "/api/webhooks/{id}/rotate-secret",
  tags: ["webhooks"],
  summary: "Replace the endpoint's signing secret (owners); the new one is in this answer only",
  request: { params: IdParam },
  responses: {
    200: { description: "The new secret", ...json(z.object({ secret: z.string() })) },
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const enable = createRoute({
  method: "post",
  path: "/api/webhooks/{id}/enable",
  tags: ["webhooks"],
  summary: "Send to an endpoint again after it was disabled for repeated failures (owners)",
  request: { params: IdParam },
  responses: { 200: { description: "The endpoint", ...json(Endpoint) }, 403: errorResponses[403], 404: errorResponses[404] },
});

export function registerWebhookRoutes(app: Api, deps: Pick<ApiDeps, "database" | "config">): void {
  const db = deps.database.db;

  async function endpointFor(c: Context<AppEnv>, rawId: string, action: "read" | "manage") {
    const id = requireUuid("webhook", rawId);
    const row = await getEndpointRow(db, id);
    if (!row) throw new NotFoundError("webhook", id);
    try {
      await requireProjectRole(db, principalOf(c), row.projectId, action);
    } catch (err) {
      if (err instanceof NotFoundError) throw new NotFoundError("webhook", id);
      throw err;
    }
    return row;
  }

  app.openapi(list, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    await requireProjectRole(db, principalOf(c), projectId, "read");
    return c.json({ items: await listEndpoints(db, projectId) }, 200);
  });

  app.openapi(create, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireProjectRole(db, principal, projectId, "manage");
    const body = c.req.valid("json");
    const created = await createEndpoint(db, {
      projectId,
      url: body.url,
      events: body.events,
      createdBy: principal.user.id,
      allowPrivate: deps.config.webhookAllowPrivate,
    });
    return c.json(created, 201);
  });

  app.openapi(remove, async (c) => {
    const row = await endpointFor(c, c.req.valid("param").id, "manage");
    await deleteEndpoint(db, row.id);
    return c.body(null, 204);
  });

  app.openapi(deliveries, async (c) => {
    const row = await endpointFor(c, c.req.valid("param").id, "read");
    return c.json({ items: await listDeliveries(db, row.id) }, 200);
  });

  app.openapi(enable, async (c) => {
    const row = await endpointFor(c, c.req.valid("param").id, "manage");
    const view = await enableEndpoint(db, row.id);
    if (!view) throw new NotFoundError("webhook", row.id);
    return c.json(view, 200);
  });

  app.openapi(rotate, async (c) => {
    const row = await endpointFor(c, c.req.valid("param").id, "manage");
    const secret = await rotateSecret(db, row.id);
    if (!secret) throw new NotFoundError("webhook", row.id);
    return c.json({ secret }, 200);
  });

  app.openapi(redeliverRoute, async (c) => {
    const params = c.req.valid("param");
    const row = await endpointFor(c, params.id, "manage");
    if (!(await redeliver(db, row.id, params.deliveryId.slice(0, 100))))
      throw new ConflictError("No finished delivery with this id on this endpoint.");
    return c.body(null, 202);
  });
}
