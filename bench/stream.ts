// `npm run bench:stream`: the realtime path on PostgreSQL, one file in three roles (main, server,
// clients), so the SSE server and the clients run in separate OS processes.
// (a) latency: 1,000 log events committed one at a time by a writer (this process, its own pool);
//     one SSE client (this process, raw http) — time from the writer's COMMIT returning to the
//     client reading the frame. Server: a child process (hub + stream routes on @hono/node-server).
// (b) fan-out: N SSE clients in a child process (raw sockets, minimal parsing), 90% on the streams of
//     20 tickets, 10% on the project stream, all on ONE server process; events published at a steady
//     rate; delivery latency = client receipt − the writer's time just before COMMIT (carried in the
//     event); server RSS sampled from /proc. N = 1,000 and 10,000 (BENCH_FANOUT="1000,10000").
// (c) the cost of the ordering trigger (docs/decisions/0002-event-ordering.md) on event writes:
//     engine-shaped transactions (lock the ticket row, insert the event, NOTIFY, commit) from 16
//     concurrent writers, and 500-row batch inserts like the engine's claim/finish statements,
//     with the trigger enabled and disabled, alternated A/B/A/B on the same database.
// Every request carries `Authorization: Bearer` of one account that owns the project (created with
// src/auth/accounts.ts), as a script or the CLI would; since all the clients share that one token, the
// server's per-token stream cap (WORKSMITH_MAX_STREAMS_PER_PRINCIPAL, default 32) is raised to 1,000,000.
// Creates its own database and drops it. Prints numbers; not a test.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SELF = fileURLToPath(import.meta.url);
const now = () => performance.timeOrigin + performance.now();

function urlFor(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

function summary(samples: number[] | Float64Array) {
  const s = Float64Array.from(samples).sort();
  return {
    n: s.length,
    p50: percentile(s, 50),
    p90: percentile(s, 90),
    p99: percentile(s, 99),
    max: s.length ? (s[s.length - 1] ?? NaN) : NaN,
  };
}
const ms = (n: number) => `${n.toFixed(2)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

// ---- role: server ------------------------------------------------------------------------------

async function runServer(url: string): Promise<void> {
  const { serve } = await import("@hono/node-server");
  const { createApi } = await import("../src/api/app.js");
  const { registerStreamRoutes } = await import("../src/api/routes/streams.js");
  const { loadConfig } = await import("../src/config.js");
  const { openDatabase } = await import("../src/db/client.js");
  const { createEventHub } = await import("../src/events/index.js");
  const logger = { info() {}, warn: (o: object, m?: string) => console.error(m, o), error: (o: object, m?: string) => console.error(m, o) };
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const hub = createEventHub({ database, logger });
  await hub.start();
  const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-bench-unused", WORKSMITH_MAX_STREAMS_PER_PRINCIPAL: "1000000" });
  const app = createApi({ database, config, version: "bench", logger }, [
    (a) => registerStreamRoutes(a, { database, hub, maxStreamsPerPrincipal: config.maxStreamsPerPrincipal }),
  ]);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
    process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  });
  setInterval(() => process.stdout.write(`subscribers ${hub.subscriberCount()}\n`), 1_000).unref();
  process.on("SIGTERM", () => {
    void hub.stop().then(() => process.exit(0));
  });
}

// ---- role: clients -----------------------------------------------------------------------------

/** The streams of the fan-out: every tenth client on the project stream, the rest over the 20 tickets. */
function fanoutPaths(n: number, project: string, tickets: string[], after: number): string[] {
  return Array.from({ length: n }, (_, i) =>
    i % 10 === 0
      ? `/api/projects/${project}/events?after=${after}`
      : `/api/work/tickets/${tickets[i % tickets.length]}/stream?after=${after}`,
  );
}

/** Opens one SSE connection per path with raw sockets; records receipt − sent_at per event. */
async function runClients(port: number, paths: string[], token: string): Promise<void> {
  const samples: number[] = [];
  let connected = 0;
  let received = 0;
  const sockets: net.Socket[] = [];
  const open = (path: string) =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${token}\r\n\r\n`);
      });
      sockets.push(socket);
      let headerDone = false;
      let buffer = "";
      socket.setEncoding("utf8");
      socket.on("data", (chunk: string) => {
        const at = now();
        if (!headerDone) {
          headerDone = true;
          if (!chunk.startsWith("HTTP/1.1 200")) reject(new Error(`bad response: ${chunk.slice(0, 80)}`));
          connected++;
          resolve();
        }
        // Minimal parsing on purpose (10,000 sockets on a 2-core machine): each frame's sent_at.
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const k = buffer.lastIndexOf('"sent_at":', cut);
          if (k >= 0) {
            samples.push(at - Number.parseFloat(buffer.slice(k + 10, cut)));
            received++;
          }
          buffer = buffer.slice(cut + 2);
        }
      });
      socket.on("error", reject);
    });
  // Connect in waves so the listen backlog (511) never overflows.
  for (let i = 0; i < paths.length; i += 250) await Promise.all(paths.slice(i, i + 250).map(open));
  process.stdout.write(`connected ${connected}\n`);
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    if (line === "reset") {
      samples.length = 0;
      received = 0;
    }
    if (line === "report") {
      const s = summary(samples);
      process.stdout.write(`report ${JSON.stringify({ ...s, received })}\n`);
    }
    if (line === "exit") {
      for (const s of sockets) s.destroy();
      process.exit(0);
    }
  }
}

