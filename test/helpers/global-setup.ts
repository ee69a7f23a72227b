// Once per `npm test`: build the migrated template database on the real PostgreSQL.
import { openDatabase } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { TEMPLATE_DB, urlForDatabase, withAdmin } from "./pg-admin.js";

export default async function setup(): Promise<void> {
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  });
  const database = await openDatabase({ databaseUrl: urlForDatabase(TEMPLATE_DB) });
  try {
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
}
