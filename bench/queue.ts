// `npm run bench:queue`: the engine's queue against graphile-worker 0.17 on the same PostgreSQL.
// (a) throughput: N tickets submitted in bulk first (submitTicketsBulk, 1,000 per statement), then
//     drained by workers with a no-op agent — the full lifecycle with the full event log (pending,
//     running, completed events; metadata written at the end). graphile-worker: addJobs in bulk, then
//     drained by run() with a no-op task.
// (b) latency: submit → agent start, over single submits with an idle worker waiting (each waits
//     for the previous ticket to finish, so the worker is idle each time). The submits are taken in
//     the worker's process, so each is handed off (src/engine/submit.ts: the submit's statement
//     claims the ticket for the idle worker; the count is printed); the same samples are then taken
//     through a second pool with no worker of its own — the NOTIFY → claim path a submit from
//     another process takes. graphile-worker: addJob → task start.
// (c) waiting (issue 16): 10,000 tickets whose agent asks a question wait at once — no worker held,
//     the table and index sizes they cost — then answer → running latency: the answer call, and the
//     time from calling it to the resumed claim (the worker's transition), one sample at a time
//     (each waits for the resumed run to end: an idle worker, as in (b)), split into the answer's
//     commit → the NOTIFY heard, and the NOTIFY → the claim — for the samples not handed off (an
//     answer taken in the worker's process claims the ticket in its own statement: src/engine/hand-off.ts).
//     BENCH_ONLY=waiting runs (c) alone; BENCH_WAITING=0 skips it.
// (d) fairness (issue 19): project A's backlog of BENCH_FAIR_BACKLOG tickets drained by 3 workers
//     while project B submits one ticket at a time: B's submit → running. With BENCH_ONLY=fairness
//     (which runs (d) alone), then (a)'s drain with the claim in `fifo` order (no fairness) and in
//     `fair` order, each in a fresh database, BENCH_FAIR_PAIRS (6) pairs in the order fifo-fair,
//     fair-fifo, fifo-fair, …: the on/off throughput ratio is the median of the pairs' ratios,
//     printed with each pair, its load and the spread.
//     BENCH_FAIRNESS=0 skips (d).
// Creates its own fresh database (dropped at the end). Prints numbers; not a test.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { run as runGraphile, makeWorkerUtils, type Runner } from "graphile-worker";
import pg from "pg";
import { openDatabase, type Database } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createProject } from "../src/db/repositories/projects.js";
import { upsertRecipe } from "../src/db/repositories/recipes.js";
import { AgentWaiting, type AgentRunner } from "../src/domain/agent-runner.js";
import { CHANNELS } from "../src/domain/events.js";
import { answerQuestion } from "../src/engine/answer.js";
import { testRecipe } from "../test/engine/seed.js";
import { createWorker, submitTicket, submitTicketsBulk, type Worker } from "../src/engine/index.js";
import type { ClaimOrder } from "../src/engine/sql/claim-tickets.js";
import { queryRows } from "../src/engine/sql/raw.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const GRAPHILE_TUNED = process.env.BENCH_GRAPHILE_TUNED === "1";
const WAITING = Number(process.env.BENCH_WAITING ?? 10_000);
const ONLY_WAITING = process.env.BENCH_ONLY === "waiting";
const ONLY_FAIRNESS = process.env.BENCH_ONLY === "fairness";
const FAIRNESS = process.env.BENCH_FAIRNESS !== "0";
const FAIR_BACKLOG = Number(process.env.BENCH_FAIR_BACKLOG ?? 20_000);
const FAIR_SAMPLES = Number(process.env.BENCH_FAIR_SAMPLES ?? 300);
const FAIR_PAIRS = Number(process.env.BENCH_FAIR_PAIRS ?? 6);

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
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

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

function summary(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}

const fmt = (n: number, d = 2) => n.toFixed(d);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// ---- ours ----------------------------------------------------------------------------------------

