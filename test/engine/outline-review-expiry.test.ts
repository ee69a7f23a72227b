// The deck's outline review expires (issue 16), both drivers, with the real builtin agent: nobody
// reviews the outline within OUTLINE_REVIEW_EXPIRES_S (a day), so the question takes its default —
// the outline as drafted — and the deck is built from it; the log says the default answered.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTLINE_REVIEW_EXPIRES_S } from "../../src/agents/builtin/outline-review.js";
import { createAgentPool, type AgentPool } from "../../src/agents/pool/index.js";
import { createAgentRunner } from "../../src/agents/runtime.js";
import { insertContextItem } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { ticketQuestions, workTickets } from "../../src/db/schema.js";
import { createWorker, submitTicket, waitForTicketEnd, type Worker } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createLocalFileStore } from "../../src/storage/index.js";
import { NORTHWIND_NOTES } from "../agents/fixtures.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventsOf, until } from "./seed.js";

describe.each(DRIVERS)("the deck's outline review expires (%s)", (driver) => {
  let t: TestDatabase;
  let dataDir: string;
  let pool: AgentPool;
  let worker: Worker;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    dataDir = await mkdtemp(join(tmpdir(), "outline-expiry-"));
    pool = createAgentPool({ size: 0 });
    await syncRecipes(t.database);
    projectId = (await createProject(t.database.db, { name: "Northwind", description: "" })).id;
    for (const n of NORTHWIND_NOTES) {
      await insertContextItem(t.database.db, {
        projectId,
        title: n.title,
        kind: "note",
        bytes: Buffer.byteLength(n.body),
        body: n.body,
        mime: "text/markdown",
        internal: n.internal ?? false,
      });
    }
    const runner = createAgentRunner({
      database: t.database,
      store: createLocalFileStore(join(dataDir, "files")),
      pool,
      config: { agentProvider: "builtin", builtinStepDelayMs: 0 },
    });
    worker = createWorker({
      database: t.database,
      runner,
      concurrency: 1,
      leaseMs: 30_000,
      shutdownGraceMs: 2_000,
      pollMs: 200,
      expiryMs: 100,
    });
    await worker.start();
  }, 60_000);
  afterAll(async () => {
    await worker?.stop();
    await pool?.close();
    await t?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("waits a day by default, then builds the outline as drafted", async () => {
    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "executive-summary-deck",
      parameters: { topic: "Q3 revenue and churn", review_outline: true },
    });
    await until(async () => {
      const [row] = await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticket.id));
      return row?.status === "waiting";
    }, 30_000);

    // The question carries the documented expiry, counted from when it was asked, and the drafted outline as its default.
    expect(OUTLINE_REVIEW_EXPIRES_S).toBe(86_400);
    const [asked] = await queryRows(
      t.database.db,
      sql`SELECT expires_in_s, EXTRACT(EPOCH FROM (expires_at - created_at))::int AS expires_after_s, default_answer
          FROM ticket_questions WHERE ticket_id = ${ticket.id}`,
    );
    expect(asked).toMatchObject({ expires_in_s: 86_400, expires_after_s: 86_400 });
    const drafted = (asked!.default_answer as { outline: string }).outline;
    expect(drafted).toMatch(/^## /);

    // Nothing happens before the expiry: the worker's sweep runs every 100 ms and leaves it waiting.
    await new Promise((r) => setTimeout(r, 300));
    expect((await t.database.db.select().from(workTickets).where(eq(workTickets.id, ticket.id)))[0]!.status).toBe("waiting");

    // A day passes (the database's clock is the sweep's: move the deadline, not the clock).
    await t.database.db
      .update(ticketQuestions)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(ticketQuestions.ticketId, ticket.id));
    const ended = await waitForTicketEnd(t.database, ticket.id, 60_000);
    expect(ended.status, ended.metadata.error_message ?? "").toBe("completed");
    expect(ended.attempt).toBe(1);

    const answers = (await eventsOf(t.database, ticket.id)).filter((e) => e.type === "answer");
    expect(answers.map((e) => e.data)).toEqual([
      expect.objectContaining({ key: "outline", answer: { outline: drafted }, answered_by: null, source: "default" }),
    ]);
    // Built as drafted: the deck's slides are the drafted outline's slides, in order.
    const outputs = await listOutputs(t.database.db, ticket.id);
    const deck = outputs.find((o) => o.fileFormat === "pptx")!;
    const file = await createLocalFileStore(join(dataDir, "files")).get(deck.fileKey!);
    const zip = await JSZip.loadAsync(await file!.read());
    const xml = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
          .map((n) => zip.file(n)!.async("string")),
      )
    ).join("\n");
    const titles = [...drafted.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    expect(titles.length).toBeGreaterThan(0);
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    for (const title of titles) expect(xml).toContain(escape(title));
    expect(outputs.find((o) => o.outputType === "deck_outline")?.body ?? "").not.toContain("reviewed and edited");
  }, 90_000);
});
