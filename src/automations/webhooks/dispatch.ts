// Webhook delivery, durable: (1) the enqueue pass turns settled terminal and `waiting` `status` events of the
// ticket log into rows of webhook_deliveries (one per subscribed endpoint and event, the cursor moved
// in the same transaction); (2) the delivery pass claims due rows with SKIP LOCKED and a lease
// (a process killed mid-delivery leaves the row to be retried, with the same webhook-id), POSTs the
// signed payload and records the answer; a failure is retried with exponential backoff for up to a day.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { CHANNELS } from "../../domain/events.js";
import { probeEventLog, SettleTracker } from "../../events/index.js";
import { createWakeLoop } from "../wake-loop.js";
import type { WorkerLogger } from "../../engine/worker-types.js";
import { webhookHeaders } from "./sign.js";
import { postWebhook, TargetRefused, type ResolveHost } from "./post.js";

/** What an endpoint can subscribe to: a ticket's end, and a ticket that stopped to ask a person (issue 16). */
export const WEBHOOK_EVENTS = ["ticket.completed", "ticket.failed", "ticket.cancelled", "ticket.waiting"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface DeliveryOptions {
  allowPrivate: boolean;
  /** First retry after this; doubled per attempt, capped at an hour (default 5 s). */
  backoffBaseMs?: number | undefined;
  /** A row is given up ("failed") once it is this old (default a day). */
  giveUpAfterMs?: number | undefined;
  /** Per attempt (default 10 s). */
  timeoutMs?: number | undefined;
  /** How long a claimed attempt holds its row before another process may retry it (default 60 s). */
  leaseMs?: number | undefined;
  /** An endpoint whose latest this-many finished deliveries all failed is disabled, with a reason (default 5). */
  disableAfterFailures?: number | undefined;
  /** How host names are resolved before the connect (tests play a rebinding DNS server here). */
  resolveHost?: ResolveHost | undefined;
}

const SNIPPET_BYTES = 1024;
const MAX_RESPONSE_BYTES = 64 * 1024;

async function rows<T>(database: Database | { db: Database["db"] }, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await database.db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * Turns terminal and waiting status events up to `settled` into deliveries; returns how many rows it added.
 * One statement (its own transaction), for the reason and with the guarantees given at
 * enqueueNotifications (src/automations/notifications/enqueue.ts): the cursor row locked with SKIP
 * LOCKED, the rows and the cursor move committed together, each event enqueued exactly once.
 */
export async function enqueueWebhookDeliveries(database: Database, settled: number): Promise<number> {
  const [result] = await rows<{ added: number }>(
    database,
    sql`
      WITH cur AS MATERIALIZED (
        -- No row: another process is on it, or no endpoint was ever made.
        SELECT last_event_id AS from_id FROM webhook_cursor
        WHERE id = 1 AND last_event_id < ${settled}::bigint FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE webhook_cursor w SET last_event_id = least(${settled}::bigint, c.from_id + 5000)
        FROM cur c WHERE w.id = 1
        RETURNING c.from_id, w.last_event_id AS up_to
      ), added AS (
        INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload)
        SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), e.id, ev.id, 'ticket.' || (ev.data->>'status'),
               jsonb_build_object(
                 'type', 'ticket.' || (ev.data->>'status'),
                 'timestamp', to_char(ev.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                 'data', jsonb_build_object('ticket_id', ev.ticket_id, 'project_id', ev.project_id, 'status', ev.data->>'status',
                                            'recipe_slug', ev.data->>'recipe_slug', 'reason', ev.data->'reason'))
        FROM moved m
        JOIN ticket_events ev ON ev.id > m.from_id AND ev.id <= m.up_to
        JOIN webhook_endpoints e ON e.project_id = ev.project_id AND e.enabled AND e.created_at <= ev.created_at
                                AND e.events ? ('ticket.' || (ev.data->>'status'))
        WHERE ev.type = 'status' AND ev.data->>'status' IN ('completed', 'failed', 'cancelled', 'waiting')
        ON CONFLICT DO NOTHING
        RETURNING id
      )
      SELECT count(*)::int AS added FROM added`,
  );
  return Number(result?.added ?? 0);
}

interface Claimed {
  id: string;
  endpoint_id: string;
  attempts: number;
  payload: Record<string, unknown>;
  url: string;
  secret: string;
  age_ms: number;
}

/** One delivery pass: claims up to `limit` due rows and attempts each; returns how many were attempted. */
export async function deliverDueWebhooks(database: Database, options: DeliveryOptions, limit = 20): Promise<number> {
  const leaseMs = options.leaseMs ?? 60_000;
  const claimed = await rows<Claimed>(
    database,
    sql`
    UPDATE webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
    FROM webhook_endpoints e
    WHERE e.id = d.endpoint_id AND e.enabled AND d.id IN (
      SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.endpoint_id, d.attempts, d.payload, e.url, e.secret, (extract(epoch from now() - d.created_at) * 1000)::float8 AS age_ms`,
  );
  await Promise.all(claimed.map((c) => attempt(database, options, c)));
  return claimed.length;
}

async function attempt(database: Database, options: DeliveryOptions, c: Claimed): Promise<void> {
  const body = JSON.stringify(c.payload);
  const headers = { "content-type": "application/json", "user-agent": "Worksmith-Webhooks/1", ...webhookHeaders(c.secret, c.id, body) };
  const started = performance.now();
  try {
    const res = await postWebhook(c.url, headers, body, {
      allowPrivate: options.allowPrivate,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxResponseBytes: MAX_RESPONSE_BYTES,
      snippetBytes: SNIPPET_BYTES,
      resolveHost: options.resolveHost,
    });
    const latency = Math.round(performance.now() - started);
    await record(database, c, { ok: res.status >= 200 && res.status < 300, status: res.status, latency, snippet: res.snippet }, options);
  } catch (err) {
    const latency = Math.round(performance.now() - started);
    if (err instanceof TargetRefused)
      return record(database, c, { ok: false, permanent: true, error: `refused: url ${err.message}` }, options);
    await record(database, c, { ok: false, latency, error: err instanceof Error ? err.message : String(err) }, options);
  }
}

interface Outcome {
  ok: boolean;
  permanent?: boolean;
  status?: number;
  latency?: number;
  snippet?: string;
  error?: string;
}

/** Writes the attempt's result, guarded by the attempt number (a stale attempt whose lease ran out writes nothing). */
async function record(database: Database, c: Claimed, o: Outcome, options: DeliveryOptions): Promise<void> {
  const base = options.backoffBaseMs ?? 5000;
  const delayMs = Math.min(base * 2 ** (c.attempts - 1), 3_600_000);
  const giveUp = o.permanent || c.age_ms + delayMs > (options.giveUpAfterMs ?? 86_400_000);
  const status = o.ok ? "delivered" : giveUp ? "failed" : "pending";
  await database.db.execute(sql`
    UPDATE webhook_deliveries SET status = ${status}, last_status_code = ${o.status ?? null}::int, last_latency_ms = ${o.latency ?? null}::int,
      last_error = ${o.error?.slice(0, 500) ?? null}::text, response_snippet = ${o.snippet ?? null}::text,
      delivered_at = CASE WHEN ${o.ok} THEN now() ELSE NULL END,
      next_attempt_at = now() + make_interval(secs => ${delayMs / 1000})
    WHERE id = ${c.id} AND attempts = ${c.attempts} AND status = 'pending'`);
  if (status === "failed") await disableIfFailing(database, c.endpoint_id, options.disableAfterFailures ?? 5, o);
}

/** Stops sending to an endpoint whose latest `count` finished deliveries all failed; the reason is shown on it. */
async function disableIfFailing(database: Database, endpointId: string, count: number, last: Outcome): Promise<void> {
  const why = last.error ?? (last.status ? `HTTP ${last.status}` : "no answer");
  await database.db.execute(sql`
    UPDATE webhook_endpoints SET enabled = false,
      disabled_reason = ${`disabled after ${count} failed deliveries in a row (last: ${why.slice(0, 200)}); fix the receiver and enable it again`}
    WHERE id = ${endpointId}::uuid AND enabled AND ${count}::int = (
      SELECT count(*) FILTER (WHERE status = 'failed') FROM (
        SELECT status FROM webhook_deliveries WHERE endpoint_id = ${endpointId}::uuid AND status <> 'pending'
        ORDER BY created_at DESC LIMIT ${count}) latest)`);
}

export interface WebhookDispatcher {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Both passes, in each server process: woken by the event log's NOTIFY (a terminal event is enqueued
 * and sent as soon as it settles, not at the next poll), and every `tickMs` for retries that came due.
 */
export function createWebhookDispatcher(
  options: DeliveryOptions & { database: Database; logger: WorkerLogger; tickMs?: number | undefined; batch?: number | undefined },
): WebhookDispatcher {
  const tracker = new SettleTracker(0);
  const batch = options.batch ?? 50;
  const loop = createWakeLoop({
    what: "webhook dispatch",
    logger: options.logger,
    fallbackMs: options.tickMs ?? 500,
    database: options.database,
    channels: [CHANNELS.events],
    // Every event NOTIFYs; only a ticket's end matters here: at most ten passes a second under load.
    minIntervalMs: 100,
    pass: async () => {
      const settled = tracker.observe(await probeEventLog(options.database.db));
      await enqueueWebhookDeliveries(options.database, settled);
      const attempted = await deliverDueWebhooks(options.database, options, batch);
      // Again soon while an event waits to settle or a full batch suggests more are due.
      return tracker.waiting || attempted === batch;
    },
  });
  return { start: () => loop.start(), stop: () => loop.stop() };
}

/** Starts the cursor at the log's end when the first endpoint is made: history is never sent. */
export function startCursorSql(): ReturnType<typeof sql> {
  return sql`INSERT INTO webhook_cursor (id, last_event_id) SELECT 1, coalesce(max(id), 0) FROM ticket_events ON CONFLICT DO NOTHING`;
}
