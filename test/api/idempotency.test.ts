// Idempotency-Key on submit (issue 13 item 7), on both drivers: keys belong to the caller, the same
// key with another body is a 422 naming the conflict, and a key expires (IDEMPOTENCY_KEY_TTL_MS).
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted } from "../../src/domain/contract.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

const RECIPE = "executive-summary-deck";

describe.each(DRIVERS)("Idempotency-Key on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app, projectId } = await createTestApi(t, { WORKSMITH_SUBMIT_RATE_PER_MINUTE: "100000" }));
  });
  afterAll(async () => t.cleanup());

  async function counts() {
    const [row] = await sqlRows<{ tickets: number; events: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM work_tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events`,
    );
    return { tickets: Number(row!.tickets), events: Number(row!.events) };
  }

  const submit = (client: TestClient, key: string, parameters: Record<string, unknown>) =>
    postJson(client, "/api/work/reporting/execute", { project_id: projectId, recipe_slug: RECIPE, parameters }, { "Idempotency-Key": key });

  async function accepted(res: Response): Promise<ExecuteAccepted> {
    expect(res.status).toBe(202);
    return (await res.json()) as ExecuteAccepted;
  }

  it("same key, same body → the same ticket, nothing written, marked as a replay", async () => {
    const first = await accepted(await submit(app, "same-1", { topic: "Q3" }));
    const before = await counts();
    const again = await submit(app, "same-1", { topic: "Q3" });
    expect((await accepted(again)).work_ticket_id).toBe(first.work_ticket_id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await counts()).toEqual(before);
  });

  it("same key, another body → 422 problem+json naming the conflict, nothing written", async () => {
    const first = await accepted(await submit(app, "other-body", { topic: "Q3" }));
    const before = await counts();
    const res = await submit(app, "other-body", { topic: "Q4" });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { title: string; detail: string; errors: { field: string }[] };
    expect(problem.title).toMatch(/idempotency key/i);
    expect(problem.detail).toContain('"other-body"');
    expect(problem.detail).toMatch(/different request/);
    expect(problem.errors[0]?.field).toBe("header/idempotency-key");
    expect(await counts()).toEqual(before);
    // The key still answers its own request.
    expect((await accepted(await submit(app, "other-body", { topic: "Q3" }))).work_ticket_id).toBe(first.work_ticket_id);
  });

  it("another caller with the same key gets an independent ticket", async () => {
    const colleague = await createTestUser(t.database);
    await grantRole(t.database, projectId, colleague.id, "member");
    const mine = await accepted(await submit(app, "shared-key", { topic: "Q3" }));
    const theirs = await accepted(await submit(clientFor(app.api, colleague), "shared-key", { topic: "Q3" }));
    expect(theirs.work_ticket_id).not.toBe(mine.work_ticket_id);
    // And a different body from them is not a conflict with my key.
    const theirsOther = await submit(clientFor(app.api, colleague), "shared-key-2", { topic: "Q4" });
    expect(theirsOther.status).toBe(202);
  });

  it("an expired key starts a new ticket (and may carry a new body)", async () => {
    const first = await accepted(await submit(app, "expiring", { topic: "Q3" }));
    await t.database.db.execute(sql`UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'expiring'`);
    const second = await accepted(await submit(app, "expiring", { topic: "Q3" }));
    expect(second.work_ticket_id).not.toBe(first.work_ticket_id);
    // The renewed key is live again: a replay answers the new ticket.
    expect((await accepted(await submit(app, "expiring", { topic: "Q3" }))).work_ticket_id).toBe(second.work_ticket_id);
    const [row] = await sqlRows<{ hours: number }>(
      t.database.db,
      sql`SELECT extract(epoch from expires_at - created_at)::float / 3600 AS hours FROM idempotency_keys WHERE key = 'expiring'`,
    );
    expect(Number(row!.hours)).toBeCloseTo(24, 3);
  });

  it("a refused request leaves no key behind: the key is free for a good request", async () => {
    const before = await counts();
    expect((await submit(app, "bad-first", { topic: 42 })).status).toBe(422);
    expect(await counts()).toEqual(before);
    const rows = await sqlRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = 'bad-first'`);
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await submit(app, "bad-first", { topic: "fine" })).status).toBe(202);
  });

  it("the same key sent five times at once makes one ticket", async () => {
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 5 }, () => submit(app, "racing", { topic: "race" })));
    const ids = await Promise.all(answers.map(async (r) => (await accepted(r)).work_ticket_id));
    expect(new Set(ids).size).toBe(1);
    expect((await counts()).tickets).toBe(before.tickets + 1);
  });
});
