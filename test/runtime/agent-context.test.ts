// The agent runtime's promises about context and outputs, on both drivers: items stored before
// analysis existed are analysed on first read and saved; agents read clean text, never markup;
// internal items never reach content for an outside audience; every emitted output carries the
// grounding check of its figures against the items it cites.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createAgentPool, type AgentPool } from "../../src/agents/pool/index.js";
import { createAgentContext } from "../../src/agents/runtime.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { insertContextItem } from "../../src/db/repositories/context.js";
import { contextItems } from "../../src/db/schema.js";
import type { NewOutput, TicketPorts, TicketRun } from "../../src/domain/agent-runner.js";
import { ANALYSIS_VERSION } from "../../src/domain/context-analysis.js";
import type { Recipe } from "../../src/domain/recipe.js";
import { createLocalFileStore } from "../../src/storage/index.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { testRecipe } from "../engine/seed.js";

function recordingPorts() {
  const outputs: NewOutput[] = [];
  const ports: TicketPorts = {
    writeTodos: (list) => Promise.resolve(list.map((t) => ({ ...t, started_at: null, completed_at: null }))),
    emitOutput: (output) => {
      outputs.push(output);
      return Promise.resolve({ id: `out-${outputs.length}` });
    },
    log: () => Promise.resolve(),
    recordUsage: () => Promise.resolve(),
    answeredQuestions: () => Promise.resolve([]),
  };
  return { ports, outputs };
}

