// `npm run bench:faults`: the "nothing lost" figures of issue 7, on PostgreSQL, with real processes.
// One file in two roles (main, clients), so the SSE clients run in their own OS process.
// (1) kill -9 of worker processes at random moments, BENCH_KILLS (100) times, over a steady stream
//     of tickets (test/faults/fixtures/kill-loop.ts, shared with the CI test): tickets submitted,
//     completed, failed "worker lost", still running, lost, agent runs repeated because of a kill,
//     and agent runs of one ticket that overlapped in time (each run's start and end recorded by
//     the killable worker with its lease's attempt and owner; a killed run ends at its kill).
// (2) the server process (`worksmith serve --no-worker`) killed with SIGKILL and started again on
//     the same port while BENCH_SSE_CLIENTS (1,000) SSE clients follow a project and a separate
//     `worksmith worker` runs its tickets; clients reconnect with Last-Event-ID; each client's
//     received ids are compared with ticket_events: gaps, duplicates; how long after the restart
//     each client had a stream again, and when every client held the last event.
// (3) PostgreSQL restarted (pg_ctlcluster … restart) under load while a server and a worker run:
//     submissions through the API (retried with the same Idempotency-Key while the database is
//     away), every ticket terminal, none lost, SSE clients see every event.
// Creates its own database and drops it, and in it an account with an API token (`worksmith users
// create`, `tokens create`) that every request carries; loopback only; bounded in time. Prints
// numbers; not a test.
// Part (3) restarts the shared PostgreSQL server: other users of it see their connections drop.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

// ---- role: clients -----------------------------------------------------------------------------
// N SSE clients on one path, each following it like a browser's EventSource: after a drop it waits
// the server's `retry:` hint (2 s; ±50 % jitter so 1,000 clients do not come back in lockstep) and
// reconnects with Last-Event-ID = the last id it received. A connection that gets no byte at all
// for STALL_MS (no answer, or a body without even the 15 s heartbeat) is abandoned and retried: an
// earlier version had no such timeout, and a client could wait forever (see bench/RESULTS.md).
// Commands on stdin: "min" (the lowest last id over all clients), "report <file> <killedAt>
// <restartedAt>" (compare with the expected ids in the file; each client's first stream after
// killedAt, timed from restartedAt; ms since the epoch), "exit". The API token comes in the
// environment (BENCH_TOKEN), not in `ps`.
// BENCH_SSE_RETRY_MS overrides the hint: e.g. 350 (175–525 ms) for the harsher storm of the first
// version of this bench (100–600 ms).

const STALL_MS = 45_000;

interface ClientState {
  /** Where the client is: connecting (request sent, no answer yet), streaming, or waiting to retry. */
  state: string;
  /** When it entered that state (ms since the epoch). */
  since: number;
  last: number;
  ids: number[];
  connects: number;
  /** When each 200 answer arrived (ms since the epoch). */
  connectedAt: number[];
  /** Connections abandoned for silence (STALL_MS). */
  stalls: number;
  retryMs: number;
}

