// The lean request path (issue 14): credentials are reused for a short window, and revocation
// reaches every process by NOTIFY — never a stale allow after revoke beyond the window; health
// answers from a probe at most HEALTH_PROBE_MS old and turns degraded when the database goes away.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { HEALTH_PROBE_MS, HEALTH_PROBE_TIMEOUT_MS } from "../../src/api/routes/health.js";
import { createApiToken } from "../../src/auth/accounts.js";
import { principalCacheFor } from "../../src/auth/principal-cache.js";
import { loadConfig } from "../../src/config.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrate.js";
import { revokeToken } from "../../src/db/repositories/accounts.js";
import { silentLogger } from "../helpers/api-app.js";
import { createTestUser, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestDatabase } from "../helpers/pg-admin.js";

const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" });

async function apiOn(database: Database, authCacheMs: number): Promise<Api> {
  const api = createApi({ database, config, version: "test", logger: silentLogger, authCacheMs });
  // A server is up long before its first revocation; here the LISTEN must be in place first.
  await principalCacheFor(database, authCacheMs).listen();
  return api;
}

const asUser = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `GET /api/tokens` as `token` until it answers `status` (or the deadline); returns the last status. */
async function statusWithin(api: Api, token: string, status: number, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const got = (await api.request("/api/tokens", asUser(token))).status;
    if (got === status || Date.now() > deadline) return got;
    await sleep(10);
  }
}

describe.each(DRIVERS)("credential cache on %s", (driver) => {
  let t: TestDatabase;
  let user: TestUser;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    user = await createTestUser(t.database);
  });
  afterAll(async () => t.cleanup());

  it("a token revoked by another writer (NOTIFY only, no in-process eviction) is refused long before the window ends", async () => {
    // A window far longer than the test: only the NOTIFY can make the next request fail.
    const api = await apiOn(t.database, 60_000);
    const { token, id } = await createApiToken(t.database, user.id, "notify");
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(200);
    // The cache holds it now: the token's row changes without anyone telling this process directly.
    expect(await revokeToken(t.database.db, user.id, id)).toBe(true);
    expect(await statusWithin(api, token, 401, 2_000)).toBe(401);
  });

  it("a revocation whose NOTIFY is lost is still refused once the window has passed", async () => {
    const windowMs = 1_500;
    const api = await apiOn(t.database, windowMs);
    const { token, id } = await createApiToken(t.database, user.id, "window");
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(200);
    // Revoked by a plain UPDATE: no NOTIFY, so only the window bounds the stale allow.
    await t.database.db.execute(sql`UPDATE api_tokens SET revoked_at = now() WHERE id = ${id}::uuid`);
    const revokedAt = Date.now();
    // Inside the window the cached principal is still used (this is what the window documents)…
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(200);
    // …and after it the token is refused.
    await sleep(windowMs + 20 - (Date.now() - revokedAt));
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(401);
  });

  it("DELETE /api/tokens/:id takes effect on the very next request of the same process", async () => {
    const api = await apiOn(t.database, 60_000);
    const { token, id } = await createApiToken(t.database, user.id, "self");
    const other = await createApiToken(t.database, user.id, "revoker");
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(200);
    expect((await api.request(`/api/tokens/${id}`, { method: "DELETE", ...asUser(other.token) })).status).toBe(204);
    expect((await api.request("/api/tokens", asUser(token))).status).toBe(401);
  });
});

describe("credential cache across processes on postgres", () => {
  let t: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    // Another server process: its own pool, LISTEN connection and cache.
    second = await openDatabase({ databaseUrl: t.url });
  });
  afterAll(async () => {
    await second.close();
    await t.cleanup();
  });

  it("a token revoked through one server is refused by the other within moments, not after the window", async () => {
    const user = await createTestUser(t.database);
    const a = await apiOn(t.database, 60_000);
    const b = await apiOn(second, 60_000);
    const { token, id } = await createApiToken(t.database, user.id, "two servers");
    expect((await b.request("/api/tokens", asUser(token))).status).toBe(200);
    expect((await b.request("/api/tokens", asUser(token))).status).toBe(200);
    expect((await a.request(`/api/tokens/${id}`, { method: "DELETE", headers: { authorization: `Bearer ${user.token}` } })).status).toBe(
      204,
    );
    expect(await statusWithin(b, token, 401, 2_000)).toBe(401);
  });
});

describe.each(DRIVERS)("health on %s", (driver) => {
  it("answers from a cached probe, and turns degraded within the probe's age once the database is gone", async () => {
    let database: Database;
    let goAway: () => Promise<void>;
    if (driver === "pglite") {
      database = await openDatabase({});
      await migrateDatabase(database);
      goAway = () => database.close();
    } else {
      const { url, drop } = await createTestDatabase();
      database = await openDatabase({ databaseUrl: url, onError: () => undefined });
      // DROP … WITH (FORCE) ends every connection and leaves nothing to reconnect to.
      goAway = drop;
    }
    // Count the statements the route sends (a wrapper over the real database, not a stand-in).
    let statements = 0;
    const execute = database.db.execute.bind(database.db);
    database.db.execute = (q: Parameters<typeof execute>[0]) => {
      statements++;
      return execute(q);
    };
    const api = await apiOn(database, 0);
    const health = async () => (await (await api.request("/api/health")).json()) as { status: string };
    try {
      expect((await health()).status).toBe("ok");
      const burst = await Promise.all(Array.from({ length: 50 }, health));
      expect(burst.every((h) => h.status === "ok")).toBe(true);
      // 51 answers inside one probe window: at most two probes (one if the burst started in the first window).
      expect(statements).toBeLessThanOrEqual(2);

      await goAway();
      const gone = Date.now();
      let status = "ok";
      while (status === "ok" && Date.now() - gone < HEALTH_PROBE_MS + HEALTH_PROBE_TIMEOUT_MS + 1_000) {
        status = (await health()).status;
        if (status === "ok") await sleep(50);
      }
      expect(status).toBe("degraded");
      expect(Date.now() - gone).toBeLessThanOrEqual(HEALTH_PROBE_MS + HEALTH_PROBE_TIMEOUT_MS + 200);
    } finally {
      if (driver === "postgres") await database.close().catch(() => undefined);
    }
  });
});