async function benchOurs(
  database: Database,
  projectId: string,
  claimOrder: ClaimOrder = "fair",
  latencySamples = LATENCY_SAMPLES,
  /** The same database through another pool, with no worker: submits through it are not handed off. */
  remote: Database | null = null,
) {
  let starts = 0;
  let onStart: ((at: number) => void) | null = null;
  const runner: AgentRunner = {
    async run() {
      starts++;
      onStart?.(performance.now());
    },
  };
  let terminal = 0;
  let onTerminal: (() => void) | null = null;
  const makeWorker = (): Worker =>
    createWorker({
      database,
      runner,
      concurrency: CONCURRENCY,
      leaseMs: 30_000,
      shutdownGraceMs: 5_000,
      claimOrder,
      onTransition: (e) => {
        if (e.to === "completed" || e.to === "failed" || e.to === "cancelled") {
          terminal++;
          onTerminal?.();
        }
      },
    });

  // (a) throughput
  const submitStart = performance.now();
  for (let i = 0; i < TICKETS; i += 1_000) {
    const n = Math.min(1_000, TICKETS - i);
    await submitTicketsBulk(database, { projectId, recipeSlug: "bench-noop", parameters: Array.from({ length: n }, () => ({})) });
  }
  const submitMs = performance.now() - submitStart;
  await analyzeQueue(database);
  const drained = deferred<void>();
  onTerminal = () => {
    if (terminal >= TICKETS) drained.resolve();
  };
  const worker = makeWorker();
  const drainStart = performance.now();
  await worker.start();
  await drained.promise;
  const drainMs = performance.now() - drainStart;
  onTerminal = null;
  // (b) latency, same worker now idle: submitted in its process (handed off), then through `remote`.
  const sample = async (through: Database) => {
    const started = deferred<number>();
    onStart = started.resolve;
    const finished = deferred<void>();
    const before = terminal;
    onTerminal = () => {
      if (terminal > before) finished.resolve();
    };
    const t0 = performance.now();
    const { ticket } = await submitTicket(through, { projectId, recipeSlug: "bench-noop", parameters: {} });
    const call = performance.now() - t0;
    const latency = (await started.promise) - t0;
    await finished.promise;
    return { call, latency, handedOff: ticket.status === "running" };
  };
  const latencies: number[] = [];
  const submitCalls: number[] = [];
  let handedOff = 0;
  for (let i = 0; i < latencySamples; i++) {
    const s = await sample(database);
    latencies.push(s.latency);
    submitCalls.push(s.call);
    if (s.handedOff) handedOff++;
  }
  const remoteLatencies: number[] = [];
  let remoteHandedOff = 0;
  for (let i = 0; remote && i < latencySamples; i++) {
    const s = await sample(remote);
    remoteLatencies.push(s.latency);
    if (s.handedOff) remoteHandedOff++;
  }
  onStart = null;
  onTerminal = null;
  // How the prepared statements were planned on one pooled connection (custom: planned on every run).
  const plans = (await queryRows(
    database.db,
    sql`SELECT CASE WHEN statement LIKE '%queued_projects AS%' OR statement LIKE '%resumable AS%' THEN 'claim'
                    WHEN statement LIKE '%lone AS%' THEN 'claim (lone)'
                    WHEN statement LIKE '%jsonb_to_recordset%' THEN 'finish'
                    WHEN statement LIKE '%AS handed%' THEN 'submit' ELSE 'other' END AS what,
               generic_plans::int AS generic, custom_plans::int AS custom
        FROM pg_prepared_statements ORDER BY 1`,
  )) as { what: string; generic: number; custom: number }[];
  await worker.stop();
  const [check] = (await queryRows(
    database.db,
    sql`SELECT (SELECT count(*) FROM work_tickets WHERE status = 'completed')::int AS completed,
               (SELECT count(*) FROM ticket_events WHERE type = 'status')::int AS status_events,
               -- One claim is one transaction, whose now() every ticket it claimed got as started_at.
               (SELECT count(DISTINCT started_at) FROM work_tickets)::int AS claims`,
  )) as { completed: number; status_events: number; claims: number }[];

  return {
    submitPerS: TICKETS / (submitMs / 1000),
    drainPerS: TICKETS / (drainMs / 1000),
    drainMs,
    starts,
    completed: check?.completed ?? 0,
    statusEvents: check?.status_events ?? 0,
    claims: check?.claims ?? 0,
    latency: summary(latencies),
    submitCall: summary(submitCalls),
    handedOff,
    samples: latencies.length,
    remoteLatency: remoteLatencies.length > 0 ? summary(remoteLatencies) : null,
    remoteHandedOff,
    plans: plans.map((p) => `${p.what} ${p.generic} generic/${p.custom} custom`).join(", "),
  };
}