async function runClients(port: number, n: number, path: string, after: number): Promise<void> {
  const clients: ClientState[] = [];
  const requests = new Set<http.ClientRequest>();
  const token = process.env.BENCH_TOKEN;
  const fixedRetryMs = process.env.BENCH_SSE_RETRY_MS ? Number(process.env.BENCH_SSE_RETRY_MS) : null;
  let connected = 0;
  let stopping = false;
  const enter = (c: ClientState, state: string) => {
    c.state = state;
    c.since = Date.now();
  };
  const open = (c: ClientState, first: () => void) => {
    if (stopping) return;
    let retried = false;
    let stall: NodeJS.Timeout | undefined;
    const retry = () => {
      clearTimeout(stall);
      if (retried || stopping) return;
      retried = true;
      enter(c, "retry-wait");
      requests.delete(req);
      req.destroy();
      setTimeout(() => open(c, first), c.retryMs * (0.5 + Math.random()));
    };
    // Armed at the request and re-armed by every byte: silence this long means a dead connection.
    const alive = () => {
      clearTimeout(stall);
      stall = setTimeout(() => {
        c.stalls++;
        retry();
      }, STALL_MS);
    };
    const headers: Record<string, string> = { accept: "text/event-stream", "last-event-id": String(c.last) };
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request({ host: "127.0.0.1", port, path, agent: false, headers });
    requests.add(req);
    enter(c, "connecting");
    alive();
    req.on("response", (res) => {
      alive();
      if (res.statusCode !== 200) {
        enter(c, `status ${res.statusCode}`);
        res.resume();
        res.on("end", retry);
        res.on("error", retry);
        return;
      }
      c.connects++;
      c.connectedAt.push(Date.now());
      enter(c, "streaming");
      first();
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        alive();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const m = /^id: (\d+)$/m.exec(block);
          if (m) {
            const id = Number(m[1]);
            c.ids.push(id);
            c.last = id;
          }
          const r = /^retry: (\d+)$/m.exec(block);
          if (r && fixedRetryMs === null) c.retryMs = Number(r[1]);
        }
      });
      res.on("close", retry);
      res.on("error", retry);
    });
    req.on("error", retry);
    req.end();
  };
  for (let i = 0; i < n; i++)
    clients.push({
      state: "new",
      since: Date.now(),
      last: after,
      ids: [],
      connects: 0,
      connectedAt: [],
      stalls: 0,
      retryMs: fixedRetryMs ?? 2_000,
    });
  // Connect in waves of 250 so the listen backlog never overflows.
  for (let i = 0; i < n; i += 250) {
    await Promise.all(
      clients.slice(i, i + 250).map(
        (c) =>
          new Promise<void>((resolve) =>
            open(c, () => {
              if (c.connects === 1) {
                connected++;
                resolve();
              }
            }),
          ),
      ),
    );
  }
  process.stdout.write(`connected ${connected}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === "min") process.stdout.write(`min ${Math.min(...clients.map((c) => c.last))}\n`);
    if (line.startsWith("report ")) {
      const [, file, killedAtText, restartedAtText] = line.split(" ");
      const killedAt = Number(killedAtText ?? 0);
      const restartedAt = Number(restartedAtText ?? 0);
      // [event id, ticket number, 1 when a todo list]: live todo lists of a ticket are coalesced by
      // design (src/events/event-stream.ts: a newer list supersedes one held < 100 ms), so a
      // missing list followed by a later list of the same ticket is "superseded", not a gap.
      const expected = JSON.parse(readFileSync(file!, "utf8")) as [number, number, number][];
      const want = new Map(expected.map(([id, ticket, todos]) => [id, { ticket, todos: todos === 1 }]));
      let gaps = 0;
      let superseded = 0;
      let duplicates = 0;
      let extra = 0;
      let outOfOrder = 0;
      let clientsWithGaps = 0;
      let received = 0;
      let reconnects = 0;
      let stalls = 0;
      const sampleMissing: number[] = [];
      const gapStates: Record<string, number> = {};
      const gapSamples: string[] = [];
      // Per client: seconds from the server answering again to the client's first stream on it (a
      // client may get in between the listen and the parent reading "is running at": 0).
      const resumeS: number[] = [];
      let notResumed = 0;
      for (const c of clients) {
        const got = new Set(c.ids);
        received += c.ids.length;
        reconnects += c.connects - 1;
        stalls += c.stalls;
        duplicates += c.ids.length - got.size;
        for (let k = 1; k < c.ids.length; k++) if (c.ids[k]! <= c.ids[k - 1]!) outOfOrder++;
        const back = c.connectedAt.find((t) => t >= killedAt);
        if (back === undefined) notResumed++;
        else resumeS.push(Math.max(0, back - restartedAt) / 1000);
        const lastTodos = new Map<number, number>();
        for (const id of got) {
          const e = want.get(id);
          if (!e) extra++;
          else if (e.todos) lastTodos.set(e.ticket, Math.max(id, lastTodos.get(e.ticket) ?? 0));
        }
        let missing = 0;
        for (const [id, e] of want) {
          if (got.has(id)) continue;
          if (e.todos && (lastTodos.get(e.ticket) ?? 0) > id) {
            superseded++;
            continue;
          }
          missing++;
          if (sampleMissing.length < 10) sampleMissing.push(id);
        }
        gaps += missing;
        if (missing > 0) {
          clientsWithGaps++;
          gapStates[c.state] = (gapStates[c.state] ?? 0) + 1;
          if (gapSamples.length < 5)
            gapSamples.push(`${c.state} for ${Date.now() - c.since} ms, ${c.connects} streams, ${c.stalls} stalls, last id ${c.last}`);
        }
      }
      resumeS.sort((a, b) => a - b);
      const q = (p: number) => resumeS[Math.min(resumeS.length - 1, Math.floor(p * resumeS.length))] ?? NaN;
      const report = {
        clients: clients.length,
        expectedPerClient: expected.length,
        received,
        gaps,
        superseded,
        duplicates,
        extra,
        outOfOrder,
        clientsWithGaps,
        reconnects,
        stalls,
        notResumed,
        resumeP50S: q(0.5),
        resumeP95S: q(0.95),
        resumeMaxS: resumeS.at(-1) ?? NaN,
        sampleMissing,
        gapStates,
        gapSamples,
        lastExpected: expected.at(-1)?.[0],
        lowestLast: Math.min(...clients.map((c) => c.last)),
      };
      process.stdout.write(`report ${JSON.stringify(report)}\n`);
    }
    if (line === "exit") {
      stopping = true;
      for (const r of requests) r.destroy();
      process.exit(0);
    }
  }
}

// ---- role: main --------------------------------------------------------------------------------

interface Child {
  proc: ChildProcess;
  exited: Promise<void>;
  /** The last lines of stdout and stderr (for a post-mortem). */
  tail(): string;
  /** Waits for the next stdout line containing `text` (lines read before the call are not considered). */
  next(text: string, timeoutMs?: number): Promise<string>;
}

const children: ChildProcess[] = [];

function spawnChild(args: string[], env: Record<string, string> = {}, label = "child"): Child {
  // 1,000 sockets per process: raise the soft fd limit (hard limit permitting) before node starts.
  const proc = spawn(
    "sh",
    ["-c", `ulimit -n 20000 2>/dev/null || ulimit -n $(ulimit -Hn); exec "$0" "$@"`, process.execPath, "--import", "tsx", ...args],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] },
  );
  children.push(proc);
  let stderr = "";
  proc.stderr.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const waiters: { text: string; resolve: (v: string) => void }[] = [];
  const lastLines: string[] = [];
  createInterface({ input: proc.stdout }).on("line", (line) => {
    lastLines.push(line);
    if (lastLines.length > 20) lastLines.shift();
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (line.includes(w.text)) {
        waiters.splice(i, 1);
        w.resolve(line);
      }
    }
  });
  return {
    proc,
    exited,
    tail: () => `exit code ${proc.exitCode} signal ${proc.signalCode}\nstdout: ${lastLines.join("\n")}\nstderr: ${stderr}`,
    next: (text, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${label}: no "${text}" within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        void exited.then(() => reject(new Error(`${label} exited before "${text}"; stderr: ${stderr}`)));
        waiters.push({
          text,
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
        });
      }),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const { openDatabase } = await import("../src/db/client.js");
  const { migrateDatabase } = await import("../src/db/migrate.js");
  const { createProject } = await import("../src/db/repositories/projects.js");
  const { upsertRecipe } = await import("../src/db/repositories/recipes.js");
  const { syncRecipes } = await import("../src/recipes/load.js");
  const { submitTicketsBulk } = await import("../src/engine/index.js");
  const { testRecipe } = await import("../test/engine/seed.js");
  const { KILL_RECIPE, prepareKillTables, runKillScenario } = await import("../test/faults/fixtures/kill-loop.js");
  type KillFigures = Awaited<ReturnType<typeof runKillScenario>>;

  const parts = new Set((process.env.BENCH_FAULTS_PARTS ?? "1,2,3").split(","));
  const KILLS = Number(process.env.BENCH_KILLS ?? 100);
  const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 60);
  const SSE_CLIENTS = Number(process.env.BENCH_SSE_CLIENTS ?? 1_000);
  const name = `worksmith_bench_faults_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = urlFor(name);
  const dataDir = mkdtempSync(join(os.tmpdir(), "worksmith-faults-"));
  const started = new Date();
  const loads: string[] = [`start ${load()}`];
  const dbErrors: string[] = [];
  const database = await openDatabase({ databaseUrl: url, poolSize: 6, onError: (e) => dbErrors.push(e.message) });
  await migrateDatabase(database);
  await syncRecipes(database);
  console.log(`bench:faults on PostgreSQL (${name}); ${os.cpus().length} cores, load ${load()}`);

  const figures: string[] = [];
  const pool = database.raw.kind === "postgres" ? database.raw.pool : null;
  if (!pool) throw new Error("bench:faults needs PostgreSQL");
  const count = async (text: string, params: unknown[]) => Number((await pool.query<{ n: string }>(text, params)).rows[0]?.n);

  const baseEnv = {
    DATABASE_URL: url,
    HOST: "127.0.0.1",
    WORKSMITH_DATA_DIR: dataDir,
    WORKSMITH_SEED_DEMO: "false",
    WORKSMITH_AGENT_PROVIDER: "builtin",
  };
  // Every /api route wants a credential: an account and an API token made with the CLI, as an
  // operator would; the projects below are that account's. The password goes through stdin.
  const cli = (args: string[], input = "") =>
    execFileSync(process.execPath, ["--import", "tsx", MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...baseEnv, LOG_LEVEL: "warn" },
      input,
    }).toString();
  const email = "bench-faults@example.test";
  let ownerId = "";
  let token = "";
  const auth = () => ({ authorization: `Bearer ${token}` });
  const startServer = async (port: number) => {
    const s = spawnChild(
      [MAIN, "serve", "--no-worker"],
      {
        ...baseEnv,
        PORT: String(port),
        LOG_LEVEL: "warn",
        // 1,000 streams on one token, and a submitter that may retry quickly: lift the per-credential caps.
        WORKSMITH_MAX_STREAMS_PER_PRINCIPAL: "5000",
        WORKSMITH_SUBMIT_RATE_PER_MINUTE: "100000",
      },
      "server",
    );
    await s.next("is running at");
    return s;
  };
  const startWorker = async () => {
    const w = spawnChild(
      [MAIN, "worker"],
      {
        ...baseEnv,
        LOG_LEVEL: "info",
        WORKSMITH_WORKER_CONCURRENCY: "4",
        WORKSMITH_LEASE_MS: "5000",
        WORKSMITH_BUILTIN_STEP_DELAY_MS: "20",
      },
      "worker",
    );
    await w.next("worker started");
    return w;
  };
  const expectedIds = async (projectId: string, after: number): Promise<[number, number, number][]> => {
    const rows = (
      await pool.query<{ id: string; ticket_id: string; type: string }>(
        `SELECT id, ticket_id, type FROM ticket_events WHERE project_id = $1 AND id > $2 ORDER BY id`,
        [projectId, after],
      )
    ).rows;
    const tickets = new Map<string, number>();
    return rows.map((r) => [
      Number(r.id),
      tickets.get(r.ticket_id) ?? tickets.set(r.ticket_id, tickets.size).size - 1,
      r.type === "todos" ? 1 : 0,
    ]);
  };
  const maxEventId = async () =>
    Number((await pool.query<{ m: string }>("SELECT coalesce(max(id), 0)::text AS m FROM ticket_events")).rows[0]!.m);
  /**
   * Waits until every client has read up to the last event of the project (at most CATCH_UP_MS), then
   * compares with the table. `killedAt`, `restartedAt`: when the server went away and answered again.
   */
  const CATCH_UP_MS = 120_000;
  async function sseReport(clients: Child, projectId: string, after: number, killedAt = 0, restartedAt = 0) {
    const expected = await expectedIds(projectId, after);
    const last = expected.at(-1)?.[0] ?? after;
    const t = Date.now();
    let caughtUpAt = NaN;
    for (;;) {
      const reply = clients.next("min ");
      clients.proc.stdin!.write("min\n");
      const min = Number((await reply).split(" ")[1]);
      if (min >= last) caughtUpAt = Date.now();
      if (min >= last || Date.now() - t > CATCH_UP_MS) break;
      await sleep(250);
    }
    const file = join(dataDir, `expected-${randomUUID()}.json`);
    writeFileSync(file, JSON.stringify(expected));
    const reply = clients.next("report ");
    clients.proc.stdin!.write(`report ${file} ${killedAt} ${restartedAt}\n`);
    const report = JSON.parse((await reply).slice(7)) as {
      clients: number;
      expectedPerClient: number;
      received: number;
      gaps: number;
      superseded: number;
      duplicates: number;
      extra: number;
      outOfOrder: number;
      clientsWithGaps: number;
      reconnects: number;
      stalls: number;
      notResumed: number;
      resumeP50S: number;
      resumeP95S: number;
      resumeMaxS: number;
      sampleMissing: number[];
      gapStates: Record<string, number>;
      gapSamples: string[];
    };
    /** Seconds from the restart until every client held the last event; NaN when some never did. */
    return { ...report, caughtUpS: (caughtUpAt - restartedAt) / 1000 };
  }
  async function waitTerminal(projectId: string, ms: number): Promise<number> {
    const t = Date.now();
    for (;;) {
      const open = await count(`SELECT count(*) AS n FROM work_tickets WHERE project_id = $1 AND status IN ('pending', 'running')`, [
        projectId,
      ]);
      if (open === 0 || Date.now() - t > ms) return (Date.now() - t) / 1000;
      await sleep(250);
    }
  }
  const statusCounts = async (projectId: string) =>
    Object.fromEntries(
      (
        await pool.query<{ status: string; n: string }>(
          `SELECT status, count(*) AS n FROM work_tickets WHERE project_id = $1 GROUP BY status`,
          [projectId],
        )
      ).rows.map((r) => [r.status, Number(r.n)]),
    ) as Record<string, number>;

  try {
    cli(["users", "create", "--email", email, "--name", "bench:faults", "--password-stdin"], randomBytes(18).toString("base64url"));
    token = cli(["tokens", "create", "--email", email, "--name", "bench-faults"]).trim();
    ownerId = (await pool.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email])).rows[0]!.id;

    // ---- (1) kill -9 of worker processes ----
    if (parts.has("1")) {
      await upsertRecipe(database.db, testRecipe(KILL_RECIPE));
      await prepareKillTables(database);
      const project = await createProject(database.db, { name: "faults: kill -9", description: "" }, ownerId);
      console.log(`(1) kill -9 ×${KILLS} of worker processes …`);
      const f: KillFigures = await runKillScenario({
        database,
        url,
        projectId: project.id,
        recipeSlug: KILL_RECIPE.slug,
        kills: KILLS,
        workers: 3,
        leaseMs: 1_500,
        killEveryMs: [300, 1_000],
        agentMs: [10, 200],
        ticketsPerSecond: 20,
        // Each worker process also submits one ticket every 250 ms itself (the submit hand-off).
        localSubmitEveryMs: 250,
        // On a box loaded by others the kill loop stretches (replacements start slowly) while tickets
        // keep coming at 20/s: the backlog left at the last kill needs longer than 60 s to drain.
        settleMs: SETTLE_S * 1_000,
        log: (l) => console.log(`    ${l}`),
      });
      loads.push(`after (1) ${load()}`);
      figures.push(
        `(1) kill -9 of worker processes: ${f.kills} kills (3 workers, lease 1.5 s, agent 10–200 ms, a kill every 0.3–1 s, 20 tickets/s in bulk + 4/s from each worker process) over ${f.killLoopS.toFixed(0)} s`,
        `    tickets submitted ${f.submitted} (${f.submittedLocally} by the worker processes, ${f.handedOff} of them handed off to the submitter's own worker) · completed ${f.completed} · failed "worker lost" ${f.failedWorkerLost} · failed otherwise ${f.failedOther}`,
        `    still running ${f.stillRunning} · still pending ${f.stillPending} · LOST ${f.lost}   (${f.stillRunning + f.stillPending === 0 ? `all terminal ${f.settleS.toFixed(1)} s after the last kill` : `NOT all terminal ${f.settleS.toFixed(0)} s after the last kill: a backlog, or stuck`})`,
        `    agent runs repeated because of a kill ${f.repeatedRuns} (on ${f.ticketsRerun} tickets); "worker lost; retrying" requeues ${f.workerLostRetries}`,
        `    agent runs of one ticket that overlapped in time ${f.overlappingRuns} (must be 0; a killed run ends when its process was seen dead)`,
      );
      console.log(figures.slice(-5).join("\n"));
    }

    // ---- (2) server restart under SSE clients ----
    if (parts.has("2") || parts.has("3")) {
      const port = await freePort();
      let server = await startServer(port);
      const worker = await startWorker();

      if (parts.has("2")) {
        const project = await createProject(database.db, { name: "faults: server restart", description: "" }, ownerId);
        const after = await maxEventId();
        const t0 = Date.now();
        const clients = spawnChild(
          [SELF, "clients", String(port), String(SSE_CLIENTS), `/api/projects/${project.id}/events`, String(after)],
          { BENCH_TOKEN: token },
          "clients",
        );
        await clients.next("connected");
        console.log(
          `(2) ${SSE_CLIENTS} SSE clients connected in ${((Date.now() - t0) / 1000).toFixed(1)} s; submitting, then kill -9 of the server …`,
        );
        let submitted = 0;
        const SUBMIT_S = 15;
        const submitting = (async () => {
          const end = Date.now() + SUBMIT_S * 1000;
          while (Date.now() < end) {
            const rows = await submitTicketsBulk(database, {
              projectId: project.id,
              recipeSlug: "blog-post",
              parameters: Array.from({ length: 2 }, (_, i) => ({ topic: `restart ${submitted + i}` })),
            });
            submitted += rows.length;
            await sleep(250);
          }
        })();
        await sleep(5_000);
        const killedAt = Date.now();
        const killedAfter = await maxEventId();
        server.proc.kill("SIGKILL");
        await server.exited;
        server = await startServer(port);
        const restartedAt = Date.now();
        const downS = (restartedAt - killedAt) / 1000;
        await submitting;
        const settleS = await waitTerminal(project.id, 120_000);
        const st = await statusCounts(project.id);
        const r = await sseReport(clients, project.id, after, killedAt, restartedAt);
        console.log(`    clients' report ${JSON.stringify(r)}; server killed after event ${killedAfter}`);
        if (process.env.BENCH_FAULTS_DEBUG && r.sampleMissing.length > 0)
          console.log(
            (
              await pool.query(
                `SELECT id, ticket_id, type, data->>'status' AS status, created_at, (SELECT min(id) FROM ticket_events e2 WHERE e2.ticket_id = e.ticket_id) AS first FROM ticket_events e WHERE id = ANY($1::bigint[]) OR id BETWEEN $2 AND $3 ORDER BY id`,
                [r.sampleMissing, Math.min(...r.sampleMissing) - 3, Math.max(...r.sampleMissing) + 3],
              )
            ).rows,
          );
        clients.proc.stdin!.write("exit\n");
        await clients.exited;
        loads.push(`after (2) ${load()}`);
        figures.push(
          `(2) server kill -9 + restart on the same port with ${r.clients} SSE clients on the project stream (worker in its own process): server away ${downS.toFixed(1)} s; clients retry after ${process.env.BENCH_SSE_RETRY_MS ? `${process.env.BENCH_SSE_RETRY_MS} ms` : "the server's retry hint (2 s)"} ±50 %`,
          `    tickets submitted ${submitted} · statuses ${JSON.stringify(st)} (all terminal ${settleS.toFixed(1)} s after submitting ended)`,
          `    clients back on the restarted server ${r.clients - r.notResumed}/${r.clients} (p50 ${r.resumeP50S.toFixed(1)} s · p95 ${r.resumeP95S.toFixed(1)} s · max ${r.resumeMaxS.toFixed(1)} s after it answered) · every client holding the last event ${Number.isNaN(r.caughtUpS) ? `NOT within ${CATCH_UP_MS / 1000} s` : `${r.caughtUpS.toFixed(1)} s after the restart`} · silent connections abandoned ${r.stalls}`,
          `    events expected per client ${r.expectedPerClient} · received in all ${r.received} · reconnects ${r.reconnects}`,
          `    GAPS ${r.gaps} (clients with gaps ${r.clientsWithGaps}) · DUPLICATES ${r.duplicates} · out of order ${r.outOfOrder} · unexpected ids ${r.extra} · live todo lists superseded by a later list of the same ticket (coalescing, by design) ${r.superseded}`,
          ...(r.clientsWithGaps > 0
            ? [`    clients with gaps, by state: ${JSON.stringify(r.gapStates)}; e.g. ${r.gapSamples.join(" | ")}`]
            : []),
        );
        console.log(figures.slice(r.clientsWithGaps > 0 ? -6 : -5).join("\n"));
      }

      // ---- (3) PostgreSQL restarted under load ----
      if (parts.has("3")) {
        const project = await createProject(database.db, { name: "faults: postgres restart", description: "" }, ownerId);
        const after = await maxEventId();
        const clients = spawnChild(
          [SELF, "clients", String(port), "10", `/api/projects/${project.id}/events`, String(after)],
          { BENCH_TOKEN: token },
          "clients",
        );
        await clients.next("connected");
        const accepted = new Set<string>();
        let attempts = 0;
        let failedAttempts = 0;
        let submitErrors = 0;
        const submitOne = async (key: string, topic: string) => {
          const until = Date.now() + 60_000;
          for (;;) {
            attempts++;
            try {
              const res = await fetch(`http://127.0.0.1:${port}/api/work/content/execute`, {
                method: "POST",
                headers: { ...auth(), "content-type": "application/json", "idempotency-key": key },
                body: JSON.stringify({ project_id: project.id, recipe_slug: "blog-post", parameters: { topic } }),
              });
              const body = (await res.json()) as { ticket_id?: string; id?: string };
              if (res.status === 202 || res.status === 200) {
                accepted.add(key);
                return body;
              }
              failedAttempts++;
            } catch {
              failedAttempts++;
            }
            if (Date.now() > until) {
              submitErrors++;
              return null;
            }
            await sleep(250);
          }
        };
        const phase: Record<string, number> = { before: 0, during: 0, after: 0 };
        let now: "before" | "during" | "after" = "before";
        let stop = false;
        let n = 0;
        const submitting = (async () => {
          const inflight: Promise<unknown>[] = [];
          while (!stop) {
            const p = now;
            phase[p]!++;
            inflight.push(submitOne(randomUUID(), `pg restart ${n++}`));
            await sleep(150);
          }
          await Promise.all(inflight);
        })();
        await sleep(5_000);
        console.log(`(3) restarting PostgreSQL under load (load ${load()}) …`);
        now = "during";
        const cluster = execFileSync("sh", ["-c", "ls /etc/postgresql | head -n1"]).toString().trim();
        const r0 = Date.now();
        // Not execFileSync: the submitter must keep going while the database is away.
        await new Promise<void>((resolve, reject) => {
          spawn("pg_ctlcluster", ["--skip-systemctl-redirect", cluster, "main", "restart"], { stdio: "inherit" }).on("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`pg_ctlcluster restart exited with ${code}`)),
          );
        });
        const restartS = (Date.now() - r0) / 1000;
        // The server answers again (a query through its pool) — time from the restart command's return.
        const h0 = Date.now();
        let healthyS = NaN;
        while (Date.now() - h0 < 60_000) {
          const ok = await fetch(`http://127.0.0.1:${port}/api/work/tickets?project_id=${project.id}&limit=1`, { headers: auth() })
            .then((r) => r.status === 200)
            .catch(() => false);
          if (ok) {
            healthyS = (Date.now() - h0) / 1000;
            break;
          }
          await sleep(100);
        }
        now = "after";
        await sleep(5_000);
        stop = true;
        await submitting;
        const settleS = await waitTerminal(project.id, 120_000);
        const st = await statusCounts(project.id);
        const tickets = await count(`SELECT count(*) AS n FROM work_tickets WHERE project_id = $1`, [project.id]);
        const open = await count(`SELECT count(*) AS n FROM work_tickets WHERE project_id = $1 AND status IN ('pending', 'running')`, [
          project.id,
        ]);
        const failedReasons = (
          await pool.query<{ m: string; n: string }>(
            `SELECT metadata->>'error_message' AS m, count(*) AS n FROM work_tickets WHERE project_id = $1 AND status = 'failed' GROUP BY 1`,
            [project.id],
          )
        ).rows;
        const r = await sseReport(clients, project.id, after);
        clients.proc.stdin!.write("exit\n");
        await clients.exited;
        const serverAlive = server.proc.exitCode === null && server.proc.signalCode === null;
        const workerAlive = worker.proc.exitCode === null && worker.proc.signalCode === null;
        if (!serverAlive) console.log(`    the server process died: ${server.tail()}`);
        if (!workerAlive) console.log(`    the worker process died: ${worker.tail()}`);
        // The worker still claims after the restart: one more ticket, end to end.
        const probe = await submitOne(randomUUID(), "after everything");
        const probeS = await waitTerminal(project.id, 30_000);
        const probeStatus = await statusCounts(project.id);
        loads.push(`after (3) ${load()}`);
        figures.push(
          `(3) PostgreSQL restarted under load (pg_ctlcluster restart took ${restartS.toFixed(1)} s; server answering again ${healthyS.toFixed(1)} s after it)`,
          `    server process alive ${serverAlive} · worker process alive ${workerAlive}`,
          `    submissions before/during/after ${phase.before}/${phase.during}/${phase.after}: accepted ${accepted.size}, given up ${submitErrors}; HTTP attempts ${attempts} (failed and retried with the same Idempotency-Key ${failedAttempts})`,
          `    tickets in the table ${tickets} (accepted ${accepted.size}) · statuses ${JSON.stringify(st)} · failed reasons ${JSON.stringify(failedReasons)}`,
          `    not terminal (LOST) ${open}   (all terminal ${settleS.toFixed(1)} s after submitting ended) · a ticket submitted afterwards: ${probe ? "accepted" : "refused"}, ended in ${probeS.toFixed(1)} s (${JSON.stringify(probeStatus)})`,
          `    SSE (${r.clients} clients): expected per client ${r.expectedPerClient} · GAPS ${r.gaps} · DUPLICATES ${r.duplicates} · out of order ${r.outOfOrder} · superseded todo lists ${r.superseded} · reconnects ${r.reconnects}`,
        );
        console.log(figures.slice(-6).join("\n"));
      }
      server.proc.kill("SIGTERM");
      worker.proc.kill("SIGTERM");
      await Promise.race([Promise.all([server.exited, worker.exited]), sleep(15_000)]);
    }
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await database.close().catch(() => undefined);
    const admin2 = new pg.Client({ connectionString: ADMIN_URL });
    await admin2.connect();
    await admin2.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin2.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    [
      "",
      "================ bench:faults figures ================",
      `date ${started.toISOString()} · ${os.cpus().length} cores · load average ${loads.join(" | ")} · end ${load()}`,
      `(machine shared with other helpers: figures of time are under contention)`,
      ...figures,
      `database connection errors seen by the bench's own pool: ${dbErrors.length}`,
      "======================================================",
    ].join("\n"),
  );
}

const role = process.argv[2];
if (role === "clients") {
  const [port, n, path, after] = process.argv.slice(3);
  await runClients(Number(port), Number(n), path!, Number(after));
} else {
  await main();
  process.exit(0);
}
