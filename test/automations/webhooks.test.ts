// Webhooks against a real local HTTP receiver, both drivers: a ticket cancelled through the engine
// becomes one signed delivery (verified with the `standardwebhooks` package); a receiver answering
// 500 then 200 gets the same webhook-id twice and the delivery ends delivered with both attempts
// logged; a private target is refused unless allowed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createEndpoint,
  createWebhookDispatcher,
  deliverDueWebhooks,
  enableEndpoint,
  enqueueWebhookDeliveries,
  isPublicAddress,
  listDeliveries,
  refuseTarget,
} from "../../src/automations/index.js";
import { eq } from "drizzle-orm";
import { webhookEndpoints } from "../../src/db/schema.js";
import { getTicketRow } from "../../src/db/repositories/tickets.js";
import { AgentWaiting } from "../../src/domain/agent-runner.js";
import { cancelTicket, createWorker, submitTicket } from "../../src/engine/index.js";
import { createTestAgent } from "../helpers/test-agent.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { probeEventLog } from "../../src/events/index.js";
import type { Database } from "../../src/db/client.js";

/** The event log's highest id: settled, as the test's own writes have all committed when it asks. */
const settledEventId = async (database: Database): Promise<number> => (await probeEventLog(database.db)).maxId;
import { seedEngine, until } from "../engine/seed.js";

interface Received {
  headers: Record<string, string>;
  body: string;
}

const quiet = { info: () => {}, warn: () => {}, error: (o: object) => console.error(o) };

describe("private targets", () => {
  it("refuses loopback, private and link-local addresses unless allowed", async () => {
    for (const a of [
      "127.0.0.1",
      "10.1.2.3",
      "192.168.1.1",
      "172.16.0.1",
      "169.254.169.254",
      "::1",
      "fe80::1",
      "::ffff:127.0.0.1",
      "0.0.0.0",
    ])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"]) expect(isPublicAddress(a), a).toBe(true);
    expect(await refuseTarget("http://127.0.0.1:9/hook", false)).toMatch(/private, loopback or link-local/);
    expect(await refuseTarget("http://localhost:9/hook", false)).toMatch(/private, loopback or link-local/);
    expect(await refuseTarget("http://127.0.0.1:9/hook", true)).toBeNull();
    expect(await refuseTarget("ftp://example.com/", true)).toMatch(/http or https/);
  });
});

