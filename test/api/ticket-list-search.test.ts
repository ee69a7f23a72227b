// The ticket list tells tickets apart and finds them (issue 15, item 1): each ticket carries its
// topic and who submitted it; `q` searches topics and output titles (full text, prefixes), `since`
// and `until` bound the creation time, and bad values are 422 naming the field. Both drivers; no
// worker runs, so tickets stay pending.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../src/auth/accounts.js";
import { upsertRecipe } from "../../src/db/repositories/recipes.js";
import { workOutputs } from "../../src/db/schema.js";
import { TicketList, TicketView, type ExecuteAccepted } from "../../src/domain/contract.js";
import { RecipeDefinition } from "../../src/domain/recipe.js";
import { submitTicket } from "../../src/engine/index.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { grantRole, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const DAY_MS = 86_400_000;

describe.each(DRIVERS)("ticket list: topic, submitter, search and time filter on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let owner: TestUser;
  let projectId: string;
  const ids: Record<string, string> = {};

  async function list(query: Record<string, string>): Promise<TicketList> {
    const res = await app.request(`/api/work/tickets?${new URLSearchParams({ project_id: projectId, ...query }).toString()}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return TicketList.parse(await res.json());
  }
  const idsOf = (page: TicketList) => page.items.map((i) => i.id);

  async function problem(query: Record<string, string>) {
    const res = await app.request(`/api/work/tickets?${new URLSearchParams({ project_id: projectId, ...query }).toString()}`);
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    return (await res.json()) as { errors: { field: string; message: string }[] };
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app, projectId, owner } = await createTestApi(t));
    const ana = await createAccount(t.database, { email: "ana@example.test", name: "Ana Lind", password: "correct horse battery" });
    await grantRole(t.database, projectId, ana.id, "member");

    // Through the API: requested by the owner (a test account without a name).
    const res = await postJson(app, "/api/work/reporting/execute", {
      project_id: projectId,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "Riverbend Q3 results", audience: "executives" },
    });
    expect(res.status).toBe(202);
    ids.riverbend = ((await res.json()) as ExecuteAccepted).work_ticket_id;

    ids.harbor = (
      await submitTicket(t.database, {
        projectId,
        recipeSlug: "executive-summary-deck",
        parameters: { topic: "Harbor expansion plan" },
        requestedBy: ana.id,
      })
    ).ticket.id;

    // Ten days old, with an output whose title says what the topic does not.
    ids.churn = (
      await submitTicket(t.database, {
        projectId,
        recipeSlug: "research-brief",
        parameters: { topic: "Customer churn drivers" },
        requestedBy: ana.id,
      })
    ).ticket.id;
    await t.database.db.execute(sql`UPDATE work_tickets SET created_at = now() - interval '10 days' WHERE id = ${ids.churn}`);
    await t.database.db.insert(workOutputs).values({
      ticketId: ids.churn,
      projectId,
      title: "Pricing benchmark memo",
      body: "…",
      generationMethod: "text",
      agentType: "research",
      outputType: "brief",
    });

    // A recipe that names its title parameter (x-title) after a first required string parameter,
    // and one whose first required parameter is an enum: the topic skips it.
    const base = {
      name: "Titled",
      description: "A recipe for the topic rule",
      icon: "🧪",
      agent_type: "content",
      output_format: "markdown",
    };
    await upsertRecipe(
      t.database.db,
      RecipeDefinition.parse({
        ...base,
        slug: "titled-test",
        parameters: {
          type: "object",
          required: ["brief", "headline"],
          properties: {
            brief: { type: "string", title: "Brief" },
            headline: { type: "string", title: "Headline", "x-title": true },
          },
        },
      }),
    );
    await upsertRecipe(
      t.database.db,
      RecipeDefinition.parse({
        ...base,
        slug: "enum-first-test",
        parameters: {
          type: "object",
          required: ["tone", "subject"],
          properties: {
            tone: { type: "string", title: "Tone", enum: ["formal", "casual"] },
            subject: { type: "string", title: "Subject" },
          },
        },
      }),
    );
    ids.titled = (
      await submitTicket(t.database, {
        projectId,
        recipeSlug: "titled-test",
        parameters: { brief: "Long brief text", headline: "Launch day recap" },
      })
    ).ticket.id;
    ids.enumFirst = (
      await submitTicket(t.database, { projectId, recipeSlug: "enum-first-test", parameters: { tone: "formal", subject: "Board letter" } })
    ).ticket.id;
  });
  afterAll(async () => t.cleanup());

  it("each ticket carries its topic and who submitted it (name, or email without one), in the list and the ticket", async () => {
    const page = await list({});
    const byId = new Map(page.items.map((i) => [i.id, i]));
    expect(byId.get(ids.riverbend!)).toMatchObject({
      topic: "Riverbend Q3 results",
      submitted_by: owner.email,
      recipe_name: expect.any(String),
    });
    expect(byId.get(ids.harbor!)).toMatchObject({ topic: "Harbor expansion plan", submitted_by: "Ana Lind" });
    expect(byId.get(ids.churn!)).toMatchObject({ topic: "Customer churn drivers", submitted_by: "Ana Lind" });
    expect(byId.get(ids.titled!)).toMatchObject({ topic: "Launch day recap", submitted_by: null });
    expect(byId.get(ids.enumFirst!)).toMatchObject({ topic: "Board letter" });
    // Still the same shape otherwise: everything an older client reads is there.
    for (const item of page.items) expect(item).toMatchObject({ status: "pending", metadata: { output_count: expect.any(Number) } });

    const one = await app.request(`/api/work/tickets/${ids.harbor}`);
    expect(TicketView.parse(await one.json())).toMatchObject({ topic: "Harbor expansion plan", submitted_by: "Ana Lind" });
  });

  it("q finds tickets by topic words as prefixes, by output title, and by both together", async () => {
    expect(idsOf(await list({ q: "riverb" }))).toEqual([ids.riverbend]);
    expect(idsOf(await list({ q: "results RIVERBEND" }))).toEqual([ids.riverbend]);
    expect(idsOf(await list({ q: "harbour" }))).toEqual([]);
    expect(idsOf(await list({ q: "pricing memo" }))).toEqual([ids.churn]);
    expect(idsOf(await list({ q: "churn benchmark" }))).toEqual([ids.churn]);
    expect(idsOf(await list({ q: "launch" }))).toEqual([ids.titled]);
    // The brief is not the title: its words do not find the ticket.
    expect(idsOf(await list({ q: "long brief" }))).toEqual([]);
    expect(idsOf(await list({ q: "expansion riverbend" }))).toEqual([]);
    // Words the full-text parser drops still match the topic as typed.
    expect(idsOf(await list({ q: "Q3 res" }))).toEqual([ids.riverbend]);
    expect(idsOf(await list({ q: "%" }))).toEqual([]);
    // Blank means no search.
    expect((await list({ q: "  " })).items).toHaveLength(5);
  });

  it("q never breaks the query: tsquery operators, quotes, backslashes and any script are plain words", async () => {
    const hostile = [
      "'",
      "\\",
      "a & b | !c",
      "riverb:*",
      "(harbor",
      "<-> <2>",
      "''; DROP TABLE work_tickets; --",
      "über",
      "日本語",
      "😀",
      "%_",
      "a'b",
      "-riverbend",
    ];
    for (const q of hostile) {
      const res = await app.request(`/api/work/tickets?${new URLSearchParams({ project_id: projectId, q }).toString()}`);
      expect(res.status, q).toBe(200);
    }
    // Operators are not operators: "!riverbend" is the word riverbend, not its negation.
    expect(idsOf(await list({ q: "!riverbend" }))).toEqual([ids.riverbend]);
    expect(idsOf(await list({ q: "(harbor" }))).toEqual([ids.harbor]);
  });

  it("q pages with the cursor like any list", async () => {
    const all = await list({ q: "r", limit: "1" });
    expect(all.items).toHaveLength(1);
    expect(all.next_cursor).not.toBeNull();
    const next = await list({ q: "r", limit: "1", cursor: all.next_cursor! });
    expect(next.items).toHaveLength(1);
    expect(next.items[0]!.id).not.toBe(all.items[0]!.id);
  });

  it("since and until bound the creation time: durations back from now, or ISO dates and date-times", async () => {
    const recent = idsOf(await list({ since: "7d" }));
    expect(recent).toContain(ids.harbor);
    expect(recent).not.toContain(ids.churn);
    expect(idsOf(await list({ until: "7d" }))).toEqual([ids.churn]);
    const iso = new Date(Date.now() - 3 * DAY_MS).toISOString();
    expect(idsOf(await list({ since: iso }))).not.toContain(ids.churn);
    expect(idsOf(await list({ until: iso }))).toEqual([ids.churn]);
    const date = new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10);
    expect(await list({ since: date })).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ id: ids.churn })]) });
    expect(idsOf(await list({ since: "30d", until: "1d", q: "churn" }))).toEqual([ids.churn]);
  });

  it("bad since, until or q → 422 problem+json naming the field", async () => {
    expect((await problem({ since: "yesterday" })).errors).toEqual([
      { field: "query/since", message: expect.stringContaining("ISO 8601") },
    ]);
    expect((await problem({ until: "2026-02-31" })).errors.map((e) => e.field)).toEqual(["query/until"]);
    expect((await problem({ until: "2026-11-01T09:00" })).errors.map((e) => e.field)).toEqual(["query/until"]);
    expect((await problem({ since: "1d", until: "7d" })).errors).toEqual([{ field: "query/until", message: "must be later than since" }]);
    expect((await problem({ q: "x".repeat(501) })).errors.map((e) => e.field)).toEqual(["query/q"]);
    expect((await problem({ q: "a\u0000b" })).errors.map((e) => e.field)).toEqual(["query/q"]);
  });
});