// ---- role: main --------------------------------------------------------------------------------

interface Child {
  proc: ChildProcess;
  /** Waits for the next line starting with `prefix` (lines read before the call are not considered). */
  next(prefix: string): Promise<string>;
}

function spawnRole(args: string[], env: Record<string, string> = {}): Child {
  // 10,000 sockets per process: raise the soft fd limit (hard limit permitting) before node starts.
  const proc = spawn(
    "sh",
    ["-c", `ulimit -n 20000 2>/dev/null || ulimit -n $(ulimit -Hn); exec "$0" "$@"`, process.execPath, "--import", "tsx", SELF, ...args],
    {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, ...env },
    },
  );
  const waiters: { prefix: string; resolve: (v: string) => void }[] = [];
  createInterface({ input: proc.stdout }).on("line", (line) => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (line.startsWith(w.prefix)) {
        waiters.splice(i, 1);
        w.resolve(line.slice(w.prefix.length).trim());
      }
    }
  });
  return {
    proc,
    next: (prefix) => new Promise((resolve) => waiters.push({ prefix, resolve })),
  };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const { openDatabase } = await import("../src/db/client.js");
  const { migrateDatabase } = await import("../src/db/migrate.js");
  const name = `worksmith_bench_stream_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = urlFor(name);
  const database = await openDatabase({ databaseUrl: url });
  await migrateDatabase(database);
  const { createAccount, createApiToken } = await import("../src/auth/accounts.js");
  const account = await createAccount(database, { email: "bench@example.test", name: "bench", password: randomBytes(16).toString("hex") });
  const { token } = await createApiToken(database, account.id, "bench:stream");
  await database.close();
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  pool.on("error", () => undefined); // DROP DATABASE … WITH (FORCE) at the end ends idle clients
  const children: ChildProcess[] = [];
  console.log(
    `bench:stream on PostgreSQL (${name}); machine: ${(await import("node:os")).cpus().length} cores, load ${(await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  try {
    // Seed: a project, a recipe, 20 running tickets (rows only: no worker in this benchmark).
    const project = (await pool.query<{ id: string }>(`INSERT INTO projects (name) VALUES ('bench') RETURNING id`)).rows[0]!.id;
    await pool.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [project, account.id]);
    await pool.query(
      `INSERT INTO work_recipes (slug, name, description, icon, agent_type, output_format, configurable_parameters, timeout_s, max_attempts)
       VALUES ('bench', 'Bench', '', 'x', 'reporting', 'markdown', '{"type":"object","properties":{}}', 300, 1)`,
    );
    const request = (
      await pool.query<{ id: string }>(
        `INSERT INTO work_requests (project_id, recipe_slug, agent_type, parameters) VALUES ($1, 'bench', 'reporting', '{}') RETURNING id`,
        [project],
      )
    ).rows[0]!.id;
    const tickets: string[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await pool.query<{ id: string }>(
        `INSERT INTO work_tickets (request_id, project_id, recipe_slug, agent_type, status, max_attempts, timeout_s, metadata)
         VALUES ($1, $2, 'bench', 'reporting', 'running', 1, 300, '{}') RETURNING id`,
        [request, project],
      );
      tickets.push(r.rows[0]!.id);
    }

    /** One engine-shaped event write; returns the time COMMIT returned, and the id. */
    async function writeEvent(ticket: string, data: (beforeCommit: number) => object): Promise<{ id: number; committed: number }> {
      const c = await pool.connect();
      try {
        await c.query("BEGIN");
        await c.query("SELECT id FROM work_tickets WHERE id = $1 FOR SHARE", [ticket]);
        // sent_at is taken just before the INSERT; the COMMIT follows at once.
        const r = await c.query<{ id: string }>(
          `INSERT INTO ticket_events (ticket_id, project_id, type, data) VALUES ($1, $2, 'log', $3) RETURNING id, pg_notify('worksmith_events', id::text)`,
          [ticket, project, JSON.stringify(data(now()))],
        );
        await c.query("COMMIT");
        return { id: Number(r.rows[0]!.id), committed: now() };
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    }

    const server = spawnRole(["server", url]);
    children.push(server.proc);
    const port = Number(await server.next("listening"));

    // ---- (a) latency ----
    {
      const ticket = tickets[0]!;
      const arrivals = new Map<number, number>();
      let buffer = "";
      const req = http.get({
        host: "127.0.0.1",
        port,
        path: `/api/work/tickets/${ticket}/stream`,
        headers: { accept: "text/event-stream", authorization: `Bearer ${token}` },
      });
      const res = await new Promise<http.IncomingMessage>((resolve) => req.on("response", resolve));
      if (res.statusCode !== 200) throw new Error(`(a) stream answered ${res.statusCode}`);
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const at = now();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const m = /^id: (\d+)/m.exec(buffer.slice(0, cut));
          if (m) arrivals.set(Number(m[1]), at);
          buffer = buffer.slice(cut + 2);
        }
      });
      await sleep(300);
      const samples: number[] = [];
      const EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 1_000);
      for (let i = 0; i < EVENTS; i++) {
        const { id, committed } = await writeEvent(ticket, () => ({ level: "info", message: `latency ${i}` }));
        for (let w = 0; !arrivals.has(id) && w < 2_000; w++) await sleep(1);
        const at = arrivals.get(id);
        if (at !== undefined) samples.push(at - committed);
        await sleep(2); // a steady trickle, not a burst
      }
      req.destroy();
      const s = summary(samples);
      console.log(
        `(a) commit → client receipt over ${s.n} events: p50 ${ms(s.p50)}, p90 ${ms(s.p90)}, p99 ${ms(s.p99)}, max ${ms(s.max)}` +
          ` (negative = the NOTIFY and the frame overtook the writer's COMMIT reply)`,
      );
    }

    // ---- (b) fan-out ----
    const sizes = (process.env.BENCH_FANOUT ?? "1000,10000").split(",").map(Number);
    const rate = Number(process.env.BENCH_FANOUT_RATE ?? 10); // events per second
    const seconds = Number(process.env.BENCH_FANOUT_SECONDS ?? 20);
    for (const n of sizes) {
      // Clients start from the current end of the log: the fan-out measures live delivery, not replay.
      const after = Number((await pool.query<{ m: string }>("SELECT coalesce(max(id), 0)::text AS m FROM ticket_events")).rows[0]!.m);
      const paths = fanoutPaths(n, project, tickets, after);
      const perTicket = tickets.map((_, t) => paths.filter((p, k) => k % 10 === 0 || k % 20 === t).length);
      const rssBefore = rssMb(server.proc.pid!);
      const t0 = now();
      const clients = spawnRole(["clients", String(port), String(n), project, tickets.join(","), String(after)], { BENCH_TOKEN: token });
      children.push(clients.proc);
      await clients.next("connected");
      const connectS = (now() - t0) / 1000;
      await sleep(1_000);
      clients.proc.stdin!.write("reset\n");
      let peakRss = rssMb(server.proc.pid!);
      const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb(server.proc.pid!))), 250);
      const total = rate * seconds;
      let expected = 0;
      const start = now();
      for (let i = 0; i < total; i++) {
        const ticketIndex = i % 20;
        await writeEvent(tickets[ticketIndex]!, (t) => ({ level: "info", message: "fan-out", sent_at: t }));
        expected += perTicket[ticketIndex]!; // its ticket's subscribers and every project subscriber
        const due = start + ((i + 1) * 1000) / rate;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
      }
      await sleep(2_000);
      clearInterval(rssTimer);
      const reported = clients.next("report");
      clients.proc.stdin!.write("report\n");
      const report = JSON.parse(await reported) as ReturnType<typeof summary> & { received: number };
      console.log(
        `(b) N=${n}: ${total} events at ${rate}/s → ${report.received}/${expected} deliveries; delivery p50 ${ms(report.p50)}, p90 ${ms(report.p90)}, p99 ${ms(report.p99)}, max ${ms(report.max)};` +
          ` server RSS ${rssBefore.toFixed(0)} MB idle → peak ${peakRss.toFixed(0)} MB with ${n} clients; connecting took ${connectS.toFixed(1)} s`,
      );
      clients.proc.stdin!.write("exit\n");
      await new Promise((r) => clients.proc.once("exit", r));
      await sleep(1_000);
      console.log(
        `    after the clients left: ${await server.next("subscribers")} subscribers on the server, RSS ${rssMb(server.proc.pid!).toFixed(0)} MB`,
      );
    }

    // ---- (c) the ordering trigger's cost on event writes ----
    {
      const WRITERS = 16;
      const PER_ROUND_MS = Number(process.env.BENCH_TRIGGER_MS ?? 3_000);
      async function txRate(): Promise<number> {
        let done = 0;
        const until = now() + PER_ROUND_MS;
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, w) => {
            while (now() < until) {
              await writeEvent(tickets[w % 20]!, () => ({ level: "info", message: "cost" }));
              done++;
            }
          }),
        );
        return done / (PER_ROUND_MS / 1000);
      }
      async function batchRate(): Promise<number> {
        let rows = 0;
        const until = now() + PER_ROUND_MS;
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            while (now() < until) {
              await pool.query(
                `INSERT INTO ticket_events (ticket_id, project_id, type, data)
                 SELECT $1, $2, 'status', '{"status":"running"}'::jsonb FROM generate_series(1, 500)`,
                [tickets[0], project],
              );
              rows += 500;
            }
          }),
        );
        return rows / (PER_ROUND_MS / 1000);
      }
      const results: Record<"on" | "off", { tx: number[]; batch: number[] }> = { on: { tx: [], batch: [] }, off: { tx: [], batch: [] } };
      for (const mode of ["on", "off", "on", "off"] as const) {
        await pool.query(`ALTER TABLE ticket_events ${mode === "on" ? "ENABLE" : "DISABLE"} TRIGGER ticket_events_settled_id`);
        results[mode].tx.push(await txRate());
        results[mode].batch.push(await batchRate());
      }
      await pool.query(`ALTER TABLE ticket_events ENABLE TRIGGER ticket_events_settled_id`);
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log(
        `(c) event-writing transactions, ${WRITERS} writers: trigger on ${avg(results.on.tx).toFixed(0)}/s vs off ${avg(results.off.tx).toFixed(0)}/s ` +
          `(${(100 * (avg(results.on.tx) / avg(results.off.tx) - 1)).toFixed(1)}%); 500-row batch inserts: on ${avg(results.on.batch).toFixed(0)} rows/s vs off ${avg(results.off.batch).toFixed(0)} rows/s ` +
          `(${(100 * (avg(results.on.batch) / avg(results.off.batch) - 1)).toFixed(1)}%)  [rounds: ${JSON.stringify(results)}]`,
      );
    }
    console.log(`server RSS at the end: ${rssMb(server.proc.pid!).toFixed(0)} MB`);
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await sleep(500);
    await pool.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

const role = process.argv[2];
if (role === "server") {
  await runServer(process.argv[3]!);
} else if (role === "clients") {
  const [port, n, project, tickets, after] = process.argv.slice(3);
  // The token comes through the environment, not argv: argv is visible to every user in `ps`.
  await runClients(Number(port), fanoutPaths(Number(n), project!, tickets!.split(","), Number(after)), process.env.BENCH_TOKEN ?? "");
} else {
  await main();
  process.exit(0);
}
