// The notifications API on both drivers: a person's list and unread count are theirs alone (somebody
// else's notification is a 404), bad preferences are a 422 naming the field and write nothing, a
// non-member's project is a 404, and the live stream sends the ticket event behind a new
// notification of the person following it (and a person reads only their own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueNotifications } from "../../src/automations/index.js";
import type { Database } from "../../src/db/client.js";
import { cancelTicket, submitTicket } from "../../src/engine/index.js";
import { appendEvent, probeEventLog } from "../../src/events/index.js";
import { createTestApi } from "../helpers/api-app.js";
import { clientFor, createTestUser, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine } from "../engine/seed.js";

const settled = async (database: Database): Promise<number> => (await probeEventLog(database.db)).maxId;

/** Reads SSE frames from a streaming answer until one with `id:` arrives. */
async function firstEventFrame(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended before an event: ${text}`);
    text += decoder.decode(value);
    const frame = text.split("\n\n").find((f) => f.startsWith("id: "));
    if (frame) {
      await reader.cancel();
      return frame;
    }
  }
}

describe.each(DRIVERS)("notifications API on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let other: TestClient;
  let owner: TestUser;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await seedEngine(t.database);
    let api;
    ({ app, api, projectId, owner } = await createTestApi(t));
    other = clientFor(api, await createTestUser(t.database));
  });
  afterAll(() => t.cleanup());

  /** A pending ticket the person started (its end is written by the test below). */
  async function startTicketAs(userId: string): Promise<string> {
    const { ticket } = await submitTicket(t.database, {
      projectId,
      recipeSlug: "test-report",
      parameters: { topic: "x" },
      requestedBy: userId,
    });
    return ticket.id;
  }

  it("keeps preferences per person and project; bad input is a 422 that writes nothing", async () => {
    const url = `/api/projects/${projectId}/notification-preferences`;
    expect(await (await app.request(url)).json()).toEqual({ project_id: projectId, in_app: true, email: false, email_available: false });
    const bad = await app.request(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ in_app: "yes", email: true }),
    });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toMatch(/problem\+json/);
    expect(JSON.stringify(await bad.json())).toContain("in_app");
    expect(await (await app.request(url)).json()).toMatchObject({ in_app: true, email: false });
    const ok = await app.request(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ in_app: true, email: true }),
    });
    expect(ok.status).toBe(200);
    expect(await (await app.request(url)).json()).toMatchObject({ in_app: true, email: true });
    // Not a member: the project does not exist for them.
    expect((await other.request(url)).status).toBe(404);
  });

  it("lists a person's own notifications, marks them read, and streams new ones live", async () => {
    expect(await (await app.request("/api/notifications")).json()).toEqual({ items: [], unread: 0 });
    const stream = await app.request("/api/notifications/stream");
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    const otherStream = await other.request("/api/notifications/stream");

    // A cancel is not something its starter is told about.
    const cancelled = await startTicketAs(owner.id);
    await cancelTicket(t.database, cancelled);
    expect(await enqueueNotifications(t.database, await settled(t.database), { emailEnabled: false })).toBe(0);

    // A completed status event through the event log's writer (a worker's real run is in
    // test/automations/notifications.test.ts); the pass and the stream are the real ones.
    const done = await startTicketAs(owner.id);
    await t.database.db.transaction((tx) =>
      appendEvent(tx, { ticketId: done, projectId, type: "status", data: { status: "completed", previous: "running", attempt: 1 } }),
    );
    const framePromise = firstEventFrame(stream);
    expect(await enqueueNotifications(t.database, await settled(t.database), { emailEnabled: false })).toBe(1);
    const frame = await framePromise;
    expect(frame).toMatch(/^id: \d+\nevent: status\ndata: /);
    expect(JSON.parse(frame.split("data: ")[1]!)).toMatchObject({ ticket_id: done, type: "status", data: { status: "completed" } });
    await otherStream.body?.cancel();

    const list = (await (await app.request("/api/notifications")).json()) as { items: { id: string; ticket_id: string }[]; unread: number };
    expect(list.unread).toBe(1);
    expect(list.items.map((i) => i.ticket_id)).toEqual([done]);
    const id = list.items[0]!.id;
    expect((await other.request(`/api/notifications/${id}/read`, { method: "POST" })).status).toBe(404);
    expect((await other.request("/api/notifications")).status).toBe(200);
    expect(((await (await other.request("/api/notifications")).json()) as { items: unknown[] }).items).toEqual([]);
    const read = await app.request(`/api/notifications/${id}/read`, { method: "POST" });
    expect(await read.json()).toEqual({ unread: 0 });
    expect((await app.request("/api/notifications/not-a-uuid/read", { method: "POST" })).status).toBe(404);
  });
});
