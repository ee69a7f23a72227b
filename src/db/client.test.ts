import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../test/helpers/databases.js";
import { projects } from "./schema.js";

describe.each(DRIVERS)("database on %s", (driver) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it("is migrated and round-trips a row", async () => {
    t = await openTestDatabase(driver);
    const [row] = await t.database.db.insert(projects).values({ name: "Alpha" }).returning();
    expect(row?.name).toBe("Alpha");
    expect(row?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("delivers NOTIFY sent inside a committed transaction to a listener", async () => {
    t = await openTestDatabase(driver);
    const got: string[] = [];
    const unlisten = await t.database.listen("worksmith_test", (p) => got.push(p));
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_notify('worksmith_test', 'hello')`);
    });
    for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(got).toEqual(["hello"]);
    await unlisten();
  });
});
