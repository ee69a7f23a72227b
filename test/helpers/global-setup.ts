// Once per `npm test`: build the migrated template database on the real PostgreSQL.
import { openDatabase } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { urlForDatabase, withAdmin } from "./pg-admin.js";

export default async function setup(): Promise<() => Promise<void>> {
  const template = `worksmith_template_${process.pid}`;
  process.env.WORKSMITH_TEST_TEMPLATE = template;
  await withAdmin(async (c) => {
    // Leftovers of runs that were killed before their teardown (older than a day are surely dead).
    const stale = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^worksmith_(template|test)_' AND datname <> $1",
      [template],
    );
    for (const { datname } of stale.rows) {
      const pid = /^worksmith_template_(\d+)$/.exec(datname)?.[1];
      if (pid && isAlive(Number(pid))) continue;
      if (!pid && datname.startsWith("worksmith_test_")) continue; // may belong to a live run
      await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${template}"`);
  });
  const database = await openDatabase({ databaseUrl: urlForDatabase(template) });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
  return async () => {
    await withAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    });
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
