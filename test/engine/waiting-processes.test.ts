// Waiting survives a dead worker (issue 16), with real OS processes on PostgreSQL: a worker killed
// with SIGKILL while its ticket waits holds nothing (another worker resumes it once the answer
// comes); one killed right after the answer, while the resumed run holds the ticket, loses it to
// another worker like any run — which gets the stored answer without asking again. Either way the
// ticket completes with exactly one output.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertRecipe } from "../../src/db/repositories/recipes.js";
import { listOutputs } from "../../src/db/repositories/tickets.js";
import { ticketQuestions, workTickets } from "../../src/db/schema.js";
import { answerQuestion } from "../../src/engine/answer.js";
import { submitTicket } from "../../src/engine/index.js";
import { queryRows } from "../../src/engine/sql/raw.js";
import { createTestUser } from "../helpers/auth.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { eventsOf, seedEngine, testRecipe, until } from "./seed.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/asking-worker-process.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("waiting tickets and killed worker processes (postgres)", () => {
  let t: TestDatabase;
  let projectId: string;
  let person: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
    await upsertRecipe(t.database.db, testRecipe({ slug: "test-ask", provider: "asker" }));
    await t.database.db.execute(
      sql`CREATE TABLE test_agent_runs (ticket_id uuid NOT NULL, worker text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT now())`,
    );
    person = (await createTestUser(t.database)).id;
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await t.cleanup();
  });

  async function spawnWorker(id: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url!, WORKER_ID: id },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        if (d.toString().includes(`ready ${id}`)) resolve();
      });
      child.on("exit", (code) => reject(new Error(`worker ${id} exited (${code}): ${stderr}`)));
    });
    return child;
  }

  async function kill9(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }

  const statusOf = async (id: string) => (await t.database.db.select().from(workTickets).where(eq(workTickets.id, id)))[0]!;
  const statusIs = (id: string, status: string) => until(async () => (await statusOf(id)).status === status && statusOf(id), 60_000, 100);
  const runsOf = async (id: string) =>
    (await queryRows(t.database.db, sql`SELECT worker, attempt FROM test_agent_runs WHERE ticket_id = ${id} ORDER BY at`)).map(
      (r) => `${String(r.worker)}#${Number(r.attempt)}`,
    );

  it("kill -9 while waiting: nothing is held; the answer resumes it once on another worker", async () => {
    const w1 = await spawnWorker("wait-w1");
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-ask", parameters: { topic: "plain" } });
    await statusIs(ticket.id, "waiting");
    await kill9(w1);
    await answerQuestion(t.database, { ticketId: ticket.id, answer: { colour: "green" }, answeredBy: person });
    const w2 = await spawnWorker("wait-w2");
    const done = await statusIs(ticket.id, "completed");
    expect(done.attempt).toBe(1);
    expect(await runsOf(ticket.id)).toEqual(["wait-w1#1", "wait-w2#1"]);
    expect((await listOutputs(t.database.db, ticket.id)).map((o) => o.title)).toEqual(["Colour green"]);
    await kill9(w2); // the next test's tickets are for its own workers
  }, 120_000);

  it("kill -9 right after the answer: the resumed run is recovered by another worker, which does not ask again", async () => {
    const w3 = await spawnWorker("wait-w3");
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-ask", parameters: { topic: "slow-after-answer" } });
    await statusIs(ticket.id, "waiting");
    await answerQuestion(t.database, { ticketId: ticket.id, answer: { colour: "red" }, answeredBy: person });
    await until(async () => (await runsOf(ticket.id)).length === 2, 30_000, 50); // the resumed run has started
    await kill9(w3);
    await spawnWorker("wait-w4");
    const done = await statusIs(ticket.id, "completed");
    expect(await runsOf(ticket.id)).toEqual(["wait-w3#1", "wait-w3#1", "wait-w4#2"]);
    expect((await listOutputs(t.database.db, ticket.id)).map((o) => o.title)).toEqual(["Colour red"]);
    expect(await t.database.db.select().from(ticketQuestions).where(eq(ticketQuestions.ticketId, ticket.id))).toHaveLength(1);
    const story = (await eventsOf(t.database, ticket.id)).filter((e) => e.type === "status").map((e) => String(e.data.status));
    expect(story).toEqual(["pending", "running", "waiting", "running", "pending", "running", "completed"]);
    expect(done.attempt).toBe(2);
  }, 120_000);
});
