// GET /metrics on both drivers: the Prometheus text parses (a strict little parser, not a
// substring search), and the numbers move as tickets are submitted, run by a real worker, and end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import { createMetrics, type Metrics } from "../../src/api/metrics.js";
import type { Api } from "../../src/api/openapi.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { cancelTicket, createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { createServerParts, type ServerParts } from "../../src/cli/server-parts.js";
import { silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent } from "../helpers/test-agent.js";
import { parsePrometheus, sampleValue, type Scrape } from "../cli/prometheus-text.js";

const value = sampleValue;

describe.each(DRIVERS)("metrics on %s", (driver) => {
  let t: TestDatabase;
  let app: Api;
  let metrics: Metrics;
  let projectId: string;
  let worker: Worker | null = null;
  let subscribers = 0;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    projectId = (await createProject(t.database.db, { name: "Metrics", description: "" })).id;
    metrics = createMetrics({ database: t.database, hub: { subscriberCount: () => subscribers } });
    app = createApi(
      {
        database: t.database,
        config: loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" }),
        version: "test",
        logger: silentLogger,
      },
      [(a) => metrics.installRoute(a)],
    );
  }, 180_000);

  afterAll(async () => {
    await worker?.stop();
    await t.cleanup();
  });

  async function scrape(): Promise<Scrape> {
    const res = await app.request("/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    return parsePrometheus(await res.text());
  }

  const submit = async () =>
    (await submitTicket(t.database, { projectId, recipeSlug: "status-report", parameters: { topic: "metrics" } })).ticket;

  it("exposes the documented metrics with their types", async () => {
    const s = await scrape();
    expect(s.types.get("worksmith_tickets")).toBe("gauge");
    expect(s.types.get("worksmith_queue_depth")).toBe("gauge");
    expect(s.types.get("worksmith_ticket_claim_latency_seconds")).toBe("histogram");
    expect(s.types.get("worksmith_ticket_run_duration_seconds")).toBe("histogram");
    expect(s.types.get("worksmith_sse_connections")).toBe("gauge");
    expect(s.types.get("worksmith_ticket_events_appended_total")).toBe("counter");
    expect(s.types.get("worksmith_sse_events_delivered_total")).toBe("counter");
    expect(value(s, "worksmith_database_up")).toBe(1);
    // process metrics come with the same prefix from the per-server registry
    expect(s.samples.some((x) => x.name === "worksmith_process_resident_memory_bytes")).toBe(true);
    for (const status of ["pending", "running", "completed", "failed", "cancelled"])
      expect(value(s, "worksmith_tickets", { status })).toBe(0);
  });

  it("moves as tickets are submitted, claimed, run and finished", async () => {
    const before = await scrape();
    const eventsBefore = value(before, "worksmith_ticket_events_appended_total");

    const a = await submit();
    const b = await submit();
    const c = await submit();
    await cancelTicket(t.database, c.id);
    subscribers = 3;

    const queued = await scrape();
    expect(value(queued, "worksmith_tickets", { status: "pending" })).toBe(2);
    expect(value(queued, "worksmith_tickets", { status: "cancelled" })).toBe(1);
    expect(value(queued, "worksmith_queue_depth")).toBe(2);
    expect(value(queued, "worksmith_sse_connections")).toBe(3);
    // three submits and a cancel, each one event at least
    expect(value(queued, "worksmith_ticket_events_appended_total")).toBeGreaterThanOrEqual(eventsBefore + 4);

    const agent = createTestAgent([
      { todos: [{ content: "Work", status: "in_progress", activeForm: "Working" }] },
      { sleep: 30 },
      { todos: [{ content: "Work", status: "completed", activeForm: "Working" }] },
    ]);
    worker = createWorker({
      database: t.database,
      runner: agent,
      concurrency: 2,
      leaseMs: 30_000,
      shutdownGraceMs: 1_000,
      onTransition: (e) => metrics.onTransition(e),
    });
    await worker.start();
    await Promise.all([waitForTicketEnd(t.database, a.id, 30_000), waitForTicketEnd(t.database, b.id, 30_000)]);
    await worker.stop();
    worker = null;
    await metrics.settled();
    subscribers = 0;

    const after = await scrape();
    expect(value(after, "worksmith_tickets", { status: "completed" })).toBe(2);
    expect(value(after, "worksmith_tickets", { status: "pending" })).toBe(0);
    expect(value(after, "worksmith_queue_depth")).toBe(0);
    expect(value(after, "worksmith_sse_connections")).toBe(0);
    expect(value(after, "worksmith_ticket_claim_latency_seconds_count")).toBe(2);
    expect(value(after, "worksmith_ticket_claim_latency_seconds_bucket", { le: "+Inf" })).toBe(2);
    expect(value(after, "worksmith_ticket_run_duration_seconds_count", { status: "completed" })).toBe(2);
    // each run slept 30 ms, so the summed duration is at least 60 ms
    expect(value(after, "worksmith_ticket_run_duration_seconds_sum", { status: "completed" })).toBeGreaterThanOrEqual(0.06);
    expect(value(after, "worksmith_ticket_run_duration_seconds_bucket", { status: "completed", le: "+Inf" })).toBe(2);
    expect(value(after, "worksmith_ticket_transitions_total", { from: "pending", to: "running" })).toBe(2);
    expect(value(after, "worksmith_ticket_events_appended_total")).toBeGreaterThan(value(queued, "worksmith_ticket_events_appended_total"));
  });

  it("keeps counters per metrics instance (a second server in the same process starts at zero)", async () => {
    const other = createMetrics({ database: t.database, processMetrics: false });
    const text = await other.registry.metrics();
    const s = parsePrometheus(text);
    expect(value(s, "worksmith_sse_events_delivered_total")).toBe(0);
    expect(value(s, "worksmith_ticket_claim_latency_seconds_count")).toBe(0);
    // while the database-backed gauges agree with the first instance
    expect(value(s, "worksmith_tickets", { status: "completed" })).toBe(2);
  });
});

