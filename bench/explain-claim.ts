// Diagnostic (issue 19): the claim statement's plan and time mid-drain, fair vs fifo, each order in a
// fresh database with BENCH_TICKETS (20,000) pending in one project and ANALYZE'd statistics. One
// client claims `limit` at a time through the prepared statement (as the worker does) and marks the
// claimed tickets completed; at a few points the same prepared statement runs under
// EXPLAIN (ANALYZE, BUFFERS) in a rolled-back transaction. Prints per-claim timings and the plans.
// BENCH_ALTERNATE=1 instead compares the statements claim by claim on ONE backlog: the same client
// runs fifo, fair, lone, then lone, fair, fifo, … (BENCH_ALT_PAIRS rounds for each claim size in
// BENCH_ALT_LIMITS; `lone` is the fair claim's one-project statement, what a worker runs mid-drain),
// so both see the same table, the same dead index entries and the same load, and prints each order's
// median and the median of each round's difference from fifo — a drain's rate swings with the machine's load
// more than the statements differ (RESULTS, engine round 10).
// Not a test; run under the bench lock.
import { randomBytes } from "node:crypto";
import { fillPlaceholders } from "drizzle-orm";
import pg from "pg";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { createProject } from "../src/db/repositories/projects.js";
import { upsertRecipe } from "../src/db/repositories/recipes.js";
import { submitTicket, submitTicketsBulk } from "../src/engine/index.js";
import { claimStatement, type ClaimOrder, type ClaimStatementKind } from "../src/engine/sql/claim-tickets.js";
import { testRecipe } from "../test/engine/seed.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TICKETS = Number(process.env.BENCH_TICKETS ?? 20_000);
const LIMIT = Number(process.env.BENCH_CLAIM_LIMIT ?? 16);
const EXPLAIN_AT = (process.env.BENCH_EXPLAIN_AT ?? "10,600").split(",").map(Number);
const ORDERS = (process.env.BENCH_ORDERS ?? "fifo,fair").split(",") as ClaimOrder[];
const QUIET = process.env.BENCH_QUIET_PLANS === "1";
/** e.g. force_generic_plan: set on the claiming connection, to compare. */
const PLAN_MODE = process.env.BENCH_PLAN_MODE;
/** BENCH_OTHER_PROJECT=1: before each explained claim, project B submits one ticket (the fair pick over two projects). */
const OTHER_PROJECT = process.env.BENCH_OTHER_PROJECT === "1";
const ALTERNATE = process.env.BENCH_ALTERNATE === "1";
const ALT_LIMITS = (process.env.BENCH_ALT_LIMITS ?? "1,4,16").split(",").map(Number);
const ALT_PAIRS = Number(process.env.BENCH_ALT_PAIRS ?? 300);
/** fifo first: the others are compared with it. `lone` is the fair claim's one-project statement. */
const ALT_KINDS: ClaimStatementKind[] = ["fifo", ...((process.env.BENCH_ALT_KINDS ?? "fair,lone").split(",") as ClaimStatementKind[])];

