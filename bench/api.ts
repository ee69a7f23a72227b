// bench:api — the public HTTP API under load, through real sockets with an API token, one server
// process per part, on PostgreSQL and on embedded PGlite in one run (issue 14):
//   (a) an API-only process (no worker): GET /api/health, GET /api/work/tickets (a project's list) and
//       POST /api/work/content/execute (blog post) at 1, 10 and 50 concurrent keep-alive clients;
//   (b) a process that also runs 4 builtin agents building decks (executive-summary-deck on 100
//       context documents): POST execute and GET one ticket at 10 clients while the decks are built.
// Prints throughput (2xx answers per second) and p50/p99 latency per case, and the load average.
// Load comes from autocannon in this process; the server is a child (`worksmith serve`).
// Env: BENCH_API_DRIVERS=postgres,pglite  BENCH_API_PARTS=a,b  BENCH_API_SECONDS=5
//      BENCH_API_CPU_PROF=<dir>  (the server runs with --cpu-prof into that directory)
//      BENCH_API_BASELINE=<another checkout> (e.g. a `git worktree` of the before commit with a
//        node_modules symlink): before/after side by side on a shared, busy machine — part (a) runs
//        both servers at once (each on its own database) and measures each case on one, then the
//        other, in alternating order, so both see the same neighbours; part (b) runs them one
//        after the other (two sets of agents at once would load each other).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import { join, resolve } from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createAccount, createApiToken } from "../src/auth/accounts.js";
import { openDatabase, type DatabaseKind } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { insertContextItem } from "../src/db/repositories/context.js";
import { createProject } from "../src/db/repositories/projects.js";
import { syncRecipes } from "../src/recipes/load.js";

const ROOT = resolve(import.meta.dirname, "..");
const ADMIN_URL = process.env.WORKSMITH_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 5);
const DRIVERS = (process.env.BENCH_API_DRIVERS ?? "postgres,pglite").split(",") as DatabaseKind[];
const PARTS = new Set((process.env.BENCH_API_PARTS ?? "a,b").split(","));
const CPU_PROF = process.env.BENCH_API_CPU_PROF;
const BASELINE = process.env.BENCH_API_BASELINE ? resolve(process.env.BENCH_API_BASELINE) : undefined;
/** The checkouts under test: "after" is this one; "before" the baseline, when given. */
const TREES: { tree: string; root: string }[] = BASELINE
  ? [
      { tree: "before", root: BASELINE },
      { tree: "after", root: ROOT },
    ]
  : [{ tree: "", root: ROOT }];
const CLIENTS = [1, 10, 50];
const DOCS = 100;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

interface Row {
  tree: string;
  driver: string;
  part: string;
  request: string;
  clients: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
  note: string;
}
const rows: Row[] = [];

// ---- the server under test ----

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => done(port));
    });
  });
}