/**
 * Statistics that know the backlog just submitted. The phases share one database, and (c) ANALYZEs
 * work_tickets while 10,000 tickets wait and none is pending: with those statistics the planner
 * takes the pending queue for one row until the next autoanalyze, which on a loaded box came after
 * the drain — the fair claim's head scan then sorts the whole backlog on every claim (18 ms a claim
 * at 20,000; see RESULTS, engine round 7). Production has the same exposure after a burst of
 * submits; it is measured and reported there, not hidden: here each phase starts from statistics
 * of its own backlog, as after an autoanalyze.
 */
async function analyzeQueue(database: Database): Promise<void> {
  await database.db.execute(sql`ANALYZE work_tickets`);
}

// ---- fairness (issue 19) -------------------------------------------------------------------------

/** Project A's backlog drained by 3 workers while project B submits one ticket at a time. */
async function benchFairness(database: Database, a: string, b: string) {
  let onBStart: ((at: number) => void) | null = null;
  let aDone = 0;
  const runner: AgentRunner = {
    async run({ ticket }) {
      if (ticket.projectId === b) onBStart?.(performance.now());
    },
  };
  for (let i = 0; i < FAIR_BACKLOG; i += 1_000) {
    const n = Math.min(1_000, FAIR_BACKLOG - i);
    await submitTicketsBulk(database, { projectId: a, recipeSlug: "bench-noop", parameters: Array.from({ length: n }, () => ({})) });
  }
  await analyzeQueue(database);
  const workers = [1, 2, 3].map(() =>
    createWorker({
      database,
      runner,
      concurrency: CONCURRENCY,
      leaseMs: 30_000,
      shutdownGraceMs: 5_000,
      onTransition: (e) => {
        if (e.to === "completed") aDone++;
      },
    }),
  );
  const t0 = performance.now();
  await Promise.all(workers.map((w) => w.start()));
  const latencies: number[] = [];
  let backlogAtEnd = 0;
  for (let i = 0; i < FAIR_SAMPLES; i++) {
    const started = deferred<number>();
    onBStart = started.resolve;
    const s0 = performance.now();
    await submitTicket(database, { projectId: b, recipeSlug: "bench-noop", parameters: {} });
    latencies.push((await started.promise) - s0);
    const [left] = (await queryRows(
      database.db,
      sql`SELECT count(*)::int AS n FROM work_tickets WHERE status = 'pending' AND project_id = ${a}::uuid`,
    )) as { n: number }[];
    backlogAtEnd = left?.n ?? 0;
    if (backlogAtEnd === 0) break;
  }
  onBStart = null;
  const ms = performance.now() - t0;
  await Promise.all(workers.map((w) => w.stop()));
  return { latency: summary(latencies), samples: latencies.length, backlogAtEnd, aDone, ms };
}

// ---- waiting (issue 16) --------------------------------------------------------------------------