describe.each(DRIVERS)("agent runtime context and outputs (%s)", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let publicItem: string;
  let internalItem: string;

  function contextFor(
    recipe: Recipe,
    parameters: Record<string, unknown> = {},
    pool?: AgentPool,
    ticketId = "00000000-0000-4000-8000-000000000001",
    inProject = projectId,
  ) {
    const { ports, outputs } = recordingPorts();
    const run: TicketRun = {
      ticket: {
        id: ticketId,
        projectId: inProject,
        requestId: "r",
        attempt: 1,
        recipeSlug: recipe.slug,
        agentType: recipe.agent_type,
      },
      recipe,
      parameters,
      signal: new AbortController().signal,
      ports,
    };
    return { ctx: createAgentContext(run, t.database, createLocalFileStore("/tmp/unused-store"), pool), outputs };
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    projectId = (await createProject(t.database.db, { name: "Runtime", description: "" })).id;
    // Stored the way rows written before migration 0003 look: no analysis.
    publicItem = (
      await insertContextItem(t.database.db, {
        projectId,
        title: "launch-notes.md",
        kind: "note",
        mime: "text/markdown",
        bytes: 10,
        body: "# Launch notes\n\nThe spring launch sold 1,200 units in March 2026.",
      })
    ).id;
    internalItem = (
      await insertContextItem(t.database.db, {
        projectId,
        title: "pricing-internal.md",
        kind: "note",
        mime: "text/markdown",
        bytes: 10,
        body: "Our launch margin target is 52% and the floor price is $180.",
        internal: true,
      })
    ).id;
  });
  afterAll(() => t.cleanup());

  it("analyses an item stored without analysis on first read, and saves it", async () => {
    const { ctx } = contextFor(testRecipe());
    const hits = await ctx.context.all(10);
    const hit = hits.find((h) => h.id === publicItem);
    expect(hit?.analysis.version).toBe(ANALYSIS_VERSION);
    expect(hit?.body).toContain("1,200 units");
    const [row] = await t.database.db.select({ analysis: contextItems.analysis }).from(contextItems).where(eq(contextItems.id, publicItem));
    expect(row?.analysis?.version).toBe(ANALYSIS_VERSION);
  });

  it("tickets reading the same unanalysed items at once analyse and save each of them once", async () => {
    const inline = createAgentPool({ size: 0 });
    const analysedBodies: string[] = [];
    const counting: AgentPool = {
      ...inline,
      run: (kind, input, signal) => {
        if (kind === "analyse-item") analysedBodies.push((input as { body: string }).body);
        return inline.run(kind, input, signal);
      },
    };
    const body = "Shared notes: the autumn campaign reached 3,400 sign-ups in October 2026.";
    // In a project of its own: the other cases count this project's items.
    const own = (await createProject(t.database.db, { name: "Runtime shared", description: "" })).id;
    const shared = await insertContextItem(t.database.db, {
      projectId: own,
      title: "shared.md",
      kind: "note",
      mime: "text/markdown",
      bytes: 10,
      body,
    });
    const first = contextFor(testRecipe(), {}, counting, "00000000-0000-4000-8000-000000000011", own).ctx;
    const second = contextFor(testRecipe(), {}, counting, "00000000-0000-4000-8000-000000000012", own).ctx;
    const [a, b] = await Promise.all([first.context.all(10), second.context.all(10)]);
    expect(a.find((h) => h.id === shared.id)?.body).toContain("3,400 sign-ups");
    expect(b.find((h) => h.id === shared.id)?.analysis).toEqual(a.find((h) => h.id === shared.id)?.analysis);
    expect(analysedBodies.filter((x) => x === body)).toHaveLength(1);
    // A third ticket that read the row before the save (as the two did) is handed the same analysis.
    const third = contextFor(testRecipe(), {}, counting, "00000000-0000-4000-8000-000000000013", own).ctx;
    expect((await third.context.all(10)).find((h) => h.id === shared.id)?.analysis.version).toBe(ANALYSIS_VERSION);
    expect(analysedBodies.filter((x) => x === body)).toHaveLength(1);
  });

  it("keeps internal items out of content for customers, and in for the team", async () => {
    const blog = testRecipe({ slug: "blog-post", agent_type: "content" });
    const forCustomers = contextFor(blog, { audience: "customers" }).ctx;
    expect((await forCustomers.context.all(10)).map((h) => h.id)).toEqual([publicItem]);
    expect((await forCustomers.context.search("launch margin", 10)).map((h) => h.id)).toEqual([publicItem]);
    const social = contextFor(testRecipe({ slug: "social-posts", agent_type: "content" })).ctx;
    expect((await social.context.all(10)).map((h) => h.id)).not.toContain(internalItem);

    const forTeam = contextFor(testRecipe(), { audience: "team" }).ctx;
    const ids = (await forTeam.context.all(10)).map((h) => h.id);
    expect(ids).toContain(internalItem);
    expect((await forTeam.context.all(10)).find((h) => h.id === internalItem)?.internal).toBe(true);
  });

  it("keeps what an item asks to keep out of anything public out of content for the public, even from another item", async () => {
    const own = (await createProject(t.database.db, { name: "Runtime withheld", description: "" })).id;
    const paper = await insertContextItem(t.database.db, {
      projectId: own,
      title: "cabinet-paper.md",
      kind: "note",
      mime: "text/markdown",
      bytes: 10,
      body: "Officers recommend Option C at £4.1m. A judicial review is possible: the Traders' Association has instructed solicitors.",
    });
    await insertContextItem(t.database.db, {
      projectId: own,
      title: "email.txt",
      kind: "note",
      mime: "text/plain",
      bytes: 10,
      body: "Please do NOT mention the judicial review threat in anything public - legal have advised we say nothing.",
      internal: true,
    });
    const blog = testRecipe({ slug: "blog-post", agent_type: "content" });
    const ticket = "00000000-0000-4000-8000-000000000021";
    const forPublic = contextFor(blog, { audience: "general public" }, undefined, ticket, own).ctx;
    const hit = (await forPublic.context.all(10)).find((h) => h.id === paper.id);
    expect(hit?.body).toContain("Option C at £4.1m");
    expect(hit?.body).not.toContain("judicial review");
    expect(JSON.stringify(hit?.analysis)).not.toContain("judicial review");
    const forTeam = contextFor(testRecipe(), { audience: "team" }, undefined, "00000000-0000-4000-8000-000000000022", own).ctx;
    expect((await forTeam.context.all(10)).find((h) => h.id === paper.id)?.body).toContain("judicial review");
  });

  it("takes a value an internal item corrects out of what content for the public reads from a public item", async () => {
    const own = (await createProject(t.database.db, { name: "Runtime superseded", description: "" })).id;
    const page = await insertContextItem(t.database.db, {
      projectId: own,
      title: "open-day-page.md",
      kind: "note",
      mime: "text/markdown",
      bytes: 10,
      body: "The new boilers cut gas use by 31% in the trial. Open day is on 4 May.",
    });
    await insertContextItem(t.database.db, {
      projectId: own,
      title: "email.txt",
      kind: "note",
      mime: "text/plain",
      bytes: 10,
      body: "Correction to the trial write-up: the gas saving from the new boilers is 24%, not 31% as in the draft.",
      internal: true,
    });
    const blog = testRecipe({ slug: "blog-post", agent_type: "content" });
    const forPublic = contextFor(blog, { audience: "customers" }, undefined, "00000000-0000-4000-8000-000000000031", own).ctx;
    const hit = (await forPublic.context.all(10)).find((h) => h.id === page.id);
    expect(hit?.body).toContain("Open day is on 4 May.");
    expect(hit?.body).not.toContain("31%");
    const forTeam = contextFor(testRecipe(), { audience: "team" }, undefined, "00000000-0000-4000-8000-000000000032", own).ctx;
    expect((await forTeam.context.all(10)).find((h) => h.id === page.id)?.body).toContain("31%");
  });

  it("records the grounding of every output against the items it cites, file text included", async () => {
    const { ctx, outputs } = contextFor(testRecipe());
    await ctx.outputs.emit(
      {
        title: "Launch summary",
        body: "The spring launch sold 1,200 units [1].",
        outputType: "summary",
        generationMethod: "text",
        sources: [{ id: publicItem, title: "launch-notes.md" }],
      },
      "Slide: 1,200 units sold; 4,000 units planned for 2027",
    );
    expect(outputs[0]?.grounding).toEqual({ figures: 3, verified: 1, unverified: ["4,000", "2027"] });

    // A figure stated only by an item the output does not cite is not grounded.
    await ctx.outputs.emit({
      title: "Margin",
      body: "Margin target 52%.",
      outputType: "summary",
      generationMethod: "text",
      sources: [{ id: publicItem, title: "launch-notes.md" }],
    });
    expect(outputs[1]?.grounding?.unverified).toEqual(["52%"]);
  });

  it("counts the person's own request as a source: a title repeating the topic's figure is grounded", async () => {
    const { ctx, outputs } = contextFor(testRecipe(), { topic: "our first 18 months in Leeds" });
    await ctx.outputs.emit({
      title: "Our first 18 months in Leeds",
      body: "The spring launch sold 1,200 units [1]; 30 stores next year.",
      outputType: "summary",
      generationMethod: "text",
      sources: [{ id: publicItem, title: "launch-notes.md" }],
    });
    expect(outputs[0]?.grounding?.unverified).toEqual(["30"]);
  });
});
