// Reads of context items with an AnalysisCache (the agent runtime's, issue 14): an analysis held for
// the row's current version is used instead of the stored one; a row written since, or an item not
// held, is read with its analysis, which is then held; items without one stay without.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import type { ContextAnalysis } from "../../src/domain/context-analysis.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import {
  readContextItems,
  readContextItemsById,
  saveContextAnalysis,
  searchContext,
  updateContextItem,
  insertContextItem,
  type AnalysisCache,
} from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";

function recordingCache() {
  const held = new Map<string, { version: string; analysis: ContextAnalysis }>();
  const sets: string[] = [];
  const cache: AnalysisCache = {
    get: (item) => (held.get(item.id)?.version === item.version ? held.get(item.id)!.analysis : undefined),
    set: (item, analysis) => {
      sets.push(item.id);
      held.set(item.id, { version: item.version, analysis });
    },
  };
  return { cache, held, sets };
}

describe.each(DRIVERS)("context reads with an analysis cache on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  const ids: Record<string, string> = {};
  const analysed = (title: string, body: string) => analyseContextItem({ title, body, mime: "text/plain" });

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const db = t.database.db;
    projectId = (await createProject(db, { name: "Cache", description: "" })).id;
    const add = async (title: string, body: string, withAnalysis: boolean) =>
      (ids[title] = (
        await insertContextItem(db, {
          projectId,
          title,
          kind: "note",
          mime: "text/plain",
          bytes: body.length,
          body,
          analysis: withAnalysis ? analysed(title, body) : null,
        })
      ).id);
    await add("Q3 revenue", "Revenue grew 18% to $4.2 million in Q3.", true);
    await add("Churn review", "Customer churn fell to 3.1% after the onboarding redesign.", true);
    await add("Legacy note", "Revenue churn notes from before analysis existed.", false);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("reads each analysis once, then hands out the held one until the row is written", async () => {
    const db = t.database.db;
    const { cache, held, sets } = recordingCache();
    const plain = await readContextItems(db, projectId, 50);
    const first = await readContextItems(db, projectId, 50, cache);
    expect(first).toEqual(plain); // same items, texts and analyses as without the cache
    expect(first.find((i) => i.title === "Legacy note")?.analysis).toBeNull();
    expect(sets.sort()).toEqual([ids["Q3 revenue"], ids["Churn review"]].sort());

    // Held for this version: what the cache holds is what is handed out (the stored one is not read).
    const marked = { ...held.get(ids["Q3 revenue"]!)!.analysis, text: "held copy" };
    held.get(ids["Q3 revenue"]!)!.analysis = marked;
    const second = await readContextItems(db, projectId, 50, cache);
    expect(second.find((i) => i.id === ids["Q3 revenue"])?.analysis).toBe(marked);
    expect((await searchContext(db, projectId, "revenue", 10, cache)).find((i) => i.id === ids["Q3 revenue"])?.analysis).toBe(marked);
    expect((await readContextItemsById(db, projectId, [ids["Q3 revenue"]!], cache))[0]?.analysis).toBe(marked);
    expect(sets).toHaveLength(2);

    // A write (even of another column) is a new version: read again, with the stored analysis.
    await updateContextItem(db, projectId, ids["Q3 revenue"]!, { internal: true });
    const third = await readContextItems(db, projectId, 50, cache);
    const q3 = third.find((i) => i.id === ids["Q3 revenue"]);
    expect(q3?.internal).toBe(true);
    expect(q3?.analysis?.text).not.toBe("held copy");
    expect(q3?.analysis).toEqual(analysed("Q3 revenue", "Revenue grew 18% to $4.2 million in Q3."));
    expect(sets).toHaveLength(3);

    // An analysis saved for the legacy item is read with it.
    const legacy = analysed("Legacy note", "Revenue churn notes from before analysis existed.");
    await saveContextAnalysis(db, ids["Legacy note"]!, legacy);
    const hits = await searchContext(db, projectId, "churn", 10, cache);
    expect(hits.find((i) => i.id === ids["Legacy note"])?.analysis).toEqual(legacy);
    expect(hits).toEqual(await searchContext(db, projectId, "churn", 10));
  });
});
