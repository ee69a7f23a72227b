// The webhooks API on both drivers: owners add an endpoint and see its secret once; a private target
// is a 422 naming `url` unless WORKSMITH_WEBHOOK_ALLOW_PRIVATE; members read but cannot add; a
// cancelled ticket shows in the endpoint's delivery log once delivered; redeliver queues it again.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueWebhooks, enqueueWebhookDeliveries } from "../../src/automations/index.js";
import { createApi } from "../../src/api/app.js";
import { loadConfig } from "../../src/config.js";
import { createTestApi, postJson, silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { probeEventLog } from "../../src/events/index.js";
import type { Database } from "../../src/db/client.js";

/** The event log's highest id: settled, as the test's own writes have all committed when it asks. */
const settledEventId = async (database: Database): Promise<number> => (await probeEventLog(database.db)).maxId;

describe.each(DRIVERS)("webhooks API on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let strict: TestClient;
  let member: TestClient;
  let projectId: string;
  let receiver: Server;
  let url: string;
  const ids: string[] = [];
  const bodies: { body: string; headers: Record<string, string> }[] = [];

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    let api;
    let owner;
    ({ app, api, projectId, owner } = await createTestApi(t, { WORKSMITH_WEBHOOK_ALLOW_PRIVATE: "true" }));
    strict = clientFor(
      createApi({
        database: t.database,
        config: loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" }),
        version: "test",
        logger: silentLogger,
      }),
      owner,
    );
    const m = await createTestUser(t.database, { email: "member@example.com" });
    await grantRole(t.database, projectId, m.id, "member");
    member = clientFor(api, m);
    receiver = createServer((req, res) => {
      ids.push(String(req.headers["webhook-id"]));
      let body = "";
      req.setEncoding("utf8").on("data", (c: string) => (body += c));
      req.on("end", () => {
        bodies.push({ body, headers: req.headers as Record<string, string> });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver.close(r));
    await t.cleanup();
  });

  it("refuses a private target unless allowed, naming url", async () => {
    const res = await postJson(strict, `/api/projects/${projectId}/webhooks`, { url, events: ["ticket.completed"] });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["url"]);
    const bad = await postJson(app, `/api/projects/${projectId}/webhooks`, { url, events: ["ticket.started"] });
    expect(bad.status).toBe(422);
  });

  it("adds an endpoint, logs its deliveries and redelivers with the same id", async () => {
    expect((await postJson(member, `/api/projects/${projectId}/webhooks`, { url, events: ["ticket.cancelled"] })).status).toBe(403);
    const res = await postJson(app, `/api/projects/${projectId}/webhooks`, { url, events: ["ticket.cancelled"] });
    expect(res.status).toBe(201);
    const endpoint = (await res.json()) as { id: string; secret: string };
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = (await (await member.request(`/api/projects/${projectId}/webhooks`)).json()) as { items: Record<string, unknown>[] };
    expect(listed.items.map((e) => e.id)).toEqual([endpoint.id]);
    expect(listed.items[0]).not.toHaveProperty("secret");

    const accepted = (await (
      await postJson(app, "/api/work/reporting/execute", {
        project_id: projectId,
        recipe_slug: "status-report",
        parameters: { topic: "x" },
      })
    ).json()) as {
      work_ticket_id: string;
    };
    expect((await app.request(`/api/work/tickets/${accepted.work_ticket_id}/cancel`, { method: "POST" })).status).toBe(200);
    expect(await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))).toBe(1);
    expect(await deliverDueWebhooks(t.database, { allowPrivate: true })).toBe(1);
    const log = (await (await member.request(`/api/webhooks/${endpoint.id}/deliveries`)).json()) as {
      items: { id: string; status: string; last_status_code: number }[];
    };
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ status: "delivered", last_status_code: 204 });
    expect(ids).toEqual([log.items[0]!.id]);

    expect((await member.request(`/api/webhooks/${endpoint.id}/deliveries/${log.items[0]!.id}/redeliver`, { method: "POST" })).status).toBe(
      403,
    );
    expect((await app.request(`/api/webhooks/${endpoint.id}/deliveries/${log.items[0]!.id}/redeliver`, { method: "POST" })).status).toBe(
      202,
    );
    expect(await deliverDueWebhooks(t.database, { allowPrivate: true })).toBe(1);
    expect(ids).toEqual([log.items[0]!.id, log.items[0]!.id]);

    // Rotating the secret: owners only, a new one returned once, and the next delivery is signed with it.
    expect((await member.request(`/api/webhooks/${endpoint.id}/rotate-secret`, { method: "POST" })).status).toBe(403);
    const rotated = (await (await app.request(`/api/webhooks/${endpoint.id}/rotate-secret`, { method: "POST" })).json()) as {
      secret: string;
    };
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect((await app.request(`/api/webhooks/${endpoint.id}/deliveries/${log.items[0]!.id}/redeliver`, { method: "POST" })).status).toBe(
      202,
    );
    expect(await deliverDueWebhooks(t.database, { allowPrivate: true })).toBe(1);
    const last = bodies.at(-1)!;
    expect(() => new Webhook(rotated.secret).verify(last.body, last.headers)).not.toThrow();
    expect(() => new Webhook(endpoint.secret).verify(last.body, last.headers)).toThrow();

    expect((await app.request(`/api/webhooks/${endpoint.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await app.request(`/api/webhooks/${endpoint.id}/deliveries`)).status).toBe(404);
  });
});
