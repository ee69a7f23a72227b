// The fair claim's lone statement (src/engine/sql/claim-tickets.ts): while one project's backlog
// drains, the claimer runs the small statement of the one-project path instead of the full fair
// pick, whose plan cost ~0.2 ms a claim to start (RESULTS, engine round 10). It must claim only
// when one project is queued: when another project's ticket arrives it claims nothing, and the
// full pick that runs after it in the same call takes the newcomer first.
import { fillPlaceholders, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import type { TicketRow } from "../../src/db/schema.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { createClaimer } from "../../src/engine/claim.js";
import { submitTicket, submitTicketsBulk } from "../../src/engine/index.js";
import { claimStatement, claimTicketsPrepared } from "../../src/engine/sql/claim-tickets.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestDatabase } from "../helpers/pg-admin.js";
import { seedEngine, until } from "./seed.js";

const claim = { workerId: "lone-test", leaseMs: 30_000, order: "fair" as const };

describe.each(DRIVERS)("the fair claim's lone statement on %s", (driver) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seedEngine(t.database);
  });
  afterAll(async () => {
    await t.cleanup();
  });
  afterEach(async () => {
    await t.database.db.execute(sql`DELETE FROM work_tickets`);
  });

  const project = async (name: string) => (await createProject(t.database.db, { name, description: "" })).id;
  const backlog = (projectId: string, n: number) =>
    submitTicketsBulk(t.database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: n }, () => ({})) });

  it("one project queued: the full claim says so, and the lone statement then takes the head of its line", async () => {
    const a = await project("A");
    await backlog(a, 10);
    const first = await claimTicketsPrepared(t.database, { ...claim, limit: 3 });
    expect(first).toMatchObject({ lone: true, shortMeansEmpty: true });
    const next = await claimTicketsPrepared(t.database, { ...claim, limit: 3, loneFirst: true });
    expect(next.lone).toBe(true);
    expect(next.tickets.map((r) => r.projectId)).toEqual([a, a, a]);
  });

  it("another project's ticket arrives mid-drain: the lone statement claims nothing and the full pick takes it first", async () => {
    const a = await project("A (backlog)");
    const b = await project("B (one ticket)");
    await backlog(a, 20);
    const first = await claimTicketsPrepared(t.database, { ...claim, limit: 4 });
    expect(first.lone).toBe(true);
    const { ticket } = await submitTicket(t.database, { projectId: b, recipeSlug: "test-report", parameters: {} });
    // A runs 4, B none: B's one ticket is the fair pick's first, whichever project's id is lower.
    const next = await claimTicketsPrepared(t.database, { ...claim, limit: 1, loneFirst: true });
    expect(next.tickets.map((r) => r.id)).toEqual([ticket.id]);
    expect(next.lone).toBe(false);
  });

  it("the queue is empty: the lone statement's nothing is not taken for a one-project line", async () => {
    const a = await project("A (drained)");
    await backlog(a, 2);
    expect((await claimTicketsPrepared(t.database, { ...claim, limit: 2, loneFirst: true })).tickets).toHaveLength(2);
    const empty = await claimTicketsPrepared(t.database, { ...claim, limit: 2, loneFirst: true });
    expect(empty).toMatchObject({ tickets: [], lone: false, shortMeansEmpty: true });
  });
});

