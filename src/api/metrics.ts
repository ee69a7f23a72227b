// Prometheus metrics for operators (GET /metrics, prom-client text format). A fresh Registry per
// server, never prom-client's global one, so a test process can run several servers side by side.
//
// What is read from where:
// - tickets by status, queue depth, events appended: the database, at scrape time, so every server
//   process reports the same cluster-wide numbers whichever process did the work;
// - claim latency and run duration: histograms fed by the worker's transitions in THIS process
//   (onTransition), so sum them across processes in Prometheus (`sum by (le) (rate(…_bucket[5m]))`);
// - SSE connections: this process's realtime hub (`subscriberCount()`).
import { createRoute, z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../db/client.js";
import { ticketEvents, workTickets } from "../db/schema.js";
import { TICKET_STATUSES } from "../domain/ticket-status.js";
import type { Api } from "./openapi.js";

/** The worker's transition event (src/engine/worker.ts WorkerTransition satisfies it). */
export interface MetricsTransition {
  ticketId: string;
  from: string | null;
  to: string;
  attempt?: number | undefined;
  executionTimeMs?: number | undefined;
}

export interface MetricsOptions {
  database: Database;
  /** The realtime hub; `subscriberCount()` is the number of open SSE subscribers in this process. */
  hub?: { subscriberCount(): number; writerStalls?(): { heldMs: number; stalls: number } } | undefined;
  /** Node process metrics (CPU, memory, event-loop lag, GC) with the `worksmith_` prefix. Default true. */
  processMetrics?: boolean | undefined;
  onError?: ((err: unknown, where: string) => void) | undefined;
}

export interface Metrics {
  registry: Registry;
  /** Hook for the worker's onTransition: feeds the claim-latency and run-duration histograms. */
  onTransition(event: MetricsTransition): void;
  /** GET /metrics (outside /api; declared in the OpenAPI document with a text/plain response). */
  installRoute(app: Api): void;
  observeClaimLatency(seconds: number): void;
  observeRunDuration(status: string, seconds: number): void;
  /** The realtime hub calls this for every event written to an SSE client. */
  countDelivered(events?: number): void;
  /** Resolves once the histogram updates started by onTransition have landed (tests, shutdown). */
  settled(): Promise<void>;
}

// Claim latency is milliseconds on an idle queue (2.5 ms median measured on PostgreSQL, DESIGN §9)
// and minutes on a backed-up one; run duration is seconds (builtin) to minutes (LLM, 300 s timeout).
const CLAIM_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const RUN_BUCKETS_S = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];
const TERMINAL = new Set(["completed", "failed", "cancelled"]);

