// Webhook endpoints and their delivery log. The secret is returned once, when the endpoint is made.
import { and, desc, eq, ne, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { webhookDeliveries, webhookEndpoints, type WebhookEndpointRow } from "../../db/schema.js";
import { ValidationError } from "../../domain/errors.js";
import { startCursorSql, WEBHOOK_EVENTS, type WebhookEvent } from "./dispatch.js";
import { newWebhookSecret } from "./sign.js";
import { refuseTarget } from "./target.js";

export interface EndpointView {
  id: string;
  project_id: string;
  url: string;
  events: string[];
  enabled: boolean;
  /** Why sending stopped by itself (repeated failures), or null. */
  disabled_reason: string | null;
  created_at: string;
}

export interface DeliveryView {
  id: string;
  event_type: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  last_status_code: number | null;
  last_latency_ms: number | null;
  last_error: string | null;
  response_snippet: string | null;
  created_at: string;
  delivered_at: string | null;
  next_attempt_at: string;
}

export const endpointView = (r: WebhookEndpointRow): EndpointView => ({
  id: r.id,
  project_id: r.projectId,
  url: r.url,
  events: r.events,
  enabled: r.enabled,
  disabled_reason: r.disabledReason,
  created_at: r.createdAt.toISOString(),
});

export async function createEndpoint(
  db: Executor,
  input: { projectId: string; url: string; events: WebhookEvent[]; createdBy: string | null; allowPrivate: boolean },
): Promise<EndpointView & { secret: string }> {
  const refused = await refuseTarget(input.url, input.allowPrivate);
  if (refused) throw new ValidationError("the webhook target is not allowed", [{ field: "url", message: refused }]);
  const events = [...new Set(input.events)].filter((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (!events.length)
    throw new ValidationError("subscribe to at least one event", [
      { field: "events", message: `one or more of ${WEBHOOK_EVENTS.join(", ")}` },
    ]);
  const secret = newWebhookSecret();
  await db.execute(startCursorSql());
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ projectId: input.projectId, url: input.url, secret, events, createdBy: input.createdBy })
    .returning();
  if (!row) throw new Error("insert returned no endpoint");
  return { ...endpointView(row), secret };
}

export async function listEndpoints(db: Executor, projectId: string): Promise<EndpointView[]> {
  const list = await db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.projectId, projectId))
    .orderBy(webhookEndpoints.createdAt);
  return list.map(endpointView);
}

export async function getEndpointRow(db: Executor, id: string): Promise<WebhookEndpointRow | null> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  return row ?? null;
}

export async function deleteEndpoint(db: Executor, id: string): Promise<boolean> {
  return (await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })).length > 0;
}

export async function listDeliveries(db: Executor, endpointId: string, limit = 50): Promise<DeliveryView[]> {
  const list = await db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
  return list.map((r) => ({
    id: r.id,
    event_type: r.eventType,
    status: r.status,
    attempts: r.attempts,
    last_status_code: r.lastStatusCode,
    last_latency_ms: r.lastLatencyMs,
    last_error: r.lastError,
    response_snippet: r.responseSnippet,
    created_at: r.createdAt.toISOString(),
    delivered_at: r.deliveredAt?.toISOString() ?? null,
    next_attempt_at: r.nextAttemptAt.toISOString(),
  }));
}

/** Queues a finished delivery again, with the same webhook-id (the receiver can tell it is a repeat). */
export async function redeliver(db: Executor, endpointId: string, deliveryId: string): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: sql`now()`, createdAt: sql`now()` })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId), ne(webhookDeliveries.status, "pending")))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** A new signing secret (returned this once); deliveries from now on are signed with it. */
export async function rotateSecret(db: Executor, endpointId: string): Promise<string | null> {
  const secret = newWebhookSecret();
  const rows = await db
    .update(webhookEndpoints)
    .set({ secret })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning({ id: webhookEndpoints.id });
  return rows.length ? secret : null;
}

/** Sends again to an endpoint that was disabled (its queued deliveries continue). */
export async function enableEndpoint(db: Executor, endpointId: string): Promise<EndpointView | null> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ enabled: true, disabledReason: null })
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  return row ? endpointView(row) : null;
}
