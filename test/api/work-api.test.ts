// The HTTP contract of DESIGN.md §7 for submit/get/list/cancel/retry, on both drivers. No worker
// runs here, so tickets stay pending unless a test moves them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted, TicketList, TicketView } from "../../src/domain/contract.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import type { TestClient } from "../helpers/auth.js";
import { sqlRows } from "../helpers/sql.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const RECIPE = "executive-summary-deck";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe.each(DRIVERS)("work API on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app, projectId } = await createTestApi(t));
  });
  afterAll(async () => t.cleanup());

  async function rowCounts() {
    const [row] = await sqlRows<{ requests: number; tickets: number; events: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM work_requests) AS requests, (SELECT count(*)::int FROM work_tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events`,
    );
    if (!row) throw new Error("no count row");
    return { requests: Number(row.requests), tickets: Number(row.tickets), events: Number(row.events) };
  }

  async function problemOf(res: Response) {
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    return (await res.json()) as { status: number; title: string; detail?: string; errors?: { field: string; message: string }[] };
  }

  async function submit(parameters: Record<string, unknown> = { topic: "Q3 results" }, headers: Record<string, string> = {}) {
    const res = await postJson(app, "/api/work/reporting/execute", { project_id: projectId, recipe_slug: RECIPE, parameters }, headers);
    expect(res.status).toBe(202);
    return { res, body: (await res.json()) as ExecuteAccepted };
  }

  describe("bad input gets a clear error and writes no row", () => {
    let before: Awaited<ReturnType<typeof rowCounts>>;
    beforeAll(async () => {
      before = await rowCounts();
    });

    it("malformed JSON → 400", async () => {
      const res = await postJson(app, "/api/work/reporting/execute", '{"project_id": ');
      expect(res.status).toBe(400);
      expect((await problemOf(res)).title).toBe("Malformed JSON");
    });

    it("a body of the wrong shape → 422 naming each field", async () => {
      const res = await postJson(app, "/api/work/reporting/execute", { project_id: "nope", parameters: "x" });
      expect(res.status).toBe(422);
      const fields = (await problemOf(res)).errors!.map((e) => e.field).sort();
      expect(fields).toEqual(["parameters", "project_id", "recipe_slug"]);
    });

    it("an unknown agent type → 404", async () => {
      const res = await postJson(app, "/api/work/astrology/execute", {
        project_id: projectId,
        recipe_slug: RECIPE,
        parameters: { topic: "x" },
      });
      expect(res.status).toBe(404);
      await problemOf(res);
    });

    it("an unknown project → 404", async () => {
      const res = await postJson(app, "/api/work/reporting/execute", {
        project_id: UNKNOWN_ID,
        recipe_slug: RECIPE,
        parameters: { topic: "x" },
      });
      expect(res.status).toBe(404);
      expect((await problemOf(res)).detail).toContain("project");
    });

    it("an unknown recipe → 404", async () => {
      const res = await postJson(app, "/api/work/reporting/execute", {
        project_id: projectId,
        recipe_slug: "no-such-recipe",
        parameters: {},
      });
      expect(res.status).toBe(404);
      expect((await problemOf(res)).detail).toContain("recipe no-such-recipe");
    });

    it("parameters that break the recipe's JSON Schema → 422 with one error per field", async () => {
      const res = await postJson(app, "/api/work/reporting/execute", {
        project_id: projectId,
        recipe_slug: RECIPE,
        parameters: { audience: "toddlers", slide_count: 500, surprise: true },
      });
      expect(res.status).toBe(422);
      const errors = (await problemOf(res)).errors!;
      const fields = errors.map((e) => e.field).sort();
      expect(fields).toEqual(["parameters/audience", "parameters/slide_count", "parameters/surprise", "parameters/topic"]);
      expect(errors.find((e) => e.field === "parameters/topic")?.message).toBe("Topic is required");
    });

    it("a recipe of another agent type → 422 on recipe_slug", async () => {
      const res = await postJson(app, "/api/work/content/execute", {
        project_id: projectId,
        recipe_slug: RECIPE,
        parameters: { topic: "x" },
      });
      expect(res.status).toBe(422);
      expect((await problemOf(res)).errors).toEqual([expect.objectContaining({ field: "recipe_slug" })]);
    });

    it("… and none of them wrote a row", async () => {
      expect(await rowCounts()).toEqual(before);
    });
  });

  it("submit answers 202 with the ticket id and links, and the ticket is pending with its parameters", async () => {
    const { res, body } = await submit({ topic: "Q3 results", audience: "board" });
    expect(body.status).toBe("pending");
    expect(res.headers.get("location")).toBe(`/api/work/tickets/${body.work_ticket_id}`);
    expect(body.links.stream).toBe(`/api/work/tickets/${body.work_ticket_id}/stream`);
    const ticket = (await (await app.request(body.links.self)).json()) as TicketView;
    expect(ticket).toMatchObject({
      id: body.work_ticket_id,
      status: "pending",
      recipe_slug: RECIPE,
      agent_type: "reporting",
      output_format: "pptx",
      attempt: 0,
    });
    // Defaults from the recipe's schema are filled in and stored with the ticket.
    expect(ticket.metadata.recipe_parameters).toMatchObject({ topic: "Q3 results", audience: "board", slide_count: 6 });
    expect(ticket.last_event_id).toBeGreaterThan(0);
    expect(ticket.outputs).toEqual([]);
  });

  it("an Idempotency-Key returns the first ticket and writes nothing more", async () => {
    const first = await submit({ topic: "Idempotent" }, { "Idempotency-Key": "abc-123" });
    const counts = await rowCounts();
    const second = await submit({ topic: "Idempotent" }, { "Idempotency-Key": "abc-123" });
    expect(second.body.work_ticket_id).toBe(first.body.work_ticket_id);
    expect(await rowCounts()).toEqual(counts);
  });

  it("unknown or malformed ticket ids → 404", async () => {
    for (const path of [`/api/work/tickets/${UNKNOWN_ID}`, "/api/work/tickets/not-a-uuid", "/api/work/tickets/1;DROP TABLE x"]) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      await problemOf(res);
    }
    expect((await postJson(app, `/api/work/tickets/${UNKNOWN_ID}/cancel`, {})).status).toBe(404);
    expect((await postJson(app, "/api/work/tickets/zzz/retry", {})).status).toBe(404);
  });

  it("cancel: a pending ticket is cancelled at once; again → 409; retry makes a new ticket with retry_of", async () => {
    const { body } = await submit({ topic: "To cancel" });
    const res = await postJson(app, `/api/work/tickets/${body.work_ticket_id}/cancel`, {});
    expect(res.status).toBe(200);
    const cancelled = (await res.json()) as TicketView;
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.finished_at).not.toBeNull();
    const again = await postJson(app, `/api/work/tickets/${body.work_ticket_id}/cancel`, {});
    expect(again.status).toBe(409);
    expect((await problemOf(again)).detail).toContain("cancelled");

    const retry = await postJson(app, `/api/work/tickets/${body.work_ticket_id}/retry`, { parameters: { topic: "Edited topic" } });
    expect(retry.status).toBe(202);
    const fresh = (await retry.json()) as ExecuteAccepted;
    expect(fresh.work_ticket_id).not.toBe(body.work_ticket_id);
    const view = (await (await app.request(fresh.links.self)).json()) as TicketView;
    expect(view.retry_of).toBe(body.work_ticket_id);
    expect(view.metadata.recipe_parameters.topic).toBe("Edited topic");
    // The old ticket is untouched: history is never rewritten.
    const old = (await (await app.request(`/api/work/tickets/${body.work_ticket_id}`)).json()) as TicketView;
    expect(old.status).toBe("cancelled");
  });

  it("retry of a ticket that has not ended → 409; with bad edited parameters → 422", async () => {
    const { body } = await submit({ topic: "Still pending" });
    expect((await postJson(app, `/api/work/tickets/${body.work_ticket_id}/retry`, {})).status).toBe(409);
    await postJson(app, `/api/work/tickets/${body.work_ticket_id}/cancel`, {});
    const bad = await postJson(app, `/api/work/tickets/${body.work_ticket_id}/retry`, { parameters: { topic: 42 } });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors?.[0]?.field).toBe("parameters/topic");
    const empty = await app.request(`/api/work/tickets/${body.work_ticket_id}/retry`, { method: "POST" });
    expect(empty.status).toBe(202);
  });

  it("lists newest first with filters and cursor pagination that visits every ticket once", async () => {
    // Everything this test reads it makes itself: five pending tickets and one cancelled, in its own
    // project, so it passes alone (-t) and in any order among its neighbours.
    const project = (await (await postJson(app, "/api/projects", { name: "Listing" })).json()) as { id: string };
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await postJson(app, "/api/work/reporting/execute", {
        project_id: project.id,
        recipe_slug: RECIPE,
        parameters: { topic: `Paged ${i}` },
      });
      expect(res.status).toBe(202);
      mine.push(((await res.json()) as ExecuteAccepted).work_ticket_id);
    }
    expect((await postJson(app, `/api/work/tickets/${mine[0]}/cancel`, {})).status).toBe(200);
    const projectId = project.id;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.request(`/api/work/tickets?project_id=${projectId}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as TicketList;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.next_cursor;
    } while (cursor);
    const all = (await (await app.request(`/api/work/tickets?project_id=${projectId}&limit=200`)).json()) as TicketList;
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...mine].sort());
    const created = all.items.map((i) => Date.parse(i.created_at));
    expect([...created].sort((a, b) => b - a)).toEqual(created);

    const cancelled = (await (await app.request(`/api/work/tickets?project_id=${projectId}&status=cancelled`)).json()) as TicketList;
    expect(cancelled.items.map((i) => i.id)).toEqual([mine[0]]);
    const pending = (await (await app.request(`/api/work/tickets?project_id=${projectId}&status=pending`)).json()) as TicketList;
    expect(pending.items.map((i) => i.id).sort()).toEqual(mine.slice(1).sort());
    const content = (await (await app.request(`/api/work/tickets?project_id=${projectId}&agent_type=content`)).json()) as TicketList;
    expect(content.items).toEqual([]);
    const reporting = (await (await app.request(`/api/work/tickets?project_id=${projectId}&agent_type=reporting`)).json()) as TicketList;
    expect(reporting.items).toHaveLength(5);

    expect((await app.request("/api/work/tickets?status=exploded")).status).toBe(422);
    expect((await app.request("/api/work/tickets?cursor=garbage")).status).toBe(422);
    expect((await app.request("/api/work/tickets?limit=0")).status).toBe(422);
  });

  it("projects: create, get, 422 on an empty name, 404 on unknown/malformed ids; unknown API routes → 404", async () => {
    const created = await postJson(app, "/api/projects", { name: "  Launch  " });
    expect(created.status).toBe(201);
    const p = (await created.json()) as { id: string; name: string };
    expect(p.name).toBe("Launch");
    expect((await app.request(`/api/projects/${p.id}`)).status).toBe(200);
    const empty = await postJson(app, "/api/projects", { name: " " });
    expect(empty.status).toBe(422);
    expect((await problemOf(empty)).errors?.[0]?.field).toBe("name");
    expect((await app.request(`/api/projects/${UNKNOWN_ID}`)).status).toBe(404);
    expect((await app.request("/api/projects/%00")).status).toBe(404);
    expect((await app.request("/api/nothing-here")).status).toBe(404);
    expect((await app.request("/api/recipes/no-such")).status).toBe(404);
    const recipes = (await (await app.request("/api/recipes?agent_type=research")).json()) as { items: { agent_type: string }[] };
    expect(recipes.items.length).toBeGreaterThanOrEqual(2);
    expect(recipes.items.every((r) => r.agent_type === "research")).toBe(true);
  });
});
