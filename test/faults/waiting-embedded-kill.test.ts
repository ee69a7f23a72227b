// A waiting ticket survives kill -9 of the embedded server (issue 16): on the default `npm start`
// setup (PGlite in a data dir, worker in the same process) the process holding the database is the
// one that dies. Restarted on the same data dir, a ticket killed while it waited still waits and is
// built once from the answer; one killed right after the answer, while its resumed run held it, is
// taken up again by the restarted server from the stored answer — asked once, built once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { OutputView, ProjectView, TicketView } from "../../src/domain/contract.js";
import { TicketQuestion } from "../../src/domain/questions.js";
import { setUpOwner, spawnServer, type SpawnedServer } from "../e2e/harness.js";

// A short lease so the restarted server takes back the dead run's ticket in seconds; the step delay
// keeps the resumed build running long enough to be killed in the middle of it.
const ENV = { WORKSMITH_SEED_DEMO: "true", WORKSMITH_LEASE_MS: "2000", WORKSMITH_BUILTIN_STEP_DELAY_MS: "400" };

let dataDir: string;
let token = "";
let running: SpawnedServer | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "worksmith-waiting-kill-"));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function start(): Promise<SpawnedServer> {
  running = await spawnServer(ENV, { dataDir });
  if (!token) token = (await setUpOwner(running.url)).token;
  return running;
}

async function kill9(server: SpawnedServer): Promise<void> {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGKILL");
  await exited;
  running = undefined;
}

async function call<T>(server: SpawnedServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function ticketOf(server: SpawnedServer, id: string): Promise<TicketView> {
  return (await call<TicketView>(server, "GET", `/api/work/tickets/${id}`)).body;
}

async function until<T>(what: string, probe: () => Promise<T | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function submitReviewedDeck(server: SpawnedServer, topic: string): Promise<string> {
  const projects = await call<{ items: ProjectView[] }>(server, "GET", "/api/projects");
  const demo = projects.body.items[0];
  if (!demo) throw new Error("the demo project was not seeded");
  const submitted = await call<{ work_ticket_id: string }>(server, "POST", "/api/work/reporting/execute", {
    project_id: demo.id,
    recipe_slug: "executive-summary-deck",
    parameters: { topic, review_outline: true },
  });
  expect(submitted.status).toBe(202);
  const id = submitted.body.work_ticket_id;
  await until(`ticket ${id} to wait`, async () => (await ticketOf(server, id)).status === "waiting");
  return id;
}

async function answerWithTitle(server: SpawnedServer, id: string, title: string): Promise<void> {
  const question = TicketQuestion.parse((await call(server, "GET", `/api/work/tickets/${id}/question`)).body);
  const drafted = String((question.default as { outline: string }).outline);
  const edited = drafted.replace(/^## .*$/m, `## ${title}`);
  const answered = await call(server, "POST", `/api/work/tickets/${id}/answer`, { answer: { outline: edited } });
  expect(answered.status).toBe(200);
}

async function outputsOf(server: SpawnedServer, id: string): Promise<OutputView[]> {
  const res = await call<OutputView[] | { items: OutputView[] }>(server, "GET", `/api/work/tickets/${id}/outputs`);
  return Array.isArray(res.body) ? res.body : res.body.items;
}

/** How many times the ticket went to `waiting`: once per question asked (the stream replayed; it ends after the terminal status). */
async function timesAsked(server: SpawnedServer, id: string): Promise<number> {
  const res = await fetch(new URL(`/api/work/tickets/${id}/stream?after=0`, server.url), { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return [...text.matchAll(/^event: status\ndata: (.*)$/gm)].filter(
    (m) => (JSON.parse(m[1]!) as { data: { status: string } }).data.status === "waiting",
  ).length;
}

describe("waiting tickets and kill -9 of the embedded server", () => {
  it("killed while waiting: after a restart it still waits, and the answer builds the deck once", async () => {
    const first = await start();
    const id = await submitReviewedDeck(first, "Kill while waiting");
    await kill9(first);

    const second = await start();
    expect((await ticketOf(second, id)).status).toBe("waiting");
    await answerWithTitle(second, id, "Answered after the restart");
    const done = await until("completion", async () => {
      const t = await ticketOf(second, id);
      return t.status === "completed" || t.status === "failed" ? t : false;
    });
    expect(done.status).toBe("completed");
    // Waiting spent no attempt, and nothing was lost with the process: one run, one deck.
    expect(done.attempt).toBe(1);
    const decks = (await outputsOf(second, id)).filter((o) => o.output_type === "presentation");
    expect(decks).toHaveLength(1);
    expect(decks[0]!.body).toContain("Answered after the restart");
    expect(await timesAsked(second, id)).toBe(1);
  }, 300_000);

  it("killed right after the answer: the restarted server resumes from the stored answer, builds once", async () => {
    const first = await start();
    const id = await submitReviewedDeck(first, "Kill after the answer");
    await answerWithTitle(first, id, "Answered before the kill");
    await until("the resumed run", async () => (await ticketOf(first, id)).status === "running");
    await kill9(first);

    const second = await start();
    const done = await until("completion", async () => {
      const t = await ticketOf(second, id);
      return t.status === "completed" || t.status === "failed" ? t : false;
    });
    expect(done.status).toBe("completed");
    // The killed run was taken back (a second attempt), not finished before the kill.
    expect(done.attempt).toBe(2);
    const decks = (await outputsOf(second, id)).filter((o) => o.output_type === "presentation");
    expect(decks).toHaveLength(1);
    expect(decks[0]!.body).toContain("Answered before the kill");
    // Asked once: the restarted run took the stored answer instead of asking again.
    expect(await timesAsked(second, id)).toBe(1);
    const question = TicketQuestion.parse((await call(second, "GET", `/api/work/tickets/${id}/question`)).body);
    expect(question.answered).toBe(true);
  }, 300_000);
});
