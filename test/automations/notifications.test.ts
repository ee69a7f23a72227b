// Notifications, both drivers, real parts: a real worker runs tickets to their end; the passes turn
// the settled events into notifications for the person who started each ticket (or made the schedule
// that did), as they chose for the project; e-mail goes through nodemailer to a real SMTP server
// (smtp-server, the nodemailer project's own) listening on a local port. A person hears of an event
// once, however often or from however many processes the passes run.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSmtpSender,
  enqueueNotifications,
  listNotifications,
  markRead,
  sendDueNotificationEmails,
  setPreferences,
} from "../../src/automations/index.js";
import type { Database } from "../../src/db/client.js";
import { getTicketRow } from "../../src/db/repositories/tickets.js";
import { AgentWaiting } from "../../src/domain/agent-runner.js";
import { createWorker, submitTicket } from "../../src/engine/index.js";
import { probeEventLog } from "../../src/events/index.js";
import { createTestUser, grantRole, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { createTestAgent, type Script } from "../helpers/test-agent.js";
import { seedEngine, until } from "../engine/seed.js";

interface Caught {
  to: string[];
  raw: string;
}

/** A local SMTP server; `refuse` answers the next N recipients with a temporary failure (451). */
async function startCatcher(): Promise<{ url: string; mails: Caught[]; refuse: { next: number }; close(): Promise<void> }> {
  const mails: Caught[] = [];
  const refuse = { next: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.next > 0) {
        refuse.next -= 1;
        callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, refuse, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const settled = async (database: Database): Promise<number> => (await probeEventLog(database.db)).maxId;

describe.each(DRIVERS)("notifications (%s)", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  let alice: TestUser;
  let catcher: Awaited<ReturnType<typeof startCatcher>>;
  let mailer: ReturnType<typeof createSmtpSender>;

  beforeEach(async () => {
    t = await openTestDatabase(driver);
    ({ projectId } = await seedEngine(t.database));
    alice = await createTestUser(t.database);
    await grantRole(t.database, projectId, alice.id, "member");
    catcher = await startCatcher();
    mailer = createSmtpSender({ url: catcher.url, from: "Worksmith <worksmith@example.test>" });
  });

  afterEach(async () => {
    mailer.close();
    await catcher.close();
    await t.cleanup();
  });

  /** Submits as `requestedBy` and runs the ticket with a real worker until it is `until`. */
  async function runTicket(requestedBy: string | undefined, script: Script, status: string): Promise<string> {
    const worker = createWorker({
      database: t.database,
      runner: createTestAgent(script),
      concurrency: 1,
      leaseMs: 30_000,
      shutdownGraceMs: 1_000,
    });
    await worker.start();
    try {
      const { ticket } = await submitTicket(t.database, {
        projectId,
        recipeSlug: "test-report",
        parameters: { topic: "weekly" },
        requestedBy,
      });
      await until(async () => (await getTicketRow(t.database.db, ticket.id))?.status === status).catch(async (e: unknown) => {
        throw new Error(
          `ticket is ${(await getTicketRow(t.database.db, ticket.id))?.status}: ${String(e)} ${JSON.stringify((await getTicketRow(t.database.db, ticket.id))?.metadata)}`,
        );
      });
      return ticket.id;
    } finally {
      await worker.stop();
    }
  }

  it("tells the starter in the app and by e-mail, once, when they asked for both", async () => {
    await setPreferences(t.database.db, alice.id, projectId, { in_app: true, email: true }, true);
    const bob = await createTestUser(t.database);
    await grantRole(t.database, projectId, bob.id, "member");
    const ticketId = await runTicket(alice.id, [], "completed");
    await runTicket(undefined, [], "completed"); // nobody started it: nobody is told

    const upTo = await settled(t.database);
    // Two processes' passes at once, then again: the cursor and the (person, event) key make it one.
    const added = await Promise.all([
      enqueueNotifications(t.database, upTo, { emailEnabled: true }),
      enqueueNotifications(t.database, upTo, { emailEnabled: true }),
    ]);
    expect(added[0] + added[1]).toBe(1);
    expect(await enqueueNotifications(t.database, upTo, { emailEnabled: true })).toBe(0);

    const list = await listNotifications(t.database.db, alice.id, { limit: 10 });
    expect(list.unread).toBe(1);
    expect(list.items).toMatchObject([
      { ticket_id: ticketId, kind: "ticket.completed", title: "Test report finished", read: false, email_status: "pending" },
    ]);
    expect((await listNotifications(t.database.db, bob.id, { limit: 10 })).items).toEqual([]);

    expect(await sendDueNotificationEmails(t.database, mailer.send, { publicUrl: "https://worksmith.example" })).toBe(1);
    expect(await sendDueNotificationEmails(t.database, mailer.send)).toBe(0);
    expect(catcher.mails).toHaveLength(1);
    const mail = catcher.mails[0]!;
    expect(mail.to).toEqual([alice.email]);
    expect(mail.raw).toMatch(/^Subject: \[Worksmith\] Test report finished/m);
    // Quoted-printable wraps long lines with a soft break ("=" at the end of a line).
    expect(mail.raw.replace(/=\r?\n/g, "")).toContain(`https://worksmith.example/projects/${projectId}/work-tickets/${ticketId}/track`);
    expect((await listNotifications(t.database.db, alice.id, { limit: 10 })).items[0]?.email_status).toBe("sent");

    expect(await markRead(t.database.db, alice.id)).toBe(1);
    expect((await listNotifications(t.database.db, alice.id, { limit: 10 })).unread).toBe(0);
  }, 60_000);

  it("retries an e-mail the SMTP server refused for now, with backoff, and sends it once", async () => {
    await setPreferences(t.database.db, alice.id, projectId, { in_app: false, email: true }, true);
    await runTicket(alice.id, [], "completed");
    await enqueueNotifications(t.database, await settled(t.database), { emailEnabled: true });
    // In the app: nothing (she chose e-mail only).
    expect((await listNotifications(t.database.db, alice.id, { limit: 10 })).items).toEqual([]);
    catcher.refuse.next = 1;
    const options = { backoffBaseMs: 50 };
    expect(await sendDueNotificationEmails(t.database, mailer.send, options)).toBe(1);
    expect(catcher.mails).toHaveLength(0);
    const row = await t.database.db.execute(`SELECT email_status, email_attempts, email_last_error FROM notifications`);
    expect((row as { rows: unknown[] }).rows).toMatchObject([{ email_status: "pending", email_attempts: 1 }]);
    await until(async () => (await sendDueNotificationEmails(t.database, mailer.send, options)) > 0, 5_000);
    expect(catcher.mails).toHaveLength(1);
    const after = await t.database.db.execute(`SELECT email_status, email_attempts FROM notifications`);
    expect((after as { rows: unknown[] }).rows).toMatchObject([{ email_status: "sent", email_attempts: 2 }]);
  }, 60_000);

  it("tells the person who made the schedule, and the one a ticket waits for; nothing by e-mail unless SMTP is set", async () => {
    await setPreferences(t.database.db, alice.id, projectId, { in_app: true, email: true }, false);
    const schedule = await t.database.db.execute(
      `INSERT INTO work_schedules (project_id, name, recipe_slug, parameters, cron, timezone, created_by, enabled)
       VALUES ('${projectId}', 'Monday report', 'test-report', '{}', '0 9 * * 1', 'Europe/Oslo', '${alice.id}', false) RETURNING id`,
    );
    const scheduleId = (schedule as { rows: { id: string }[] }).rows[0]!.id;
    await runTicket(`schedule:${scheduleId}`, [], "completed");
    const asks = new AgentWaiting({
      key: "go",
      question: "Go ahead?",
      answerSchema: { type: "object", properties: {} },
      expiresInS: null,
      state: null,
    });
    await runTicket(alice.id, [{ throw: asks }], "waiting");
    expect(await enqueueNotifications(t.database, await settled(t.database), { emailEnabled: false })).toBe(2);
    const { items } = await listNotifications(t.database.db, alice.id, { limit: 10 });
    expect(items.map((i) => [i.kind, i.title, i.email_status])).toEqual([
      ["ticket.waiting", "Test report is waiting for your answer", null],
      ["ticket.completed", "Test report finished", null],
    ]);
    expect(items[1]?.detail).toContain('scheduled by "Monday report"');
  }, 60_000);
});