export function createMetrics(options: MetricsOptions): Metrics {
  const { database, hub } = options;
  const db = database.db;
  const onError = options.onError ?? (() => undefined);
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "worksmith_" });

  new Gauge({
    name: "worksmith_database_up",
    help: "1 when this scrape could query the database",
    registers: [registry],
    async collect() {
      try {
        await db.execute(sql`SELECT 1`);
        this.set(1);
      } catch (err) {
        this.set(0);
        onError(err, "metrics: database check");
      }
    },
  });

  async function countByStatus(): Promise<Map<string, number> | null> {
    try {
      const rows = await db
        .select({ status: workTickets.status, n: sql<number>`count(*)::int` })
        .from(workTickets)
        .groupBy(workTickets.status);
      return new Map(rows.map((r) => [r.status, Number(r.n)]));
    } catch (err) {
      onError(err, "metrics: counting tickets");
      return null;
    }
  }

  new Gauge({
    name: "worksmith_tickets",
    help: "Tickets by status (all processes; read from the database at scrape time)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const byStatus = await countByStatus();
      if (!byStatus) return;
      for (const status of TICKET_STATUSES) this.set({ status }, byStatus.get(status) ?? 0);
    },
  });

  new Gauge({
    name: "worksmith_queue_depth",
    help: "Pending tickets waiting for a worker",
    registers: [registry],
    async collect() {
      // Its own query (on the partial pending index) rather than sharing the one above: no cache to go stale.
      try {
        const [row] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(workTickets)
          .where(eq(workTickets.status, "pending"));
        this.set(Number(row?.n ?? 0));
      } catch (err) {
        onError(err, "metrics: queue depth");
      }
    },
  });

  // The event log's bigserial id only grows, so its maximum is a cluster-wide counter of appended
  // events: `rate(worksmith_ticket_events_appended_total[1m])` is events per second. (A rolled-back
  // append can skip an id; the counter may run a little ahead, never backwards.)
  new Counter({
    name: "worksmith_ticket_events_appended_total",
    help: "Events appended to the ticket event log (all processes)",
    registers: [registry],
    async collect() {
      try {
        const [row] = await db.select({ max: sql<string>`coalesce(max(${ticketEvents.id}), 0)::text` }).from(ticketEvents);
        this.reset();
        this.inc(Number(row?.max ?? 0));
      } catch (err) {
        onError(err, "metrics: reading the event log");
      }
    },
  });

  const delivered = new Counter({
    name: "worksmith_sse_events_delivered_total",
    help: "Events written to SSE clients by this process",
    registers: [registry],
  });

  new Gauge({
    name: "worksmith_sse_connections",
    help: "Open SSE subscribers in this process",
    registers: [registry],
    collect() {
      this.set(hub ? hub.subscriberCount() : 0);
    },
  });

  // An event-writing transaction holds every live stream back while it is open (src/events/hub.ts);
  // ours last milliseconds. Alert on held_seconds > 5 or on the stalls counter moving.
  new Gauge({
    name: "worksmith_event_watermark_held_seconds",
    help: "How long the oldest committed-but-unsettled event has waited for an event-writing transaction (this process's hub)",
    registers: [registry],
    collect() {
      this.set((hub?.writerStalls?.().heldMs ?? 0) / 1000);
    },
  });
  new Counter({
    name: "worksmith_event_writer_stalls_total",
    help: "Event-writing transactions that held the watermark past the hub's stall threshold (5 s; each also logged with its backend pid)",
    registers: [registry],
    collect() {
      this.reset();
      this.inc(hub?.writerStalls?.().stalls ?? 0);
    },
  });

  const claimLatency = new Histogram({
    name: "worksmith_ticket_claim_latency_seconds",
    help: "Time from submit to a worker claiming the ticket (first attempt; claims made by this process)",
    buckets: CLAIM_BUCKETS_S,
    registers: [registry],
  });

  const runDuration = new Histogram({
    name: "worksmith_ticket_run_duration_seconds",
    help: "Time from running to a terminal status, by that status (runs finished by this process)",
    labelNames: ["status"],
    buckets: RUN_BUCKETS_S,
    registers: [registry],
  });

  const transitions = new Counter({
    name: "worksmith_ticket_transitions_total",
    help: "Ticket status transitions made by this process's workers",
    labelNames: ["from", "to"],
    registers: [registry],
  });

  const pending = new Set<Promise<void>>();
  function track(work: Promise<void>): void {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  }

  async function ticketTimes(id: string) {
    const [row] = await db
      .select({ createdAt: workTickets.createdAt, startedAt: workTickets.startedAt, finishedAt: workTickets.finishedAt })
      .from(workTickets)
      .where(eq(workTickets.id, id));
    return row;
  }

  function onTransition(event: MetricsTransition): void {
    transitions.inc({ from: event.from ?? "none", to: event.to });
    if (event.from === "pending" && event.to === "running" && (event.attempt ?? 1) <= 1) {
      // The transition carries no timestamps; started_at was written by the claim that just committed.
      track(
        ticketTimes(event.ticketId).then(
          (t) => {
            if (t?.startedAt) claimLatency.observe(Math.max(0, t.startedAt.getTime() - t.createdAt.getTime()) / 1000);
          },
          (err: unknown) => onError(err, "metrics: claim latency"),
        ),
      );
    } else if (event.from === "running" && TERMINAL.has(event.to)) {
      if (event.executionTimeMs !== undefined) {
        runDuration.observe({ status: event.to }, event.executionTimeMs / 1000);
        return;
      }
      track(
        ticketTimes(event.ticketId).then(
          (t) => {
            if (t?.startedAt && t.finishedAt)
              runDuration.observe({ status: event.to }, Math.max(0, t.finishedAt.getTime() - t.startedAt.getTime()) / 1000);
          },
          (err: unknown) => onError(err, "metrics: run duration"),
        ),
      );
    }
  }

  function installRoute(app: Api): void {
    const route = createRoute({
      method: "get",
      path: "/metrics",
      tags: ["system"],
      summary: "Prometheus metrics (text exposition format 0.0.4)",
      responses: { 200: { description: "Metrics", content: { "text/plain": { schema: z.string() } } } },
    });
    app.openapi(route, async function serveMetrics(c) {
      const body = await registry.metrics();
      return c.text(body, 200, { "content-type": registry.contentType });
    });
  }

  return {
    registry,
    onTransition,
    installRoute,
    observeClaimLatency: (s) => claimLatency.observe(s),
    observeRunDuration: (status, s) => runDuration.observe({ status }, s),
    countDelivered: (n = 1) => delivered.inc(n),
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