describe.each(DRIVERS)("webhooks (%s)", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let receiver: Server;
  let url: string;
  const received: Received[] = [];
  let answers: number[] = [];

  beforeEach(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    received.length = 0;
    answers = [];
    receiver = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8").on("data", (c: string) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers as Record<string, string>, body });
        res.writeHead(answers.shift() ?? 200, { "content-type": "text/plain" }).end("thanks");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterEach(async () => {
    await new Promise((r) => receiver.close(r));
    await t.cleanup();
  });

  async function cancelledTicket(): Promise<string> {
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "hook" } });
    await cancelTicket(t.database, ticket.id);
    return ticket.id;
  }

  it("refuses a private target at creation unless private targets are allowed", async () => {
    await expect(
      createEndpoint(t.database.db, { projectId, url, events: ["ticket.completed"], createdBy: null, allowPrivate: false }),
    ).rejects.toMatchObject({
      errors: [{ field: "url" }],
    });
  });

  it("delivers a signed event once acknowledged: 500, then 200 with the same webhook-id", async () => {
    const endpoint = await createEndpoint(t.database.db, {
      projectId,
      url,
      events: ["ticket.cancelled"],
      createdBy: null,
      allowPrivate: true,
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    answers = [500, 200];
    const ticketId = await cancelledTicket();
    const dispatcher = createWebhookDispatcher({ database: t.database, logger: quiet, allowPrivate: true, backoffBaseMs: 200, tickMs: 50 });
    await dispatcher.start();
    try {
      const [delivery] = await until(async () => {
        const list = await listDeliveries(t.database.db, endpoint.id);
        return list[0]?.status === "delivered" ? list : null;
      });
      expect(delivery).toMatchObject({ event_type: "ticket.cancelled", attempts: 2, last_status_code: 200, response_snippet: "thanks" });
      expect(received).toHaveLength(2);
      expect(received[0]!.headers["webhook-id"]).toBe(delivery!.id);
      expect(received[1]!.headers["webhook-id"]).toBe(delivery!.id);
      // Both attempts carry a valid Standard Webhooks signature over their own timestamp.
      const verifier = new Webhook(endpoint.secret);
      for (const r of received) {
        const payload = verifier.verify(r.body, r.headers) as {
          type: string;
          data: { ticket_id: string; status: string; project_id: string };
        };
        expect(payload).toMatchObject({
          type: "ticket.cancelled",
          data: { ticket_id: ticketId, status: "cancelled", project_id: projectId },
        });
      }
      // Tampering breaks it.
      expect(() => verifier.verify(received[1]!.body.replace("cancelled", "completed"), received[1]!.headers)).toThrow();
    } finally {
      await dispatcher.stop();
    }
    // Nothing more to deliver: the cursor moved on and the row is done.
    expect(await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))).toBe(0);
    expect(await deliverDueWebhooks(t.database, { allowPrivate: true })).toBe(0);
  }, 30_000);

  it("tells a subscriber when a ticket stops to ask a person (ticket.waiting), once per time it waits", async () => {
    const endpoint = await createEndpoint(t.database.db, {
      projectId,
      url,
      events: ["ticket.waiting"],
      createdBy: null,
      allowPrivate: true,
    });
    // A real run that asks: the engine stores the question and the ticket waits, holding no worker.
    const agent = createTestAgent([
      {
        throw: new AgentWaiting({
          key: "go",
          question: "Go ahead?",
          answerSchema: { type: "object", properties: {} },
          expiresInS: null,
          state: null,
        }),
      },
    ]);
    const worker = createWorker({ database: t.database, runner: agent, concurrency: 1, leaseMs: 30_000, shutdownGraceMs: 1_000 });
    await worker.start();
    let ticketId: string;
    try {
      ({
        ticket: { id: ticketId },
      } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: { topic: "ask" } }));
      await until(async () => (await getTicketRow(t.database.db, ticketId))?.status === "waiting");
    } finally {
      await worker.stop();
    }
    await cancelledTicket(); // not subscribed: never sent
    expect(await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))).toBe(1);
    expect(await deliverDueWebhooks(t.database, { allowPrivate: true })).toBe(1);
    expect(received).toHaveLength(1);
    const payload = new Webhook(endpoint.secret).verify(received[0]!.body, received[0]!.headers) as {
      type: string;
      data: { ticket_id: string; status: string };
    };
    expect(payload).toMatchObject({ type: "ticket.waiting", data: { ticket_id: ticketId, status: "waiting" } });
  }, 30_000);

  it("does not deliver events the endpoint did not subscribe to, and fails a target refused at delivery", async () => {
    const quietEndpoint = await createEndpoint(t.database.db, {
      projectId,
      url,
      events: ["ticket.completed"],
      createdBy: null,
      allowPrivate: true,
    });
    const loud = await createEndpoint(t.database.db, { projectId, url, events: ["ticket.cancelled"], createdBy: null, allowPrivate: true });
    await cancelledTicket();
    await until(async () => (await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))) > 0 || null, 5000);
    // The operator turned private targets off meanwhile: the attempt is refused, not sent.
    await deliverDueWebhooks(t.database, { allowPrivate: false });
    expect(received).toHaveLength(0);
    expect(await listDeliveries(t.database.db, quietEndpoint.id)).toEqual([]);
    const [d] = await listDeliveries(t.database.db, loud.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1 });
    expect(d!.last_error).toMatch(/refused: url resolves to a private/);
  });

  it("receives each ended ticket at the default tick, each with its own webhook-id (latency reported)", async () => {
    await createEndpoint(t.database.db, { projectId, url, events: ["ticket.cancelled"], createdBy: null, allowPrivate: true });
    const dispatcher = createWebhookDispatcher({ database: t.database, logger: quiet, allowPrivate: true });
    await dispatcher.start();
    const lags: number[] = [];
    try {
      for (let i = 0; i < 15; i++) {
        // A random pause first: tickets end at any moment of the dispatcher's tick, not just after one.
        await new Promise((r) => setTimeout(r, Math.random() * 500));
        const before = received.length;
        await cancelledTicket();
        const ended = performance.now();
        await until(async () => received.length > before, 5000, 5);
        lags.push(performance.now() - ended);
      }
    } finally {
      await dispatcher.stop();
    }
    lags.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(p * lags.length))]!);
    console.log(`${driver}: ticket ended → webhook received: n=${lags.length} p50=${pct(0.5)} ms p99=${pct(0.99)} ms`);
    expect(received).toHaveLength(15);
    expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(15);
    // The latency is reported, not asserted: speed targets live in bench scripts (bench:automations is still to come).
  }, 60_000);

  it("disables an endpoint after repeated failed deliveries, with a reason, until enabled again", async () => {
    const endpoint = await createEndpoint(t.database.db, {
      projectId,
      url,
      events: ["ticket.cancelled"],
      createdBy: null,
      allowPrivate: true,
    });
    const failing = { allowPrivate: true, giveUpAfterMs: 0, disableAfterFailures: 3 };
    answers = [500, 500, 500];
    for (let i = 0; i < 3; i++) await cancelledTicket();
    await until(async () => (await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))) > 0 || null, 5000);
    // Deliveries are claimed oldest first, so one pass sends all three; each fails for good (giveUpAfterMs 0).
    await deliverDueWebhooks(t.database, failing);
    expect(received).toHaveLength(3);
    const [row] = await t.database.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ enabled: false });
    expect(row!.disabledReason).toMatch(/after 3 failed deliveries in a row \(last: HTTP 500\)/);

    // While disabled nothing is enqueued or sent; enabled again, new events flow.
    await cancelledTicket();
    await enqueueWebhookDeliveries(t.database, await settledEventId(t.database));
    expect(await deliverDueWebhooks(t.database, failing)).toBe(0);
    await enableEndpoint(t.database.db, endpoint.id);
    await cancelledTicket();
    await until(async () => (await enqueueWebhookDeliveries(t.database, await settledEventId(t.database))) > 0 || null, 5000);
    expect(await deliverDueWebhooks(t.database, failing)).toBe(1);
    expect(received).toHaveLength(4);
    expect((await listDeliveries(t.database.db, endpoint.id))[0]).toMatchObject({ status: "delivered" });
  });
});
