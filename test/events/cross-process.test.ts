// Across processes on PostgreSQL: a worker in another OS process runs the ticket; the SSE client on
// this server process receives every event it wrote, in order, through LISTEN/NOTIFY and the hub.
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketEvent } from "../../src/domain/events.js";
import { submitTicket } from "../../src/engine/index.js";
import { appendEvent } from "../../src/events/index.js";
import { eventsOf, seedEngine, until } from "../engine/seed.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { messageOf, statusOf } from "./event-data.js";
import { readSse } from "./sse-reader.js";
import { startStreamServer, type StreamServer } from "./stream-server.js";

describe("event streams across processes on postgres", () => {
  let t: TestDatabase;
  let server: StreamServer;
  let projectId: string;
  let child: ChildProcess;

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
    // No worker in this process: only the child can run the ticket.
    // No idle poll: after a dropped LISTEN connection only the reconnect catch-up can find events.
    server = await startStreamServer(t.database, { coalesceTodosMs: 0, hubOptions: { idlePollMs: 3_600_000 } });
    child = spawn(process.execPath, ["--import", "tsx", "test/events/fixtures/worker-process.ts", t.url!], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("ready")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`worker process exited with ${code}`)));
    });
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await server.close();
    await t.cleanup();
  });

  it("delivers every event a worker in another process writes to a client on this server, in order", async () => {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "far away" } });
    const received: TicketEvent[] = [];
    const es = new EventSource(`${server.url}/api/work/tickets/${ticket.id}/stream`);
    const project = readSse(`${server.url}/api/projects/${projectId}/events`, {
      until: (m) => m.some((x) => x.event === "status" && statusOf(JSON.parse(x.data) as TicketEvent) === "completed"),
      timeoutMs: 30_000,
    });
    await new Promise<void>((resolve, reject) => {
      for (const type of ["status", "todos", "output", "log"])
        es.addEventListener(type, (e: MessageEvent<string>) => received.push(JSON.parse(e.data) as TicketEvent));
      es.addEventListener("end", () => {
        es.close();
        resolve();
      });
      es.onerror = () => reject(new Error("EventSource error"));
    });
    const expected = (await eventsOf(t.database, ticket.id)).map((r) => ({
      id: r.id,
      ticket_id: r.ticketId,
      project_id: r.projectId,
      type: r.type,
      data: r.data,
      created_at: r.createdAt.toISOString(),
    }));
    expect(expected.map((e) => e.type)).toEqual(["status", "status", "todos", "log", "todos", "output", "todos", "log", "status"]);
    expect(received).toEqual(expected);
    const { messages } = await project;
    expect(messages.map((m) => JSON.parse(m.data) as TicketEvent)).toEqual(expected);
    await until(async () => server.hub.subscriberCount() === 0, 3_000);
  });

  it("catches up from the table after the LISTEN connection drops: NOTIFYs sent meanwhile are lost, events are not", async () => {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "reconnect" } });
    // Let the child finish the ticket first, so no other NOTIFY can wake the hub after the drop.
    await until(async () => (await eventsOf(t.database, ticket.id)).at(-1)?.data.status === "completed");
    const seen: number[] = [];
    const read = readSse(`${server.url}/api/projects/${projectId}/events`, {
      onMessage: (m) => seen.push(Number(m.id)),
      until: (m) => m.some((x) => messageOf(JSON.parse(x.data) as TicketEvent) === "while away"),
      timeoutMs: 30_000,
    });
    await until(async () => server.hub.subscriberCount() === 1 && seen.length > 0, 5_000, 5);
    const killed = await t.database.db.execute(
      sql`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'LISTEN%'`,
    );
    expect((killed as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
    // Written while the listener is down (it reconnects after 100 ms): its NOTIFY reaches no one here.
    const id = await t.database.db.transaction((tx) =>
      appendEvent(tx, { ticketId: ticket.id, projectId, type: "log", data: { level: "info", message: "while away" } }),
    );
    const { messages } = await read;
    expect(messages.at(-1)?.id).toBe(String(id));
    const ids = messages.map((m) => Number(m.id));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    await until(async () => server.hub.subscriberCount() === 0, 3_000);
  });
});