const lit = (v: unknown) =>
  v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${(v as string).replace(/'/g, "''")}'`;

interface Backlog {
  database: Awaited<ReturnType<typeof openDatabase>>;
  client: pg.Client;
  other: string;
}

/** A fresh database with TICKETS pending in one project, ANALYZE'd; dropped after `use`. */
async function withBacklog(use: (b: Backlog) => Promise<void>) {
  const name = `worksmith_explain_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  const client = new pg.Client({ connectionString: u.toString() });
  try {
    await migrateDatabase(database);
    await upsertRecipe(
      database.db,
      testRecipe({ slug: "bench-noop", name: "n", parameters: { type: "object", required: [], properties: {} } }),
    );
    const project = await createProject(database.db, { name: "bench", description: "" });
    const other = await createProject(database.db, { name: "bench B", description: "" });
    for (let i = 0; i < TICKETS; i += 1_000) {
      await submitTicketsBulk(database, {
        projectId: project.id,
        recipeSlug: "bench-noop",
        parameters: Array.from({ length: Math.min(1_000, TICKETS - i) }, () => ({})),
      });
    }
    await client.connect();
    await client.query("ANALYZE work_tickets");
    if (PLAN_MODE) await client.query(`SET plan_cache_mode = ${PLAN_MODE}`);
    await use({ database, client, other: other.id });
  } finally {
    await client.end().catch(() => undefined);
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/** Claims `limit` through the prepared statement of `order`, marks them completed; ms of the claim and how many it took. */
async function claimOnce(client: pg.Client, order: ClaimStatementKind, limit: number): Promise<{ ms: number; n: number }> {
  const st = claimStatement(order);
  const params = fillPlaceholders(st.params, { workerId: "explain", limit, leaseMs: 30_000, cap: null });
  const t0 = performance.now();
  const r = await client.query({ name: st.name, text: st.text, values: params });
  const ms = performance.now() - t0;
  const ids = r.rows.map((x: Record<string, { id: string }>) => x.ticket!.id);
  if (ids.length > 0) {
    await client.query(`UPDATE work_tickets SET status = 'completed', lease_token = NULL, finished_at = now() WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }
  return { ms, n: ids.length };
}

const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

async function alternate() {
  await withBacklog(async ({ client }) => {
    for (const limit of ALT_LIMITS) {
      const times = new Map<ClaimStatementKind, number[]>(ALT_KINDS.map((k) => [k, []]));
      const diffs = new Map<ClaimStatementKind, number[]>(ALT_KINDS.map((k) => [k, []]));
      for (let i = 0; i < ALT_PAIRS; i++) {
        const kinds = i % 2 === 0 ? ALT_KINDS : [...ALT_KINDS].reverse();
        const round = new Map<ClaimStatementKind, number>();
        for (const kind of kinds) {
          const { ms, n } = await claimOnce(client, kind, limit);
          if (n < limit) throw new Error(`backlog too small: ${n} claimed of ${limit}`);
          round.set(kind, ms);
          times.get(kind)!.push(ms);
        }
        for (const kind of ALT_KINDS) diffs.get(kind)!.push(round.get(kind)! - round.get("fifo")!);
      }
      const fifoP50 = quantile(times.get("fifo")!, 0.5);
      const line = (k: ClaimStatementKind) => {
        const xs = times.get(k)!;
        const d = diffs.get(k)!;
        return (
          `${k} p50 ${quantile(xs, 0.5).toFixed(3)} p90 ${quantile(xs, 0.9).toFixed(3)} mean ${(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3)}` +
          (k === "fifo"
            ? ""
            : ` (− fifo per round: median ${quantile(d, 0.5).toFixed(3)}, p25 ${quantile(d, 0.25).toFixed(3)}, p75 ${quantile(d, 0.75).toFixed(3)}; ` +
              `p50 ${((100 * quantile(xs, 0.5)) / fifoP50).toFixed(1)} % of fifo's)`)
        );
      };
      console.log(`claims of ${limit}, ${ALT_PAIRS} alternated rounds, ms: ${ALT_KINDS.map(line).join(" | ")}`);
    }
  });
}

async function one(order: ClaimOrder) {
  await withBacklog(async ({ database, client, other }) => {
    const st = claimStatement(order);
    const params = fillPlaceholders(st.params, { workerId: "explain", limit: LIMIT, leaseMs: 30_000, cap: null });
    const times: number[] = [];
    let n = 0;
    for (;;) {
      n++;
      if (EXPLAIN_AT.includes(n)) {
        if (OTHER_PROJECT) await submitTicket(database, { projectId: other, recipeSlug: "bench-noop", parameters: {} });
        await client.query("BEGIN");
        // Make sure the statement is prepared on this connection, then explain its execution.
        const r = await client.query(
          `EXPLAIN (ANALYZE, BUFFERS${QUIET ? ", COSTS OFF" : ""}) EXECUTE ${st.name}(${params.map(lit).join(", ")})`,
        );
        await client.query("ROLLBACK");
        console.log(`--- ${order} claim #${n} plan ---`);
        console.log(r.rows.map((x: Record<string, string>) => x["QUERY PLAN"]).join("\n"));
      }
      const c = await claimOnce(client, order, LIMIT);
      times.push(c.ms);
      if (c.n === 0) break;
    }
    const plans = await client.query("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = $1", [st.name]);
    console.log(`${order}: plans of the prepared claim ${JSON.stringify(plans.rows[0])}`);
    const q = (p: number) => quantile(times, p).toFixed(2);
    const total = times.reduce((a, b) => a + b, 0);
    console.log(
      `${order}: ${n} claims of ${LIMIT}, claim ms p50 ${q(0.5)} p90 ${q(0.9)} p99 ${q(0.99)} mean ${(total / n).toFixed(2)} total ${(total / 1000).toFixed(2)} s`,
    );
  });
}

if (ALTERNATE) await alternate();
else for (const order of ORDERS) await one(order);