describe("the claimer drains one project's backlog through the lone statement (postgres)", () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    // One pooled connection: every claim runs on it, so its prepared statements are the ones read below.
    database = await openDatabase({ databaseUrl: created.url, poolSize: 1 });
    await seedEngine(database);
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });
  afterEach(async () => {
    await database.db.execute(sql`DELETE FROM work_tickets`);
  });

  it("a lone statement that finds a second project queued claims nothing and still commits asynchronously", async () => {
    // It locked the head's first row before it saw the second project, so its transaction has an id
    // and, synchronous, its commit would wait for a WAL flush — on project B's way to running.
    const a = (await createProject(database.db, { name: "A", description: "" })).id;
    const b = (await createProject(database.db, { name: "B", description: "" })).id;
    for (const projectId of [a, b]) {
      await submitTicketsBulk(database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: 3 }, () => ({})) });
    }
    if (database.raw.kind !== "postgres") throw new Error("postgres only");
    const pool = database.raw.pool; // one connection: BEGIN, the statement and the reads share it
    const lone = claimStatement("lone");
    await pool.query("BEGIN");
    try {
      const claimedRows = await pool.query({
        name: lone.name,
        text: lone.text,
        values: fillPlaceholders(lone.params, { workerId: "lone-test", limit: 2, leaseMs: 30_000, cap: null }),
      });
      expect(claimedRows.rows).toHaveLength(0);
      const state = await pool.query<{ xid: string | null; sync: string }>(
        "SELECT pg_current_xact_id_if_assigned()::text AS xid, current_setting('synchronous_commit') AS sync",
      );
      expect(state.rows[0]?.xid).not.toBeNull();
      expect(state.rows[0]?.sync).toBe("off");
    } finally {
      await pool.query("ROLLBACK");
    }
    await database.db.execute(sql`DELETE FROM work_tickets`);
  });

  const runs = async (kind: "fair" | "lone") => {
    const [row] = (await queryRows(
      database.db,
      sql`SELECT (generic_plans + custom_plans)::int AS n FROM pg_prepared_statements WHERE name = ${claimStatement(kind).name}`,
    )) as { n: number }[];
    return row?.n ?? 0;
  };
  /** A claimer that claims into `budget` slots (4 at a time), as a worker's loop does. */
  function claimerWithBudget() {
    const claimed: TicketRow[] = [];
    const slots = { budget: 0 };
    const claimer = createClaimer({
      database,
      workerId: "lone-test",
      leaseMs: 30_000,
      order: "fair",
      defaultMaxRunning: null,
      freeSlots: () => Math.min(4, slots.budget),
      concurrency: 4,
      onClaimed: (row) => {
        slots.budget--;
        claimed.push(row);
      },
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    return { claimer, claimed, slots };
  }

  it("every claim after the first is the lone statement", async () => {
    const before = { fair: await runs("fair"), lone: await runs("lone") };
    const projectId = (await createProject(database.db, { name: "drain", description: "" })).id;
    await submitTicketsBulk(database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: 40 }, () => ({})) });
    const { claimer, claimed, slots } = claimerWithBudget();
    slots.budget = 40; // full once the backlog is taken, so the loop ends after its 10th claim
    claimer.request();
    await until(async () => claimed.length === 40);
    await claimer.stop();
    // 10 claims of 4: the full statement first (nothing known yet), the lone one after it.
    expect({ fair: (await runs("fair")) - before.fair, lone: (await runs("lone")) - before.lone }).toEqual({ fair: 1, lone: 9 });
  });

  it("after a new ticket is announced the next claim is the full statement, and takes it first", async () => {
    const a = (await createProject(database.db, { name: "A (backlog)", description: "" })).id;
    const b = (await createProject(database.db, { name: "B (announced)", description: "" })).id;
    await submitTicketsBulk(database, { projectId: a, recipeSlug: "test-report", parameters: Array.from({ length: 40 }, () => ({})) });
    const { claimer, claimed, slots } = claimerWithBudget();
    slots.budget = 8;
    claimer.request();
    await until(async () => claimed.length === 8); // a full claim, then a lone one
    const before = { fair: await runs("fair"), lone: await runs("lone") };
    const { ticket } = await submitTicket(database, { projectId: b, recipeSlug: "test-report", parameters: {} });
    slots.budget = 4;
    claimer.request({ queueChanged: true }); // the worker's tickets NOTIFY
    await until(async () => claimed.length === 12);
    await claimer.stop();
    expect(claimed[8]?.id).toBe(ticket.id);
    // Two full claims: B's ticket alone (A runs 8, so A's keys are past B's plus the limit), then 3 of
    // A's. Without the announcement the lone statement would have run first and claimed nothing.
    expect({ fair: (await runs("fair")) - before.fair, lone: (await runs("lone")) - before.lone }).toEqual({ fair: 2, lone: 0 });
  });
});