async function benchWaiting(database: Database, projectId: string) {
  // Asks on the first run (no answered question yet), returns on the resumed one.
  const runner: AgentRunner = {
    async run({ ports }) {
      if ((await ports.answeredQuestions()).length > 0) return;
      throw new AgentWaiting({
        key: "ask-1",
        question: "Which one?",
        answerSchema: { type: "object", required: ["pick"], properties: { pick: { type: "string", title: "Pick" } } },
        expiresInS: 7 * 86_400,
        state: null,
      });
    },
  };
  let waiting = 0;
  let onWaiting: (() => void) | null = null;
  let onResumed: ((at: number) => void) | null = null;
  let onEnded: (() => void) | null = null;
  const worker = createWorker({
    database,
    runner,
    concurrency: CONCURRENCY,
    leaseMs: 30_000,
    shutdownGraceMs: 5_000,
    onTransition: (e) => {
      if (e.to === "waiting") {
        waiting++;
        onWaiting?.();
      }
      if (e.from === "waiting" && e.to === "running") onResumed?.(performance.now());
      if (e.to === "completed") onEnded?.();
    },
  });
  const filled = deferred<void>();
  onWaiting = () => {
    if (waiting >= WAITING) filled.resolve();
  };
  for (let i = 0; i < WAITING; i += 1_000) {
    const n = Math.min(1_000, WAITING - i);
    await submitTicketsBulk(database, { projectId, recipeSlug: "bench-noop", parameters: Array.from({ length: n }, () => ({})) });
  }
  const fillStart = performance.now();
  await worker.start();
  await filled.promise;
  const fillMs = performance.now() - fillStart;
  const heldWhileWaiting = worker.running();
  await database.db.execute(sql`ANALYZE ticket_questions; ANALYZE work_tickets`);
  const [size] = (await queryRows(
    database.db,
    sql`SELECT (SELECT count(*) FROM work_tickets WHERE status = 'waiting')::int AS waiting,
               pg_table_size('ticket_questions')::bigint AS questions_table,
               pg_indexes_size('ticket_questions')::bigint AS questions_indexes,
               pg_relation_size('work_tickets_resume_idx')::bigint AS resume_index,
               (SELECT count(*) FROM work_tickets WHERE lease_token IS NOT NULL)::int AS leased`,
  )) as { waiting: number; questions_table: number; questions_indexes: number; resume_index: number; leased: number }[];

  // answer → running, with the WAITING tickets still waiting around the one answered.
  const ids = (await queryRows(
    database.db,
    sql`SELECT id FROM work_tickets WHERE status = 'waiting' ORDER BY created_at LIMIT ${LATENCY_SAMPLES}`,
  )) as { id: string }[];
  // Where the time goes: the answer call (read + Ajv + one statement and its commit), the wake-up
  // (the NOTIFY reaching this process, heard on the same LISTEN connection the worker uses), and the
  // claim (wake-up → the worker's transition: the claim statement and its commit). Each sample waits
  // for the resumed run to end first, so the worker is idle each time, as in (b).
  let heardAt = 0;
  const unlisten = await database.listen(CHANNELS.tickets, () => (heardAt ||= performance.now()));
  const answerCalls: number[] = [];
  const toRunning: number[] = [];
  const toWake: number[] = [];
  const wakeToRunning: number[] = [];
  for (const { id } of ids) {
    const resumed = deferred<number>();
    onResumed = resumed.resolve;
    const ended = deferred<void>();
    onEnded = () => ended.resolve();
    heardAt = 0;
    const t0 = performance.now();
    await answerQuestion(database, { ticketId: id, answer: { pick: "a" }, answeredBy: "bench" });
    answerCalls.push(performance.now() - t0);
    const runningAt = await resumed.promise;
    toRunning.push(runningAt - t0);
    if (heardAt > 0) {
      toWake.push(heardAt - t0);
      wakeToRunning.push(runningAt - heardAt);
    }
    await ended.promise;
  }
  onResumed = null;
  onEnded = null;
  await unlisten();
  await worker.stop();
  return {
    fillPerS: WAITING / (fillMs / 1000),
    heldWhileWaiting,
    size,
    answerCall: summary(answerCalls),
    toRunning: summary(toRunning),
    toWake: summary(toWake),
    wakeToRunning: summary(wakeToRunning),
    woken: toWake.length,
    samples: ids.length,
  };
}

// ---- graphile-worker -----------------------------------------------------------------------------

async function benchGraphile(url: string) {
  // Our own pool, ended (and awaited) before the database is dropped: graphile-worker's own pool is
  // ended without waiting and loses its error handler first, so the DROP … WITH (FORCE) at the end
  // could terminate a still-open client with no 'error' listener and crash the run after it printed.
  // Sized as graphile-worker sizes its own: the worker's pool maxPoolSize, its utils' pool pg's default.
  const runnerPool = new pg.Pool({ connectionString: url, max: POOL });
  const utilsPool = new pg.Pool({ connectionString: url });
  for (const pool of [runnerPool, utilsPool]) {
    pool.on("error", () => undefined); // an idle client's error (the client is dropped from the pool)
    pool.on("connect", (client) => client.on("error", () => undefined)); // a checked-out one's: its query rejects
  }
  try {
    return await benchGraphileOn(runnerPool, utilsPool);
  } finally {
    await Promise.all([runnerPool.end(), utilsPool.end()]);
  }
}

