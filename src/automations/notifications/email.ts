// Notification e-mail through SMTP (nodemailer), from the durable queue in `notifications`: pending
// rows are claimed with SKIP LOCKED and a lease (a process that dies mid-send leaves the row to
// another after the lease), sent, and recorded; a failure is retried with exponential backoff for up
// to a day, then left `failed` with its error. The Message-ID is the notification's id, so the rare
// repeat after a crash between the SMTP server's "250 OK" and our record is one message to a mail
// client, not two.
import { sql } from "drizzle-orm";
import { createTransport, type Transporter } from "nodemailer";
import type { Database } from "../../db/client.js";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/** Sends one message; throws when the server refuses it or cannot be reached. */
export type SendMail = (mail: Mail) => Promise<void>;

/** An SMTP sender from the operator's settings (WORKSMITH_SMTP_URL, WORKSMITH_SMTP_FROM). */
export function createSmtpSender(smtp: { url: string; from: string }): { send: SendMail; close(): void } {
  const transport: Transporter = createTransport(smtp.url, { from: smtp.from });
  return {
    async send(mail) {
      await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
    },
    close: () => transport.close(),
  };
}

export interface EmailOptions {
  /** Links in the mail point here (WORKSMITH_PUBLIC_URL); without it the mail names the ticket id only. */
  publicUrl?: string | undefined;
  backoffBaseMs?: number | undefined;
  giveUpAfterMs?: number | undefined;
  leaseMs?: number | undefined;
}

interface Claimed {
  id: string;
  email: string;
  name: string;
  title: string;
  detail: string | null;
  kind: string;
  ticket_id: string;
  project_id: string;
  attempts: number;
  age_ms: number;
}

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await database.db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** The message for one notification (plain text: nothing in it is markup a mail client would run). */
export function notificationMail(
  c: Pick<Claimed, "id" | "email" | "title" | "detail" | "kind" | "ticket_id" | "project_id">,
  publicUrl?: string,
): Mail {
  const link = publicUrl
    ? new URL(`/projects/${c.project_id}/work-tickets/${c.ticket_id}/track`, publicUrl).toString()
    : `ticket ${c.ticket_id}`;
  const ask = c.kind === "ticket.waiting" ? "It is waiting for your answer:" : "See it here:";
  const lines = [
    c.title,
    ...(c.detail ? [c.detail] : []),
    "",
    `${ask} ${link}`,
    "",
    "You get this because you asked to be told about tickets you start in this project. Change it on the project's Notifications settings.",
  ];
  return { to: c.email, subject: `[Worksmith] ${c.title}`, text: lines.join("\n"), messageId: `<${c.id}@worksmith>` };
}

/** One pass: claims up to `limit` due e-mails and sends each; returns how many were attempted. */
export async function sendDueNotificationEmails(
  database: Database,
  send: SendMail,
  options: EmailOptions = {},
  limit = 20,
): Promise<number> {
  const leaseS = (options.leaseMs ?? 60_000) / 1000;
  const claimed = await rows<Claimed>(
    database,
    sql`
    UPDATE notifications n SET email_attempts = n.email_attempts + 1, email_next_attempt_at = now() + make_interval(secs => ${leaseS})
    FROM users u
    WHERE u.id = n.user_id AND n.id IN (
      SELECT id FROM notifications WHERE email_status = 'pending' AND email_next_attempt_at <= now()
      ORDER BY email_next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING n.id, u.email, u.name, n.title, n.detail, n.kind, n.ticket_id, n.project_id, n.email_attempts AS attempts,
              (extract(epoch from now() - n.created_at) * 1000)::float8 AS age_ms`,
  );
  await Promise.all(
    claimed.map(async (c) => {
      try {
        await send(notificationMail(c, options.publicUrl));
        await record(database, c, null, options);
      } catch (err) {
        await record(database, c, err instanceof Error ? err.message : String(err), options);
      }
    }),
  );
  return claimed.length;
}

/** Guarded by the attempt number: an attempt whose lease ran out (another took the row) writes nothing. */
async function record(database: Database, c: Claimed, error: string | null, options: EmailOptions): Promise<void> {
  const delayMs = Math.min((options.backoffBaseMs ?? 5000) * 2 ** (c.attempts - 1), 3_600_000);
  const status = error === null ? "sent" : c.age_ms + delayMs > (options.giveUpAfterMs ?? 86_400_000) ? "failed" : "pending";
  await database.db.execute(sql`
    UPDATE notifications SET email_status = ${status}, email_last_error = ${error?.slice(0, 500) ?? null}::text,
      emailed_at = CASE WHEN ${status === "sent"} THEN now() ELSE NULL END,
      email_next_attempt_at = CASE WHEN ${status === "pending"} THEN now() + make_interval(secs => ${delayMs / 1000}) ELSE NULL END
    WHERE id = ${c.id}::uuid AND email_attempts = ${c.attempts} AND email_status = 'pending'`);
}
