// Real PostgreSQL for tests: a migrated template database, cloned per test file (as graphile/worker
// does), so each file starts from a clean, migrated schema in ~100 ms.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_ADMIN_URL = process.env.WORKSMITH_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// One template per `npm test` run (the global setup names it and workers inherit the variable), so
// two runs on one machine never drop each other's template.
export const TEMPLATE_DB = process.env.WORKSMITH_TEST_TEMPLATE ?? "worksmith_template";

export function urlForDatabase(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template; returns its URL and a drop function. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `worksmith_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(async (c) => {
    // CREATE DATABASE … TEMPLATE fails if another session is connected to the template; retry briefly.
    for (let i = 0; ; i++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`);
        return;
      } catch (err) {
        if (i >= 20 || !String(err).includes("being accessed by other users")) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    url: urlForDatabase(name),
    drop: () =>
      withAdmin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