async function benchGraphileOn(pgPool: pg.Pool, utilsPool: pg.Pool) {
  const utils = await makeWorkerUtils({ pgPool: utilsPool });
  await utils.migrate();
  let onStart: ((at: number) => void) | null = null;
  let done = 0;
  let onDone: (() => void) | null = null;
  const taskList = {
    noop: async () => {
      onStart?.(performance.now());
    },
  };

  // (a) throughput
  const submitStart = performance.now();
  for (let i = 0; i < TICKETS; i += 1_000) {
    const n = Math.min(1_000, TICKETS - i);
    await utils.addJobs(Array.from({ length: n }, () => ({ identifier: "noop", payload: {} })));
  }
  const submitMs = performance.now() - submitStart;
  const drained = deferred<void>();
  onDone = () => {
    if (done >= TICKETS) drained.resolve();
  };
  const drainStart = performance.now();
  const runner: Runner = await runGraphile({
    pgPool,
    concurrency: CONCURRENCY,
    noHandleSignals: true,
    pollInterval: 2_000,
    taskList,
    logger: new (await import("graphile-worker")).Logger(() => () => undefined),
    ...(GRAPHILE_TUNED ? { preset: { worker: { localQueue: { size: CONCURRENCY + 1 }, completeJobBatchDelay: 0 } } } : {}),
  });
  runner.events.on("job:complete", () => {
    done++;
    onDone?.();
  });
  await drained.promise;
  const drainMs = performance.now() - drainStart;

  // (b) latency
  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const started = deferred<number>();
    onStart = started.resolve;
    const finished = deferred<void>();
    const before = done;
    onDone = () => {
      if (done > before) finished.resolve();
    };
    const t0 = performance.now();
    await utils.addJob("noop", {});
    latencies.push((await started.promise) - t0);
    await finished.promise;
  }
  await runner.stop();
  await utils.release();
  return { submitPerS: TICKETS / (submitMs / 1000), drainPerS: TICKETS / (drainMs / 1000), drainMs, latency: summary(latencies) };
}

// ---- main ----------------------------------------------------------------------------------------

async function seed(database: Database): Promise<string> {
  await migrateDatabase(database);
  await upsertRecipe(
    database.db,
    testRecipe({ slug: "bench-noop", name: "Bench no-op", parameters: { type: "object", required: [], properties: {} } }),
  );
  return (await createProject(database.db, { name: "bench", description: "" })).id;
}

