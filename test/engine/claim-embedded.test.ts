// On PGlite the worker's claim is an EXECUTE of a statement PREPAREd once in the database's one
// session (src/engine/sql/embedded-prepared.ts), not the statement's text parsed and planned on
// every claim. PGlite only: on PostgreSQL the pool's named statements do this (claim-plan.test.ts).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { submitTicketsBulk } from "../../src/engine/index.js";
import { claimStatement, claimTicketsPrepared, type ClaimOrder } from "../../src/engine/sql/claim-tickets.js";
import { literal } from "../../src/engine/sql/embedded-prepared.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { seedEngine } from "./seed.js";

describe("the claim on pglite", () => {
  let database: Database;
  let projectId: string;

  beforeAll(async () => {
    database = await openDatabase({});
    await migrateDatabase(database);
    ({ projectId } = await seedEngine(database));
    await submitTicketsBulk(database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: 60 }, () => ({})) });
  });
  afterAll(() => database.close());

  it.each<ClaimOrder>(["fair", "fifo"])("the %s claim runs as one prepared statement of the session", async (order) => {
    for (let i = 0; i < 8; i++) {
      const batch = await claimTicketsPrepared(database, { workerId: "embedded-test", limit: 1 + (i % 3), leaseMs: 30_000, order });
      expect(batch.tickets).toHaveLength(1 + (i % 3));
    }
    const [plans] = (await queryRows(
      database.db,
      sql`SELECT (generic_plans + custom_plans)::int AS runs FROM pg_prepared_statements WHERE name = ${claimStatement(order).name}`,
    )) as { runs: number }[];
    expect(plans?.runs).toBe(8);
  });

  it("writes the worker's id into the statement exactly, quotes and backslashes included", async () => {
    const workerId = `host's \\ worker'); DROP TABLE work_tickets; --`;
    const batch = await claimTicketsPrepared(database, { workerId, limit: 1, leaseMs: 30_000, order: "fair" });
    const [row] = (await queryRows(database.db, sql`SELECT lease_owner FROM work_tickets WHERE id = ${batch.tickets[0]?.id}::uuid`)) as {
      lease_owner: string;
    }[];
    expect(row?.lease_owner).toBe(workerId);
  });

  it("refuses values it cannot write as literals", () => {
    expect(literal(null)).toBe("NULL");
    expect(literal(16)).toBe("16");
    expect(() => literal(Number.NaN)).toThrow();
    expect(() => literal("a\0b")).toThrow();
    expect(() => literal({ a: 1 })).toThrow();
  });
});
