// The realtime contract of DESIGN.md §5 over real sockets, on both drivers: a ticket's full event
// sequence ending with `end`; resume from every Last-Event-ID; resume while events keep arriving
// during the replay; out-of-order commits (PostgreSQL) never skipped or repeated; todo coalescing;
// disconnects release the subscription at once; 404/422 problem+json before the stream starts.
import { EventSource } from "eventsource";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ticketEvents } from "../../src/db/schema.js";
import { TicketEvent } from "../../src/domain/events.js";
import { createWorker, submitTicket, type Worker } from "../../src/engine/index.js";
import { appendEvent, toTicketEvent } from "../../src/events/index.js";
import { eventsOf, seedEngine, until } from "../engine/seed.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent, type TestStep } from "../helpers/test-agent.js";
import { messageOf, statusOf } from "./event-data.js";
import { readSse, type SseMessage } from "./sse-reader.js";
import { startStreamServer, type StreamServer } from "./stream-server.js";

const todo = (content: string, status: "pending" | "in_progress" | "completed") => ({ content, status, activeForm: `Doing ${content}` });

describe.each(DRIVERS)("event streams on %s", (driver) => {
  let t: TestDatabase;
  let server: StreamServer;
  let worker: Worker;
  let projectId: string;
  // Each ticket's agent script, by its `topic` parameter.
  const scripts = new Map<string, TestStep[]>();

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    server = await startStreamServer(t.database, { heartbeatMs: 150, coalesceTodosMs: 100, retryMs: 500, replayPageSize: 40 });
    const agent = createTestAgent((run) => scripts.get(String(run.parameters.topic)) ?? []);
    worker = createWorker({ database: t.database, runner: agent, concurrency: 4, leaseMs: 30_000, shutdownGraceMs: 2_000, pollMs: 200 });
    await worker.start();
  });
  afterAll(async () => {
    await worker.stop();
    await server.close();
    await t.cleanup();
  });
  afterEach(async () => {
    // No test may leave a subscription behind (a leaked listener is a bug, not noise).
    await until(async () => server.hub.subscriberCount() === 0, 3_000);
  });

  async function submit(topic: string, steps: TestStep[]): Promise<string> {
    scripts.set(topic, steps);
    return (await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic } })).ticket.id;
  }

  // Every event on the wire must parse against the domain's union.
  const asEvent = (m: SseMessage): TicketEvent => TicketEvent.parse(JSON.parse(m.data));
  const dbEvents = async (ticketId: string): Promise<TicketEvent[]> => (await eventsOf(t.database, ticketId)).map(toTicketEvent);
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => (open = r));
    return { open, step: { call: () => opened } satisfies TestStep };
  };

  it("sends a ticket's whole event sequence in order to an EventSource client, then `end`", async () => {
    const go = gate();
    const ticketId = await submit("full-sequence", [
      go.step,
      { todos: [todo("Read", "in_progress"), todo("Write", "pending")] },
      { sleep: 150 },
      { log: "halfway" },
      { output: { title: "Report", body: "# Report" } },
      { todos: [todo("Read", "completed"), todo("Write", "completed")] },
    ]);
    const received: { type: string; id: string; event: TicketEvent }[] = [];
    let endData: unknown = null;
    const es = new EventSource(`${server.url}/api/work/tickets/${ticketId}/stream`);
    const done = new Promise<void>((resolve, reject) => {
      for (const type of ["status", "todos", "output", "log"]) {
        es.addEventListener(type, (e: MessageEvent<string>) => {
          received.push({ type, id: e.lastEventId, event: JSON.parse(e.data) as TicketEvent });
          if (received.length === 1) go.open(); // connected and replayed: now let the agent work
        });
      }
      es.addEventListener("end", (e: MessageEvent<string>) => {
        endData = JSON.parse(e.data);
        es.close();
        resolve();
      });
      es.onerror = () => reject(new Error("EventSource error"));
    });
    await done;

    const expected = await dbEvents(ticketId);
    expect(expected.map((e) => e.type)).toEqual(["status", "status", "todos", "log", "output", "todos", "status"]);
    expect(received.map((r) => r.event)).toEqual(expected);
    expect(received.map((r) => r.type)).toEqual(expected.map((e) => e.type));
    expect(received.map((r) => r.id)).toEqual(expected.map((e) => String(e.id)));
    expect(endData).toEqual({ ticket_id: ticketId, status: "completed" });
  });

  it("resumes a finished ticket from every possible Last-Event-ID with exactly the later events", async () => {
    const ticketId = await submit("resume-finished", [
      { todos: [todo("One", "in_progress")] },
      { log: "a" },
      { output: { title: "Out" } },
      { todos: [todo("One", "completed")] },
      { log: "b" },
    ]);
    const all = await until(async () => {
      const events = await dbEvents(ticketId);
      const last = events.at(-1);
      return last && statusOf(last) === "completed" ? events : null;
    });
    const ids = all.map((e) => e.id);
    // Every event id, the cursor before the first, and cursors that fall in gaps between ids.
    const cursors = [0, ...ids, ...ids.map((id) => id - 1)];
    for (const cursor of new Set(cursors)) {
      const read = await readSse(`${server.url}/api/work/tickets/${ticketId}/stream`, { headers: { "last-event-id": String(cursor) } });
      expect(read.status).toBe(200);
      expect(read.ended).toBe(true);
      const events = read.messages.filter((m) => m.event !== "end");
      expect(
        events.map((m) => Number(m.id)),
        `after ${cursor}`,
      ).toEqual(ids.filter((id) => id > cursor));
      expect(events.map(asEvent)).toEqual(all.filter((e) => e.id > cursor));
      expect(read.messages.at(-1)).toMatchObject({ event: "end", id: null });
    }
    // ?after= works the same; the header wins over it, as a reconnecting browser sends the header.
    const third = ids[2]!;
    const byQuery = await readSse(`${server.url}/api/work/tickets/${ticketId}/stream?after=${third}`);
    expect(byQuery.messages.filter((m) => m.event !== "end").map((m) => Number(m.id))).toEqual(ids.filter((id) => id > third));
    const both = await readSse(`${server.url}/api/work/tickets/${ticketId}/stream?after=0`, {
      headers: { "last-event-id": String(third) },
    });
    expect(both.messages.filter((m) => m.event !== "end").map((m) => Number(m.id))).toEqual(ids.filter((id) => id > third));
  });

  it("resumes a running ticket while events keep arriving during the replay: no gap, no duplicate", async () => {
    const go = gate();
    const writes = 300; // replays of several 40-row pages
    const ticketId = await submit("resume-running", [
      go.step,
      {
        // Eight writes at a time: concurrent transactions on one ticket commit out of id order.
        call: async ({ ports }) => {
          for (let i = 0; i < writes; i += 8) await Promise.all(Array.from({ length: 8 }, (_, k) => ports.log("info", `line ${i + k}`)));
        },
      },
    ]);
    go.open();
    // Clients join at different points of the run, each resuming from what it "had seen".
    const reads: Promise<{ cursor: number; ids: number[] }>[] = [];
    for (const seen of [20, 100, 200]) {
      const cursor = await until(
        async () => {
          const events = await dbEvents(ticketId);
          return events.length > seen ? events[seen]!.id : null;
        },
        20_000,
        5,
      );
      reads.push(
        readSse(`${server.url}/api/work/tickets/${ticketId}/stream`, {
          headers: { "last-event-id": String(cursor) },
          timeoutMs: 60_000,
        }).then((r) => ({
          cursor,
          ids: r.messages.filter((m) => m.event !== "end").map((m) => Number(m.id)),
        })),
      );
    }
    const results = await Promise.all(reads);
    const all = (await dbEvents(ticketId)).map((e) => e.id);
    expect(all).toHaveLength(Math.ceil(writes / 8) * 8 + 3);
    for (const r of results) expect(r.ids).toEqual(all.filter((id) => id > r.cursor));
  }, 120_000);

  it("coalesces a burst of todo lists live, always delivers the last one, and never holds back other events", async () => {
    const go = gate();
    const lists = Array.from({ length: 40 }, (_, i) => [todo(`Step ${i}`, "in_progress")]);
    const ticketId = await submit("coalesce", [
      go.step,
      ...lists.map((l) => ({ todos: l })),
      { log: "after the burst" },
      ...lists.slice(0, 3).map((l) => ({ todos: l })),
    ]);
    const read = readSse(`${server.url}/api/work/tickets/${ticketId}/stream`, {
      onMessage: (m) => {
        if (m.event === "status") go.open();
      },
    });
    const { messages } = await read;
    const all = await dbEvents(ticketId);
    const ids = messages.filter((m) => m.id !== null).map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b)); // increasing
    expect(new Set(ids).size).toBe(ids.length);
    // Every status/log/output event arrives; todo lists only where not superseded.
    expect(messages.filter((m) => m.event !== "todos" && m.event !== "end").map(asEvent)).toEqual(all.filter((e) => e.type !== "todos"));
    const todoMsgs = messages.filter((m) => m.event === "todos").map(asEvent);
    expect(todoMsgs.length).toBeLessThan(all.filter((e) => e.type === "todos").length);
    for (const e of todoMsgs) expect(all).toContainEqual(e);
    // The list the client holds before each non-todo event is the latest one written before it.
    for (const [i, m] of messages.entries()) {
      if (m.event !== "log" && !(m.event === "status" && statusOf(asEvent(m)) === "completed")) continue;
      const lastTodoBefore = all.filter((e) => e.type === "todos" && e.id < Number(m.id)).at(-1);
      const lastTodoSent = messages
        .slice(0, i)
        .filter((x) => x.event === "todos")
        .at(-1);
      expect(lastTodoSent && asEvent(lastTodoSent)).toEqual(lastTodoBefore);
    }
    // The replay of history is exact: every list.
    const replay = await readSse(`${server.url}/api/work/tickets/${ticketId}/stream`);
    expect(replay.messages.filter((m) => m.event !== "end").map(asEvent)).toEqual(all);
  });

  it("streams every ticket of a project, with heartbeats and a retry hint, until the client leaves", async () => {
    const first = await submit("project-a", [{ log: "a" }]);
    const second = await submit("project-b", [{ log: "b" }]);
    const read = await readSse(`${server.url}/api/projects/${projectId}/events`, {
      until: (messages, comments) =>
        comments.length >= 2 &&
        [first, second].every((id) =>
          messages.some((m) => m.event === "status" && asEvent(m).ticket_id === id && statusOf(asEvent(m)) === "completed"),
        ),
    });
    expect(read.status).toBe(200);
    expect(read.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(read.headers.get("cache-control")).toMatch(/no-cache/);
    expect(read.retry).toBe(500);
    expect(read.comments).toContain("heartbeat");
    expect(read.ended).toBe(false); // a project stream never ends by itself
    const all = await t.database.db.select().from(ticketEvents).where(eq(ticketEvents.projectId, projectId)).orderBy(ticketEvents.id);
    const ids = read.messages.map((m) => Number(m.id));
    expect(ids).toEqual(all.map((e) => e.id).filter((id) => id <= ids.at(-1)!));
  });

  it("drops the subscription as soon as the client disconnects mid-stream", async () => {
    const go = gate();
    const ticketId = await submit("disconnect", [go.step, { log: "never seen" }]);
    expect(server.hub.subscriberCount()).toBe(0);
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/work/tickets/${ticketId}/stream`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    await until(async () => server.hub.subscriberCount() === 1, 2_000, 5);
    const es = new EventSource(`${server.url}/api/projects/${projectId}/events`);
    await until(async () => server.hub.subscriberCount() === 2, 2_000, 5);
    controller.abort();
    es.close();
    const t0 = Date.now();
    await until(async () => server.hub.subscriberCount() === 0, 2_000, 5);
    expect(Date.now() - t0).toBeLessThan(1_000);
    go.open();
  });

  it("answers 404 problem+json for an unknown or malformed id, 422 for a malformed cursor, before any stream", async () => {
    for (const path of [
      "/api/work/tickets/00000000-0000-4000-8000-000000000000/stream",
      "/api/work/tickets/not-a-uuid/stream",
      "/api/projects/00000000-0000-4000-8000-000000000000/events",
      "/api/projects/nope/events",
    ]) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ status: 404, title: "Not found" });
    }
    const res = await fetch(`${server.url}/api/projects/${projectId}/events`, { headers: { "last-event-id": "abc" } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const q = await fetch(`${server.url}/api/projects/${projectId}/events?after=-1`);
    expect(q.status).toBe(422);
  });

  it.runIf(driver === "postgres")("never skips or repeats an event that commits after a later id (out-of-order commits)", async () => {
    const ticketId = await submit("out-of-order", [{ sleep: 60_000 }]);
    await until(async () => (await dbEvents(ticketId)).length >= 2); // pending, running
    const url = t.url!;
    const early = new pg.Client({ connectionString: url });
    const late = new pg.Client({ connectionString: url });
    await early.connect();
    await late.connect();
    const insert = (c: pg.Client, message: string) =>
      c.query<{ id: string }>(
        `INSERT INTO ticket_events (ticket_id, project_id, type, data) VALUES ($1, $2, 'log', $3) RETURNING id, pg_notify('worksmith_events', id::text)`,
        [ticketId, projectId, JSON.stringify({ level: "info", message })],
      );
    try {
      const seen: SseMessage[] = [];
      const stream = readSse(`${server.url}/api/projects/${projectId}/events`, {
        onMessage: (m) => seen.push(m),
        until: (m) => m.some((x) => messageOf(asEvent(x)) === "late"),
        timeoutMs: 20_000,
      });
      await until(async () => server.hub.subscriberCount() === 1 && seen.length > 0, 5_000, 5);
      await early.query("BEGIN");
      const smaller = Number((await insert(early, "early")).rows[0]!.id);
      const larger = Number((await insert(late, "late")).rows[0]!.id); // autocommit: visible at once
      expect(larger).toBeGreaterThan(smaller);
      await new Promise((r) => setTimeout(r, 300));
      // `late` is committed and NOTIFYed, but `early` holds a smaller id: nothing may go out yet.
      expect(seen.map((m) => Number(m.id))).not.toContain(larger);
      await early.query("COMMIT");
      const read = await stream;
      const tail = read.messages.map((m) => Number(m.id)).filter((id) => id >= smaller);
      expect(tail).toEqual([smaller, larger]);
      // A client that resumes from the one before `early` gets both, once, in order.
      const resumed = await readSse(`${server.url}/api/projects/${projectId}/events`, {
        headers: { "last-event-id": String(smaller - 1) },
        until: (m) => m.some((x) => Number(x.id) === larger),
      });
      expect(resumed.messages.map((m) => Number(m.id))).toEqual([smaller, larger]);
    } finally {
      await early.end();
      await late.end();
    }
  });

  it("delivers an event appended through appendEvent in a transaction to a live ticket stream", async () => {
    const go = gate();
    const ticketId = await submit("append", [go.step]);
    const read = readSse(`${server.url}/api/work/tickets/${ticketId}/stream`, { until: (m) => m.some((x) => x.event === "log") });
    await until(async () => server.hub.subscriberCount() === 1, 2_000, 5);
    const id = await t.database.db.transaction((tx) =>
      appendEvent(tx, { ticketId, projectId, type: "log", data: { level: "info", message: "direct" } }),
    );
    const { messages } = await read;
    expect(messages.at(-1)).toMatchObject({ id: String(id), event: "log" });
    go.open();
  });
});