/** A database of its own, migrated and seeded, and how to drop it. */
async function freshDatabase(): Promise<{ database: Database; projectId: string; drop(): Promise<void> }> {
  const name = `worksmith_bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const database = await openDatabase({ databaseUrl: urlFor(name), poolSize: POOL });
  const drop = async () => {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    return { database, projectId: await seed(database), drop };
  } catch (err) {
    await drop();
    throw err;
  }
}

async function main() {
  const name = `worksmith_bench_${randomBytes(4).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = urlFor(name);
  const database = await openDatabase({ databaseUrl: url, poolSize: POOL });
  try {
    await migrateDatabase(database);
    await upsertRecipe(
      database.db,
      testRecipe({ slug: "bench-noop", name: "Bench no-op", parameters: { type: "object", required: [], properties: {} } }),
    );
    const project = await createProject(database.db, { name: "bench", description: "" });
    const [loadavg] = (await import("node:os")).loadavg();
    console.log(
      `bench:queue — ${TICKETS} tickets, ${LATENCY_SAMPLES} latency samples, concurrency ${CONCURRENCY}, pool ${POOL}, load average at start ${fmt(loadavg ?? 0)}`,
    );

    if (WAITING > 0 && !ONLY_FAIRNESS) {
      const w = await benchWaiting(database, project.id);
      const kb = (n: number) => `${fmt(Number(n) / 1024, 0)} KB`;
      console.log(
        `waiting   ${w.size?.waiting} tickets waiting (${fmt(w.fillPerS, 0)}/s to ask), agents running meanwhile ${w.heldWhileWaiting}, leases held ${w.size?.leased} | ` +
          `ticket_questions ${kb(w.size?.questions_table ?? 0)} table + ${kb(w.size?.questions_indexes ?? 0)} indexes ` +
          `(${fmt((Number(w.size?.questions_table ?? 0) + Number(w.size?.questions_indexes ?? 0)) / Math.max(1, w.size?.waiting ?? 1), 0)} bytes a question), resume index ${kb(w.size?.resume_index ?? 0)}`,
      );
      console.log(
        `          answer→running p50 ${fmt(w.toRunning.p50)} ms p90 ${fmt(w.toRunning.p90)} ms p99 ${fmt(w.toRunning.p99)} ms max ${fmt(w.toRunning.max)} ms ` +
          `(${w.samples} samples; the answer call itself p50 ${fmt(w.answerCall.p50)} ms p99 ${fmt(w.answerCall.p99)} ms) — target p99 ≤ 10 ms → ${w.toRunning.p99 <= 10 ? "met" : "missed"}`,
      );
      console.log(
        w.woken === 0
          ? `          where: every sample was handed off (the answer's statement claimed it for the local worker; no NOTIFY → claim on the path)`
          : `          where (${w.woken} of ${w.samples} samples resumed by NOTIFY → claim, the rest handed off): answer start→NOTIFY heard p50 ${fmt(w.toWake.p50)} ms p99 ${fmt(w.toWake.p99)} ms | ` +
              `NOTIFY heard→running (claim) p50 ${fmt(w.wakeToRunning.p50)} ms p99 ${fmt(w.wakeToRunning.p99)} ms`,
      );
      if (ONLY_WAITING) return;
      await database.db.execute(sql`DELETE FROM work_tickets`);
    }

    if (ONLY_FAIRNESS || FAIRNESS) {
      const b = await createProject(database.db, { name: "bench B", description: "" });
      const f = await benchFairness(database, project.id, b.id);
      console.log(
        `fairness  3 workers × ${CONCURRENCY} draining A's ${FAIR_BACKLOG} (fair claim): B's submit→running p50 ${fmt(f.latency.p50)} ms p90 ${fmt(f.latency.p90)} ms ` +
          `p99 ${fmt(f.latency.p99)} ms max ${fmt(f.latency.max)} ms (${f.samples} samples over ${fmt(f.ms / 1000)} s; A completed meanwhile ${f.aDone}, ` +
          `still queued at the last sample ${f.backlogAtEnd}) — target p99 ≤ 50 ms → ${f.latency.p99 <= 50 ? "met" : "missed"}`,
      );
      await database.db.execute(sql`DELETE FROM work_tickets`);
      if (ONLY_FAIRNESS) {
        // A clean A/B: each drain in a fresh database (a drain leaves dead index entries behind that
        // the next one's scans walk until vacuum can remove them — with other sessions holding the
        // xmin horizon back, not soon), pairs alternating which goes first: fifo, fair, fair, fifo, …
        const { loadavg } = await import("node:os");
        const pairs: { first: ClaimOrder; fifo: number; fair: number; load: number }[] = [];
        for (let i = 0; i < FAIR_PAIRS; i++) {
          const first: ClaimOrder = i % 2 === 0 ? "fifo" : "fair";
          const pair = { first, fifo: 0, fair: 0, load: loadavg()[0] ?? 0 };
          const claims = { fifo: 0, fair: 0 };
          for (const order of first === "fifo" ? (["fifo", "fair"] as const) : (["fair", "fifo"] as const)) {
            const fresh = await freshDatabase();
            try {
              const drain = await benchOurs(fresh.database, fresh.projectId, order, 0);
              pair[order] = drain.drainPerS;
              claims[order] = drain.claims;
            } finally {
              await fresh.drop();
            }
          }
          pairs.push(pair);
          console.log(
            `          pair ${i + 1} (${first} first, load ${fmt(pair.load)}): fifo ${fmt(pair.fifo, 0)}, fair ${fmt(pair.fair, 0)} tickets/s → ${fmt((100 * pair.fair) / pair.fifo, 1)} % ` +
              `(claims ${claims.fifo} fifo, ${claims.fair} fair)`,
          );
        }
        // One drain's rate swings by ±20 % on this machine with the load (RESULTS, engine rounds 7–10),
        // more than the difference looked for: the verdict is the median of the pairs' ratios (each pair
        // ran back to back, so shares its load), printed with their spread; a mean of a few drains
        // each side was moved by one slow drain.
        const ratios = pairs.map((p) => (100 * p.fair) / p.fifo);
        const med = median(ratios);
        console.log(
          `fair vs fifo claim, one worker, ${TICKETS} tickets, each drain in a fresh database, ${pairs.length} pairs alternating: ` +
            `fair ${pairs.map((p) => fmt(p.fair, 0)).join(", ")} vs fifo ${pairs.map((p) => fmt(p.fifo, 0)).join(", ")} tickets/s | ` +
            `pair ratios ${ratios.map((r) => fmt(r, 1)).join(", ")} % → median ${fmt(med, 1)} % (min ${fmt(Math.min(...ratios), 1)}, max ${fmt(Math.max(...ratios), 1)}; ` +
            `ratio of medians ${fmt((100 * median(pairs.map((p) => p.fair))) / median(pairs.map((p) => p.fifo)), 1)} %, fair ahead in ${ratios.filter((r) => r > 100).length} of ${ratios.length}) ` +
            `— target ≥ 95 % → ${med >= 95 ? "met" : "missed"}`,
        );
        return;
      }
    }

    const remote = await openDatabase({ databaseUrl: url, poolSize: 4 });
    let ours;
    try {
      ours = await benchOurs(database, project.id, "fair", LATENCY_SAMPLES, remote);
    } finally {
      await remote.close();
    }
    console.log(
      `ours      submit(bulk) ${fmt(ours.submitPerS, 0)}/s | drain ${fmt(ours.drainPerS, 0)} tickets/s (${fmt(ours.drainMs / 1000)} s) | ` +
        `submit→running p50 ${fmt(ours.latency.p50)} ms p90 ${fmt(ours.latency.p90)} ms p99 ${fmt(ours.latency.p99)} ms max ${fmt(ours.latency.max)} ms` +
        ` | submitTicket() call p50 ${fmt(ours.submitCall.p50)} ms (${ours.handedOff} of ${ours.samples} handed off to the idle worker)`,
    );
    if (ours.remoteLatency) {
      const r = ours.remoteLatency;
      console.log(
        `          submit→running through another pool (no local worker: NOTIFY → claim; ${ours.remoteHandedOff} handed off) ` +
          `p50 ${fmt(r.p50)} ms p90 ${fmt(r.p90)} ms p99 ${fmt(r.p99)} ms max ${fmt(r.max)} ms`,
      );
    }
    console.log(`          plans of the prepared statements on one pooled connection: ${ours.plans}`);
    console.log(
      `          check: ${ours.completed} completed of ${TICKETS + 2 * LATENCY_SAMPLES}, ${ours.statusEvents} status events (expect ${3 * (TICKETS + 2 * LATENCY_SAMPLES)}), ${ours.starts} agent runs`,
    );

    const graphile = await benchGraphile(url);
    console.log(
      `graphile  addJobs ${fmt(graphile.submitPerS, 0)}/s | drain ${fmt(graphile.drainPerS, 0)} jobs/s (${fmt(graphile.drainMs / 1000)} s) | ` +
        `addJob→start p50 ${fmt(graphile.latency.p50)} ms p90 ${fmt(graphile.latency.p90)} ms p99 ${fmt(graphile.latency.p99)} ms max ${fmt(graphile.latency.max)} ms` +
        (GRAPHILE_TUNED ? " (localQueue + completeJobBatchDelay 0)" : " (defaults)"),
    );
    console.log(
      `ratio (ours/graphile): throughput ${fmt(ours.drainPerS / graphile.drainPerS)} (target ≥ 1.0) | latency p50 ${fmt(ours.latency.p50 / graphile.latency.p50)} p99 ${fmt(ours.latency.p99 / graphile.latency.p99)} (lower is better)`,
    );
    console.log(
      `targets: ours p50 ≤ 3 ms → ${ours.latency.p50 <= 3 ? "met" : "missed"}; p99 ≤ 10 ms → ${ours.latency.p99 <= 10 ? "met" : "missed"} | ` +
        `issue 13: throughput ≥ 1.5× graphile → ${ours.drainPerS >= 1.5 * graphile.drainPerS ? "met" : "missed"}; ` +
        `p50 ≤ graphile's → ${ours.latency.p50 <= graphile.latency.p50 ? "met" : "missed"}`,
    );
  } finally {
    await database.close();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
