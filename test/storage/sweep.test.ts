// The orphan sweep, and deleting a project: a file an output names stays; a file its finished ticket
// never used goes; a running ticket's files stay; a file whose ticket is gone goes (on the postgres
// store it went already, with the ticket's rows).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileKeysStillNeeded } from "../../src/db/repositories/stored-files.js";
import { projects, workOutputs, workTickets } from "../../src/db/schema.js";
import { submitTicket } from "../../src/engine/index.js";
import { newTicketFileKey, sqlRunnerOf, sweepOrphanFiles } from "../../src/storage/index.js";
import { openStoreFixture, type StoreFixture } from "./store-fixtures.js";

describe.each(["local", "postgres (pglite)", "postgres (postgres)", "s3"] as const)("orphan sweep: %s", (name) => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStoreFixture(name);
  }, 120_000);
  afterAll(async () => {
    await fx?.cleanup();
  });

  it("keeps what rows need and removes what they do not", { timeout: 120_000 }, async () => {
    const db = fx.t.database.db;
    const { ticket: done } = await submitTicket(fx.t.database, { projectId: fx.projectId, recipeSlug: "test-report", parameters: {} });
    const named = newTicketFileKey(done.id, "pdf");
    const unused = newTicketFileKey(done.id, "pdf");
    const running = fx.newKey("md"); // the fixture's ticket is pending
    for (const key of [named, unused, running]) await fx.store.put(key, Buffer.from(key), "application/pdf");
    await db.insert(workOutputs).values({
      ticketId: done.id,
      projectId: fx.projectId,
      title: "Report",
      fileKey: named,
      generationMethod: "skill",
      agentType: "reporting",
      outputType: "report",
    });
    await db.update(workTickets).set({ status: "completed", finishedAt: new Date() }).where(eq(workTickets.id, done.id));
    const ghost = newTicketFileKey(randomUUID(), "pdf");
    if (!name.startsWith("postgres")) await fx.store.put(ghost, Buffer.from("no ticket"), "application/pdf");

    const young = await sweepOrphanFiles(fx.store, {
      stillNeeded: (keys) => fileKeysStillNeeded(db, keys),
      minAgeMs: 60 * 60_000,
      incompleteAfterMs: 60 * 60_000,
    });
    expect(young.removed).toBe(0);

    const report = await sweepOrphanFiles(fx.store, {
      stillNeeded: (keys) => fileKeysStillNeeded(db, keys),
      minAgeMs: 0,
      incompleteAfterMs: 60 * 60_000,
    });
    expect(await fx.store.exists(named)).toBe(true);
    expect(await fx.store.exists(running)).toBe(true);
    expect(await fx.store.exists(unused)).toBe(false);
    expect(await fx.store.exists(ghost)).toBe(false);
    expect(report.removed).toBe(name.startsWith("postgres") ? 1 : 2);
  });

  it.runIf(name.startsWith("postgres"))("deleting a project deletes its files with its rows", async () => {
    const key = fx.newKey("pptx");
    await fx.store.put(key, Buffer.alloc(600_000, 3), "application/octet-stream");
    expect(await fx.store.exists(key)).toBe(true);
    await fx.t.database.db.delete(projects).where(eq(projects.id, fx.projectId));
    expect(await fx.store.exists(key)).toBe(false);
    const { rows } = await sqlRunnerOf(fx.t.database.raw).query("SELECT count(*)::int AS n FROM stored_file_chunks");
    expect((rows[0] as { n: number }).n).toBe(0);
  });
});
