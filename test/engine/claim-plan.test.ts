// The claim is a prepared statement (src/engine/sql/claim-tickets.ts): PostgreSQL must keep its
// cached generic plan rather than plan it afresh on every claim. With the limit and the default cap
// as bare parameters it never did (pg_prepared_statements: 0 generic, 1,252 custom plans over a
// 20,000 drain), and the fair statement's planning (~2–3 ms) cost more than its execution (~1.5 ms):
// issue 19's fair-vs-fifo throughput gap, and most of issue 13's NOTIFY → claim path.
// PostgreSQL only: PGlite runs the statement's text and has no per-connection plan cache to keep.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.js";
import { submitTicketsBulk } from "../../src/engine/index.js";
import { claimStatement, claimTicketsPrepared, type ClaimOrder } from "../../src/engine/sql/claim-tickets.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { createTestDatabase } from "../helpers/pg-admin.js";
import { seedEngine } from "./seed.js";

describe("the claim's plan on postgres", () => {
  let database: Database;
  let drop: () => Promise<void>;
  let projectId: string;

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    // One pooled connection: every claim runs on it, so its plan cache is the one read below.
    database = await openDatabase({ databaseUrl: created.url, poolSize: 1 });
    ({ projectId } = await seedEngine(database));
    // A backlog, and statistics that know it: the state in which a generic plan with a bare LIMIT
    // parameter (estimated at a tenth of the queue) cost more than every custom one.
    for (let i = 0; i < 20; i++) {
      await submitTicketsBulk(database, { projectId, recipeSlug: "test-report", parameters: Array.from({ length: 1_000 }, () => ({})) });
    }
    await database.db.execute(sql`ANALYZE work_tickets`);
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it.each<ClaimOrder>(["fair", "fifo"])("the %s claim runs on a cached generic plan after its first few", async (order) => {
    for (let i = 0; i < 12; i++) {
      const batch = await claimTicketsPrepared(database, { workerId: "plan-test", limit: 1 + (i % 4), leaseMs: 30_000, order });
      expect(batch.tickets.length).toBeGreaterThan(0);
    }
    const [plans] = (await queryRows(
      database.db,
      sql`SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE name = ${claimStatement(order).name}`,
    )) as { generic: number; custom: number }[];
    // PostgreSQL plans the first five runs custom, then keeps the generic plan if it costs no more.
    expect(plans).toEqual({ generic: 7, custom: 5 });
  });
});
