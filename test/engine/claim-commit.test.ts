// The claim commits without waiting for its WAL flush (src/engine/sql/claim-tickets.ts: a NOTIFYing
// commit holds PostgreSQL's one cluster-wide NOTIFY lock until its flush, so synchronous claims made
// every submit wait behind them — issue 19, RESULTS engine round 9). The setting must be the claim
// transaction's own: a pooled connection that ran a claim must commit the next statement (a submit,
// an answer, a terminal write) synchronously again. Both drivers.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitTicketsBulk } from "../../src/engine/index.js";
import { claimTickets, claimTicketsPrepared, type ClaimOrder } from "../../src/engine/sql/claim-tickets.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import type { Executor } from "../../src/db/client.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { DRIVERS } from "../helpers/databases.js";
import { createTestDatabase } from "../helpers/pg-admin.js";
import { seedEngine } from "./seed.js";

/** The setting now, and what the session would reset it to (its own, unless a SET without LOCAL changed it). */
async function synchronousCommit(exec: Executor): Promise<{ now: string; session: string }> {
  const [row] = (await queryRows(
    exec,
    sql`SELECT setting AS now, reset_val AS session FROM pg_settings WHERE name = 'synchronous_commit'`,
  )) as { now: string; session: string }[];
  if (!row) throw new Error("no synchronous_commit setting");
  return row;
}

describe.each(DRIVERS)("the claim's commit on %s", (driver) => {
  let database: Database;
  let cleanup: () => Promise<void> = async () => undefined;
  let projectId: string;

  beforeAll(async () => {
    if (driver === "pglite") {
      database = await openDatabase({});
      await migrateDatabase(database);
      cleanup = () => database.close();
    } else {
      // One pooled connection: the claim and the statement after it share it.
      const created = await createTestDatabase();
      database = await openDatabase({ databaseUrl: created.url, poolSize: 1 });
      cleanup = async () => {
        await database.close();
        await created.drop();
      };
    }
    ({ projectId } = await seedEngine(database));
    await submitTicketsBulk(database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: 20 }, () => ({})) });
  });
  afterAll(() => cleanup());

  it.each<ClaimOrder>(["fair", "fifo"])("the %s claim's transaction commits asynchronously", async (order) => {
    const inside = await database.db.transaction(async (tx) => {
      const claimed = await claimTickets(tx, { workerId: "commit-test", limit: 2, leaseMs: 30_000, order });
      expect(claimed).toHaveLength(2);
      return synchronousCommit(tx);
    });
    expect(inside.now).toBe("off");
    expect(inside.session).not.toBe("off");
    // The next transaction on the connection is back to the session's setting.
    const after = await synchronousCommit(database.db);
    expect(after.now).toBe(after.session);
    expect(after.session).not.toBe("off");
  });

  it("the worker's prepared claim leaves its connection committing synchronously", async () => {
    const batch = await claimTicketsPrepared(database, { workerId: "commit-test", limit: 3, leaseMs: 30_000, order: "fair" });
    expect(batch.tickets).toHaveLength(3);
    const after = await synchronousCommit(database.db);
    expect(after.now).toBe(after.session);
    expect(after.session).not.toBe("off");
  });
});
