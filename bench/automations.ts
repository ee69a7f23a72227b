// `npm run bench:automations` (issue 17), against PostgreSQL (a fresh database, dropped at the end):
// (a) slot → ticket: S schedules firing every second for D seconds under the scheduler tick of one
//     process; each sample is the ticket's created_at minus its slot (both by the database's clock).
// (b) ticket terminal → webhook received: tickets run one at a time by a real worker with a no-op
//     agent; each sample is the moment a healthy local receiver got the POST minus the ticket's
//     finished_at (same machine, same clock). The dispatcher is woken by the event log's NOTIFY.
// (c) 1,000 endpoints × 10 events: 10,000 signed deliveries; counted at the receiver by
//     (endpoint, webhook-id) — nothing may be lost or arrive twice.
// Prints numbers; not a test.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import pg from "pg";
import { createEndpoint, createScheduler, createSchedule, createWebhookDispatcher } from "../src/automations/index.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createProject } from "../src/db/repositories/projects.js";
import { upsertRecipe } from "../src/db/repositories/recipes.js";
import { createWorker, submitTicket } from "../src/engine/index.js";
import { testRecipe } from "../test/engine/seed.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SCHEDULES = Number(process.env.BENCH_SCHEDULES ?? 20);
const SCHEDULE_SECONDS = Number(process.env.BENCH_SCHEDULE_SECONDS ?? 20);
const WEBHOOK_SAMPLES = Number(process.env.BENCH_WEBHOOK_SAMPLES ?? 100);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 1000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10);
/** Which parts to run, e.g. BENCH_PARTS=a (default a,b,c). */
const PARTS = new Set((process.env.BENCH_PARTS ?? "a,b,c").split(","));
const quiet = { info: () => {}, warn: () => {}, error: (o: object, m?: string) => console.error(m, o) };

async function rows<T>(database: Database, query: string): Promise<T[]> {
  const result: unknown = await database.db.execute(query);
  return (result as { rows: T[] }).rows;
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

function summary(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return `n=${s.length} p50 ${at(50).toFixed(0)} ms · p90 ${at(90).toFixed(0)} ms · p99 ${at(99).toFixed(0)} ms · max ${(s.at(-1) ?? NaN).toFixed(0)} ms`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function slotToTicket(database: Database, projectId: string): Promise<void> {
  const scheduler = createScheduler({ database, logger: quiet });
  for (let i = 0; i < SCHEDULES; i++)
    await createSchedule(database.db, projectId, null, {
      name: `every second ${i}`,
      recipe_slug: "test-report",
      parameters: { topic: "bench" },
      cron: "* * * * * *",
      timezone: "Europe/Oslo",
      missed_policy: "skip",
    });
  scheduler.start();
  await sleep(SCHEDULE_SECONDS * 1000);
  await scheduler.stop();
  const samples = await rows<{ ms: number }>(
    database,
    `SELECT (extract(epoch from t.created_at - r.slot_at) * 1000)::float8 AS ms
     FROM work_schedule_runs r JOIN work_tickets t ON t.id = r.ticket_id WHERE r.outcome = 'ticket'`,
  );
  console.log(
    `(a) slot → ticket created, ${SCHEDULES} schedules × every second × ${SCHEDULE_SECONDS} s: ${summary(samples.map((r) => r.ms))}`,
  );
  await database.db.execute(`UPDATE work_schedules SET enabled = false`);
}

async function main(): Promise<void> {
  const name = `bench_automations_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  const received = new Map<string, number>(); // `${path} ${webhook-id}` → arrival (epoch ms)
  let duplicates = 0;
  const receiver = createServer((req, res) => {
    const at = Date.now();
    req.resume();
    req.on("end", () => {
      const key = `${req.url} ${String(req.headers["webhook-id"])}`;
      if (received.has(key)) duplicates += 1;
      else received.set(key, at);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  try {
    await migrateDatabase(database);
    await upsertRecipe(database.db, testRecipe({ max_attempts: 1 }));
    const projectId = (await createProject(database.db, { name: "Bench", description: "" })).id;
    console.log(`bench:automations — PostgreSQL, load average at start ${loadavg()[0]?.toFixed(2)}`);

    if (PARTS.has("a")) await slotToTicket(database, projectId);

    if (!PARTS.has("b") && !PARTS.has("c")) return;
    // (b) one endpoint, tickets one at a time.
    const worker = createWorker({
      database,
      runner: { run: async () => undefined },
      concurrency: 4,
      leaseMs: 30_000,
      shutdownGraceMs: 1000,
    });
    const dispatcher = createWebhookDispatcher({ database, logger: quiet, allowPrivate: true });
    await worker.start();
    await dispatcher.start();
    const other = (await createProject(database.db, { name: "Bench webhooks", description: "" })).id;
    await createEndpoint(database.db, {
      projectId: other,
      url: `${base}/one`,
      events: ["ticket.completed"],
      createdBy: null,
      allowPrivate: true,
    });
    const latencies: number[] = [];
    for (let i = 0; PARTS.has("b") && i < WEBHOOK_SAMPLES; i++) {
      const { ticket } = await submitTicket(database, { projectId: other, recipeSlug: "test-report", parameters: { topic: `t${i}` } });
      const before = received.size;
      const deadline = Date.now() + 30_000;
      while (received.size === before && Date.now() < deadline) await sleep(2);
      const [row] = await rows<{ finished: number }>(
        database,
        `SELECT (extract(epoch from finished_at) * 1000)::float8 AS finished FROM work_tickets WHERE id = '${ticket.id}'`,
      );
      const arrival = [...received.values()].at(-1) ?? NaN;
      latencies.push(arrival - (row?.finished ?? NaN));
    }
    if (PARTS.has("b"))
      console.log(`(b) ticket terminal → webhook received (healthy receiver, NOTIFY-woken dispatcher): ${summary(latencies)}`);

    // (c) 1,000 endpoints × 10 events.
    if (!PARTS.has("c")) return void (await Promise.all([dispatcher.stop(), worker.stop()]));
    const many = (await createProject(database.db, { name: "Bench fan-out", description: "" })).id;
    for (let i = 0; i < ENDPOINTS; i++)
      await createEndpoint(database.db, {
        projectId: many,
        url: `${base}/e${i}`,
        events: ["ticket.completed"],
        createdBy: null,
        allowPrivate: true,
      });
    const fanStart = Date.now();
    const already = received.size;
    for (let i = 0; i < EVENTS; i++)
      await submitTicket(database, { projectId: many, recipeSlug: "test-report", parameters: { topic: `f${i}` } });
    const expected = ENDPOINTS * EVENTS;
    const deadline = Date.now() + 600_000;
    while (received.size - already < expected && Date.now() < deadline) await sleep(50);
    const took = Date.now() - fanStart;
    const [counts] = await rows<{ delivered: number; other: number }>(
      database,
      `SELECT count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered, count(*) FILTER (WHERE d.status <> 'delivered')::int AS other
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.project_id = '${many}'`,
    );
    console.log(
      `(c) ${ENDPOINTS} endpoints × ${EVENTS} events: ${received.size - already}/${expected} received in ${(took / 1000).toFixed(1)} s ` +
        `(${(((received.size - already) / took) * 1000).toFixed(0)}/s), duplicates ${duplicates}, rows delivered ${counts?.delivered}, not delivered ${counts?.other}, lost ${expected - (received.size - already)}`,
    );
    await dispatcher.stop();
    await worker.stop();
    console.log(`load average at end ${loadavg()[0]?.toFixed(2)}`);
  } finally {
    receiver.close();
    await database.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

await main();