async function startServer(env: Record<string, string>, args: string[], label: string, root = ROOT): Promise<Server> {
  const port = await freePort();
  const logDir = mkdtempSync(join(os.tmpdir(), "bench-api-log-"));
  // Logs go to a file, not a pipe this process would have to read while it generates the load.
  const out = openSync(join(logDir, "server.log"), "a");
  const nodeArgs = ["--import", "tsx"];
  if (CPU_PROF) {
    // One directory per server: the main thread and tsx's loader thread each write a profile.
    const dir = join(CPU_PROF, `${label}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    nodeArgs.push("--cpu-prof", "--cpu-prof-dir", dir);
  }
  const proc: ChildProcess = spawn(process.execPath, [...nodeArgs, join(root, "src/cli/main.ts"), "serve", ...args], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), LOG_LEVEL: "info", ...env },
    stdio: ["ignore", out, out],
  });
  const exited = new Promise<void>((done) => proc.once("exit", () => done()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}); see ${logDir}/server.log`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer within 120 s; see ${logDir}/server.log`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      if (process.env.BENCH_API_KEEP_LOGS) console.log(`server log: ${logDir}/server.log`);
      else rmSync(logDir, { recursive: true, force: true });
    },
  };
}

// ---- the database: an account with an API token, two projects (one with a deck corpus) ----

interface Fixture {
  env: Record<string, string>;
  token: string;
  projectId: string;
  deckProjectId: string;
  cleanup(): Promise<void>;
}

let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SUBJECTS = ["Revenue", "Churn", "The warehouse migration", "Enterprise adoption", "Support volume", "Hiring", "Infrastructure cost"];
const VERBS = ["grew", "fell", "rose", "dropped", "improved", "slipped", "reached"];
const MONTHS = ["January", "March", "May", "July", "September", "November"];
function documentText(): string {
  let text = "";
  while (text.length < 5_000) {
    const figure = pick([
      `${(rand() * 40).toFixed(1)}%`,
      `$${(rand() * 9 + 0.5).toFixed(1)} million`,
      `${Math.floor(rand() * 9000 + 100)}`,
    ]);
    text += `${rand() < 0.15 ? "\n\n" : " "}${pick(SUBJECTS)} ${pick(VERBS)} to ${figure} in ${pick(MONTHS)} ${2023 + Math.floor(rand() * 3)}.`;
  }
  return text.trim();
}

async function prepare(kind: DatabaseKind): Promise<Fixture> {
  const dataDir = mkdtempSync(join(os.tmpdir(), "bench-api-"));
  let databaseUrl: string | undefined;
  let dbName = "";
  if (kind === "postgres") {
    dbName = `worksmith_bench_api_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    const u = new URL(ADMIN_URL);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  // On PGlite the server locks the data directory: everything is written before it starts.
  const database = await openDatabase({ databaseUrl, dataDir: join(dataDir) });
  await migrateDatabase(database);
  await syncRecipes(database);
  // As `worksmith users create` + `worksmith tokens create` do.
  const user = await createAccount(database, { email: "bench-api@example.test", name: "bench", password: randomBytes(18).toString("hex") });
  const { token } = await createApiToken(database, user.id, "bench-api");
  const project = await createProject(database.db, { name: "bench:api", description: "" }, user.id);
  const deckProject = await createProject(database.db, { name: "bench:api decks", description: "" }, user.id);
  for (let i = 0; i < DOCS; i++) {
    const body = documentText();
    await insertContextItem(database.db, {
      projectId: deckProject.id,
      title: `Weekly update ${i + 1}`,
      kind: "note",
      bytes: Buffer.byteLength(body),
      body,
    });
  }
  await database.close();
  return {
    env: {
      WORKSMITH_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      WORKSMITH_SEED_DEMO: "false",
      WORKSMITH_AGENT_PROVIDER: "builtin",
      WORKSMITH_BUILTIN_STEP_DELAY_MS: "0",
      WORKSMITH_SUBMIT_RATE_PER_MINUTE: "10000000",
    },
    token,
    projectId: project.id,
    deckProjectId: deckProject.id,
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = new pg.Client({ connectionString: ADMIN_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
        await admin.end();
      }
    },
  };
}

// ---- load ----

interface Case {
  request: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

async function measure(server: Server, f: Fixture, c: Case, clients: number, seconds = SECONDS) {
  const result = await autocannon({
    url: server.url + c.path,
    method: c.method,
    connections: clients,
    pipelining: 1,
    duration: seconds,
    headers: { authorization: `Bearer ${f.token}`, ...(c.body ? { "content-type": "application/json" } : {}) },
    ...(c.body ? { body: c.body } : {}),
  });
  return {
    perSecond: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

async function api(server: Server, f: Fixture, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${f.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const blogBody = (f: Fixture) => JSON.stringify({ project_id: f.projectId, recipe_slug: "blog-post", parameters: { topic: "pricing" } });

async function partA(kind: DatabaseKind, fixtures: Fixture[]): Promise<void> {
  // API only: PostgreSQL has `serve --no-worker`; an embedded server always has its worker, so
  // there it runs with no worker slots.
  const servers: Server[] = [];
  try {
    for (const [i, t] of TREES.entries()) {
      const f = fixtures[i]!;
      servers.push(
        kind === "postgres"
          ? await startServer(f.env, ["--no-worker"], `${kind}-a${t.tree}`, t.root)
          : await startServer({ ...f.env, WORKSMITH_WORKER_CONCURRENCY: "0" }, [], `${kind}-a${t.tree}`, t.root),
      );
    }
    const cases = (f: Fixture): Case[] => [
      { request: "GET /api/health", method: "GET", path: "/api/health" },
      { request: "GET tickets (list of 50)", method: "GET", path: `/api/work/tickets?project_id=${f.projectId}` },
      { request: "POST execute", method: "POST", path: "/api/work/content/execute", body: blogBody(f) },
    ];
    for (const [i, server] of servers.entries()) {
      const f = fixtures[i]!;
      // A list with content, and one ticket to GET.
      for (let n = 0; n < 60; n++) await api(server, f, "POST", "/api/work/content/execute", JSON.parse(blogBody(f)));
      await measure(server, f, cases(f)[0]!, 10, 2); // warm-up (JIT, pool connections)
      await measure(server, f, cases(f)[2]!, 10, 2);
    }
    let turn = 0;
    for (const [c, request] of cases(fixtures[0]!).map((x, n) => [n, x.request] as const)) {
      for (const clients of CLIENTS) {
        // Alternate which tree goes first, so neither always follows the other's leftovers.
        const order = TREES.map((_, i) => i);
        if (turn++ % 2 === 1) order.reverse();
        for (const i of order) {
          const f = fixtures[i]!;
          const m = await measure(servers[i]!, f, cases(f)[c]!, clients);
          rows.push({ tree: TREES[i]!.tree, driver: kind, part: "a", request, clients, ...m, note: `load ${load()}` });
          console.log(fmt(rows.at(-1)!));
        }
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }
}

async function partB(kind: DatabaseKind, f: Fixture, tree: { tree: string; root: string }): Promise<void> {
  // Part (a) left thousands of pending blog posts: the decks must not queue behind them.
  const database = await openDatabase({ databaseUrl: f.env.DATABASE_URL, dataDir: f.env.WORKSMITH_DATA_DIR });
  await database.db.execute(sql`DELETE FROM work_requests WHERE project_id = ${f.projectId}::uuid`);
  await database.close();
  const server = await startServer({ ...f.env, WORKSMITH_WORKER_CONCURRENCY: "4" }, [], `${kind}-b${tree.tree}`, tree.root);
  try {
    const deck = {
      project_id: f.deckProjectId,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "revenue and churn", slide_count: 8 },
    };
    const one = (await api(server, f, "POST", "/api/work/reporting/execute", deck)) as { work_ticket_id: string };
    const ticketPath = `/api/work/tickets/${one.work_ticket_id}`;
    // Keep the 4 agents busy: a backlog of decks well beyond what the measurement windows consume.
    for (let i = 0; i < 80; i++) await api(server, f, "POST", "/api/work/reporting/execute", deck);
    const count = async (status: string) =>
      ((await api(server, f, "GET", `/api/work/tickets?project_id=${f.deckProjectId}&status=${status}&limit=200`)) as { items: unknown[] })
        .items.length;
    for (let i = 0; i < 200 && (await count("running")) < 4; i++) await new Promise((r) => setTimeout(r, 100));
    // GET first: the POST window submits thousands of blog posts (~700/s), which the 4 slots then
    // run instead of decks — a GET window after it measured the server under that flood, not under
    // the decks (issue 14 round 4).
    const cases: Case[] = [
      { request: "GET ticket", method: "GET", path: ticketPath },
      { request: "POST execute", method: "POST", path: "/api/work/content/execute", body: blogBody(f) },
    ];
    for (const c of cases) {
      const doneBefore = await count("completed");
      const running = await count("running");
      const m = await measure(server, f, c, 10);
      const done = (await count("completed")) - doneBefore;
      const failed = await count("failed");
      rows.push({
        tree: tree.tree,
        driver: kind,
        part: "b",
        request: c.request,
        clients: 10,
        ...m,
        note: `${running} decks running at start; ${done} completed in window${failed ? `; ${failed} failed` : ""}; load ${load()}`,
      });
      console.log(fmt(rows.at(-1)!));
    }
  } finally {
    await server.stop();
  }
}

function fmt(r: Row): string {
  return `|${BASELINE ? ` ${r.tree} |` : ""} ${r.driver} | ${r.part} | ${r.request} | ${r.clients} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${r.p50} | ${r.p99} | ${r.failures} | ${r.note} |`;
}

async function main(): Promise<void> {
  console.log(`bench:api — ${os.cpus().length} cores, ${SECONDS} s per case, load ${load()}`);
  console.log(`|${BASELINE ? " tree |" : ""} driver | part | request | clients | 2xx/s | p50 ms | p99 ms | non-2xx+errors | notes |`);
  console.log(`|${BASELINE ? "---|" : ""}---|---|---|---|---|---|---|---|---|`);
  for (const kind of DRIVERS) {
    const fixtures: Fixture[] = [];
    try {
      for (let i = 0; i < TREES.length; i++) fixtures.push(await prepare(kind));
      if (PARTS.has("a")) await partA(kind, fixtures);
      if (PARTS.has("b")) for (const [i, tree] of TREES.entries()) await partB(kind, fixtures[i]!, tree);
    } finally {
      for (const f of fixtures) await f.cleanup();
    }
  }
  // The verdicts are this checkout's ("after" when a baseline ran beside it).
  const mine = TREES.at(-1)!.tree;
  const pgA = (request: string, clients: number) =>
    rows.find((r) => r.tree === mine && r.driver === "postgres" && r.part === "a" && r.request === request && r.clients === clients);
  const health = pgA("GET /api/health", 50);
  const submit50 = pgA("POST execute", 50);
  const submit10 = pgA("POST execute", 10);
  const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "NOT met");
  // A case with no answer at all has no latency to meet a bound with.
  const answered = (r: Row | undefined) => (r ? r.perSecond > 0 : undefined);
  console.log("\ntargets (issue 14):");
  console.log(`  (a) health ≥ 5,000/s at 50 clients on PostgreSQL: ${verdict(health && health.perSecond >= 5000)}`);
  console.log(`  (a) submit ≥ 1,500/s at 50 clients on PostgreSQL: ${verdict(submit50 && submit50.perSecond >= 1500)}`);
  console.log(`  (a) submit p99 ≤ 15 ms at 10 clients on PostgreSQL: ${verdict(submit10 && answered(submit10) && submit10.p99 <= 15)}`);
  for (const kind of DRIVERS) {
    const b = rows.filter((r) => r.tree === mine && r.part === "b" && r.driver === kind);
    console.log(
      `  (b) request p99 ≤ 50 ms while agents work, ${kind}: ${verdict(b.length ? b.every((r) => answered(r) && r.p99 <= 50) : undefined)}`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
