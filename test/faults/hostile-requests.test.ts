// 10,000 generated malformed or hostile requests against every route: wrong types, huge strings,
// deep JSON, odd unicode, path tricks, other projects' ids. The promise: 0 responses ≥ 500, every
// error is problem+json, and 0 rows written by a rejected request.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { registerOutputRoutes } from "../../src/api/routes/outputs.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createDataDirFileStore } from "../../src/storage/index.js";
import { sqlRows } from "../helpers/sql.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const TOTAL = 10_000;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("hostile requests", () => {
  let t: TestDatabase;
  let app: Api;
  let projectId: string;
  let otherProjectId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    await syncRecipes(t.database);
    projectId = (await createProject(t.database.db, { name: "Mine", description: "" })).id;
    otherProjectId = (await createProject(t.database.db, { name: "Other", description: "" })).id;
    const dataDir = await mkdtemp(join(tmpdir(), "ws-fuzz-"));
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir, WORKSMITH_MAX_UPLOAD_BYTES: "65536" });
    const store = createDataDirFileStore(dataDir);
    const logger = { info() {}, warn() {}, error: (o: object | string) => void errors.push(JSON.stringify(o).slice(0, 500)) };
    app = createApi({ database: t.database, config, version: "fuzz", logger }, [
      (a) => registerContextRoutes(a, { database: t.database, config }),
      (a) => registerOutputRoutes(a, { database: t.database, store, secret: "fuzz-secret-0123456789", downloadTtlS: 900 }),
    ]);
  });
  afterAll(async () => t.cleanup());

  it(`${TOTAL} generated requests: no 5xx, problem+json errors, no rows from rejected requests`, async () => {
    const next = rng(20261126);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
    const strings = [
      "",
      " ",
      "x".repeat(100_000),
      "\u0000",
      "💥".repeat(1000),
      "\ud800",
      "../../etc/passwd",
      "%2e%2e%2f",
      "<script>alert(1)</script>",
      "' OR 1=1 --",
      "${jndi:ldap://x}",
      "\u202e\u0041",
      "null",
    ];
    const values: unknown[] = [
      ...strings,
      0,
      -1,
      1e308,
      NaN,
      true,
      null,
      [],
      {},
      [[[[]]]],
      deep(200),
      { __proto__: { polluted: true } },
      12345678901234567890n.toString(),
    ];
    const ids = [
      projectId,
      otherProjectId,
      "00000000-0000-0000-0000-000000000000",
      "not-a-uuid",
      "1; DROP TABLE projects",
      "%00",
      "..",
      "x".repeat(300),
    ];
    const recipes = ["executive-summary-deck", "blog-post", "nope", "../recipes", ""];
    const agentTypes = ["reporting", "research", "content", "bogus", "%2e%2e", "REPORTING"];

    const makeBody = (): string => {
      switch (Math.floor(next() * 6)) {
        case 0:
          return pick(strings); // not JSON at all, mostly
        case 1:
          return JSON.stringify(pick(values));
        case 2:
          return JSON.stringify({
            project_id: pick([...ids, ...values]),
            recipe_slug: pick([...recipes, ...values]),
            parameters: pick(values),
          });
        case 3:
          return JSON.stringify({
            project_id: projectId,
            recipe_slug: pick(recipes),
            parameters: { topic: pick(values), audience: pick(values), slide_count: pick(values), [pick(strings)]: pick(values) },
          });
        case 4:
          return "{".repeat(5000) + "}".repeat(5000);
        default:
          return JSON.stringify({ name: pick(values), description: pick(values), title: pick(values), body: pick(values) });
      }
    };

    // encodeURIComponent throws on a lone surrogate: send the raw invalid escape instead (hostile too).
    const enc = (v: string) => {
      try {
        return encodeURIComponent(v);
      } catch {
        return "%ED%A0%80";
      }
    };
    const makeRequest = (): [string, RequestInit] => {
      const id = enc(pick(ids));
      const method = pick(["GET", "POST", "DELETE", "PUT", "PATCH"]);
      const path = pick([
        `/api/work/${enc(pick(agentTypes))}/execute`,
        `/api/work/tickets/${id}`,
        `/api/work/tickets/${id}/cancel`,
        `/api/work/tickets/${id}/retry`,
        `/api/work/tickets/${id}/outputs`,
        `/api/work/tickets?status=${enc(pick(strings))}&project_id=${id}&cursor=${enc(pick(strings))}&limit=${enc(String(pick(values)))}`,
        `/api/projects`,
        `/api/projects/${id}`,
        `/api/projects/${id}/context`,
        `/api/projects/${id}/context/${enc(pick(ids))}`,
        `/api/recipes/${enc(pick([...recipes, ...strings]))}`,
        `/api/recipes?agent_type=${enc(pick(agentTypes))}`,
        `/api/downloads/${enc(pick(strings))}`,
        `/api/${pick(strings)}`,
      ]);
      const headers: Record<string, string> = {
        "content-type": pick(["application/json", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16"]),
      };
      // Header values must be bytes a client can send at all; hostile but sendable.
      if (next() < 0.2) headers["idempotency-key"] = pick(["k", "x".repeat(1000), "' OR 1=1 --", "../../etc", "%00", "<script>"]);
      const init: RequestInit = { method, headers };
      if (method !== "GET") init.body = makeBody();
      return [path, init];
    };

    const counts = async () => {
      const [row] = await sqlRows<Record<string, number>>(
        t.database.db,
        sql`SELECT (SELECT count(*)::int FROM projects) p, (SELECT count(*)::int FROM work_requests) r, (SELECT count(*)::int FROM work_tickets) t, (SELECT count(*)::int FROM ticket_events) e, (SELECT count(*)::int FROM context_items) c`,
      );
      if (!row) throw new Error("no count row");
      return row;
    };

    const before = await counts();
    const statuses = new Map<number, number>();
    let serverErrors = 0;
    let notProblem = 0;
    let accepted = 0;
    for (let i = 0; i < TOTAL; i++) {
      const [path, init] = makeRequest();
      let res: Response;
      try {
        res = await app.request(path, init);
      } catch (err) {
        errors.push(`${init.method} ${path}: threw ${String(err)}`);
        serverErrors++;
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const text = await res.text();
      if (res.status >= 500) {
        serverErrors++;
        if (errors.length < 20) errors.push(`${init.method} ${path.slice(0, 120)} → ${res.status} ${text.slice(0, 200)}`);
      } else if (res.status >= 400 && !(res.headers.get("content-type") ?? "").includes("application/problem+json")) {
        notProblem++;
        if (errors.length < 20) errors.push(`${init.method} ${path.slice(0, 120)} → ${res.status} not problem+json`);
      } else if (res.status < 300 && init.method !== "GET" && init.method !== "DELETE") {
        accepted++; // a generated request that happened to be valid (e.g. a project with a valid name)
      }
    }
    const after = await counts();
    const summary = Object.fromEntries([...statuses.entries()].sort((a, b) => a[0] - b[0]));
    console.log(
      `hostile requests: ${TOTAL} sent, statuses ${JSON.stringify(summary)}, ≥500: ${serverErrors}, accepted writes: ${accepted}`,
    );
    expect(errors).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(notProblem).toBe(0);
    // Rows may only come from requests that were accepted (2xx). Every accepted write is counted.
    const written = Object.keys(before).reduce((n, k) => n + (after[k]! - before[k]!), 0);
    expect(written).toBeLessThanOrEqual(accepted * 3);
    if (accepted === 0) expect(after).toEqual(before);
  }, 300_000);
});