// The SSE delivery counter through the server's own wiring (src/cli/server-parts.ts: the stream
// routes' onDelivered → the metrics instance behind /metrics), counted against what a client read.
describe.each(DRIVERS)("SSE delivery metric as served on %s", (driver) => {
  let t: TestDatabase;
  let dataDir: string;
  let parts: ServerParts;
  let api: Api;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    dataDir = await mkdtemp(join(tmpdir(), "metrics-wiring-"));
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir });
    parts = await createServerParts({ config, database: t.database, logger: pino({ level: "silent" }), runner: createTestAgent([]) });
    api = createApi({ database: t.database, config, version: "test", logger: silentLogger }, parts.routes, parts.middleware);
    await parts.start();
  }, 180_000);
  afterAll(async () => {
    await parts?.stop();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("counts exactly the events a stream client received", async () => {
    const owner = await createTestUser(t.database);
    const client = clientFor(api, owner);
    const projectId = (await createProject(t.database.db, { name: "Wiring", description: "" }, owner.id)).id;
    const scrapeDelivered = async () =>
      value(parsePrometheus(await (await client.request("/metrics")).text()), "worksmith_sse_events_delivered_total");
    const before = await scrapeDelivered();
    const received: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "status-report", parameters: { topic: `wiring ${i}` } });
      await cancelTicket(t.database, ticket.id);
      // A finished ticket's stream replays its events and ends by itself.
      const res = await client.request(`/api/work/tickets/${ticket.id}/stream?after=0`);
      expect(res.status).toBe(200);
      const text = await res.text();
      received.push(...text.split("\n").filter((l) => l.startsWith("event: ") && l !== "event: end"));
    }
    // pending + cancelled per ticket
    expect(received).toHaveLength(6);
    expect((await scrapeDelivered()) - before).toBe(received.length);
  });
});
