// One database suite, both drivers: `describe.each(DRIVERS)` with `openTestDatabase(driver)`.
// PGlite runs in memory and is migrated on open; PostgreSQL is a clone of the migrated template.
import { openDatabase, type Database, type DatabaseKind } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { createTestDatabase } from "./pg-admin.js";

export const DRIVERS: DatabaseKind[] = ["pglite", "postgres"];

export interface TestDatabase {
  database: Database;
  /** Set for PostgreSQL: a URL other processes can connect to. */
  url: string | undefined;
  cleanup(): Promise<void>;
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const database = await openDatabase({});
    await migrateDatabase(database);
    return { database, url: undefined, cleanup: () => database.close() };
  }
  const { url, drop } = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: url });
  return {
    database,
    url,
    async cleanup() {
      await database.close();
      await drop();
    },
  };
}
