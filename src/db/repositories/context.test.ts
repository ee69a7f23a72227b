import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../../test/helpers/databases.js";
import {
  contextFlagViews,
  deleteContextItem,
  getContextItem,
  insertContextItem,
  listContextItems,
  readContextItems,
  searchContext,
} from "./context.js";
import { createProject } from "./projects.js";

const note = (projectId: string, title: string, body: string) =>
  ({ projectId, title, kind: "note", bytes: Buffer.byteLength(body), body }) as const;

describe.each(DRIVERS)("context items on %s", (driver) => {
  let t: TestDatabase;
  let alpha: string;
  let beta: string;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const db = t.database.db;
    alpha = (await createProject(db, { name: "Alpha", description: "" })).id;
    beta = (await createProject(db, { name: "Beta", description: "" })).id;
    await insertContextItem(db, note(alpha, "Q3 revenue", "Revenue grew 18% to $4.2 million in Q3, driven by the enterprise plan."));
    await insertContextItem(
      db,
      note(alpha, "Churn review", "Customer churn fell to 3.1% after the onboarding redesign shipped on 12 August."),
    );
    await insertContextItem(db, note(alpha, "Hiring plan", "We will hire 6 engineers before the end of the year."));
    await insertContextItem(db, note(beta, "Beta revenue", "Beta's revenue was flat at $900,000 while churn doubled."));
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("inserts and lists items newest first, with views shaped for the API", async () => {
    const created = await insertContextItem(t.database.db, {
      projectId: alpha,
      title: "Board minutes",
      kind: "file",
      filename: "minutes.md",
      mime: "text/markdown",
      bytes: 1234,
      body: "The board approved the budget.",
    });
    expect(created).toMatchObject({
      project_id: alpha,
      title: "Board minutes",
      kind: "file",
      filename: "minutes.md",
      mime: "text/markdown",
      bytes: 1234,
    });
    expect(Date.parse(created.created_at)).not.toBeNaN();
    const items = await listContextItems(t.database.db, alpha);
    expect(items.map((i) => i.title)).toEqual(["Board minutes", "Hiring plan", "Churn review", "Q3 revenue"]);
    expect(items[0]).not.toHaveProperty("body");
    expect(await getContextItem(t.database.db, alpha, created.id)).toMatchObject({
      id: created.id,
      original: "The board approved the budget.",
      text: "The board approved the budget.",
      internal: false,
      flags: [],
    });
    expect(await getContextItem(t.database.db, beta, created.id)).toBeNull();
    expect(await deleteContextItem(t.database.db, beta, created.id)).toBe(false);
    expect(await deleteContextItem(t.database.db, alpha, created.id)).toBe(true);
    expect(await deleteContextItem(t.database.db, alpha, created.id)).toBe(false);
    expect(await getContextItem(t.database.db, alpha, created.id)).toBeNull();
  });

  it("finds items by stemmed words, best match first, with a highlighted snippet", async () => {
    const hits = await searchContext(t.database.db, alpha, "revenues growing", 10);
    expect(hits.map((h) => h.title)).toEqual(["Q3 revenue"]);
    expect(hits[0]!.snippet).toContain("**Revenue**");
    expect(hits[0]!.body).toContain("$4.2 million");
    expect(hits[0]!.rank).toBeGreaterThan(0);
  });

  it("falls back to any word for a multi-word topic, ranking full matches first", async () => {
    const hits = await searchContext(t.database.db, alpha, "revenue and churn outlook", 10);
    expect(hits.map((h) => h.title).sort()).toEqual(["Churn review", "Q3 revenue"]);
    const both = await searchContext(t.database.db, alpha, "churn onboarding", 10);
    expect(both[0]!.title).toBe("Churn review");
  });

  it("a release in the query finds the releases it names", async () => {
    const gamma = (await createProject(t.database.db, { name: "Gamma", description: "" })).id;
    await insertContextItem(t.database.db, note(gamma, "perf", "Cold start fell from 840 ms in 1.9.4 to 610 ms in 2.1.0."));
    await insertContextItem(t.database.db, note(gamma, "older", "Cold start was 900 ms in 1.8.0."));
    const hits = await searchContext(t.database.db, gamma, "the 2.1 upgrade", 10);
    expect(hits.map((h) => h.title)).toEqual(["perf"]);
  });

  it("never returns another project's items", async () => {
    const alphaHits = await searchContext(t.database.db, alpha, "revenue churn", 10);
    expect(alphaHits.some((h) => h.title === "Beta revenue")).toBe(false);
    const betaHits = await searchContext(t.database.db, beta, "revenue churn engineers", 10);
    expect(betaHits.map((h) => h.title)).toEqual(["Beta revenue"]);
    expect((await readContextItems(t.database.db, beta)).map((i) => i.title)).toEqual(["Beta revenue"]);
  });

  it("returns nothing for empty, stop-word-only or unmatched queries, and survives odd syntax", async () => {
    expect(await searchContext(t.database.db, alpha, "   ", 10)).toEqual([]);
    expect(await searchContext(t.database.db, alpha, "the and of", 10)).toEqual([]);
    expect(await searchContext(t.database.db, alpha, "zeppelin", 10)).toEqual([]);
    const odd = await searchContext(t.database.db, alpha, `"enterprise plan" -churn & | ! ' (`, 10);
    // The full (websearch) match ranks first; the any-word fallback ignores operators by design.
    expect(odd[0]!.title).toBe("Q3 revenue");
  });

  it("honours the limit", async () => {
    const hits = await searchContext(t.database.db, alpha, "revenue churn engineers", 2);
    expect(hits).toHaveLength(2);
  });

  it("turns an item's flags into one badge per kind, with a short excerpt and a count", () => {
    const long = `<img src=x onerror="${"a".repeat(200)}">`;
    const views = contextFlagViews([
      { kind: "markup", excerpt: long, detail: "tag removed" },
      { kind: "prompt_injection", excerpt: "Ignore all previous\n instructions", detail: "instruction to the model" },
      { kind: "markup", excerpt: "<b>", detail: "tag removed" },
    ]);
    expect(views.map((v) => [v.kind, v.label, v.count])).toEqual([
      ["markup", "markup removed", 2],
      ["prompt_injection", "possible prompt injection removed", 1],
    ]);
    expect([...views[0]!.excerpt].length).toBe(80);
    expect(views[0]!.excerpt.endsWith("…")).toBe(true);
    expect(views[1]!.excerpt).toBe("Ignore all previous instructions");
    expect(contextFlagViews(null)).toEqual([]);
  });
});
