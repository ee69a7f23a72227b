// The notification passes of one server process: turn settled status events into notifications
// (woken by the event log's NOTIFY, like webhooks) and send the e-mails that are due.
import type { Database } from "../../db/client.js";
import { CHANNELS } from "../../domain/events.js";
import type { WorkerLogger } from "../../engine/worker-types.js";
import { probeEventLog, SettleTracker } from "../../events/index.js";
import { createWakeLoop } from "../wake-loop.js";
import { sendDueNotificationEmails, type EmailOptions, type SendMail } from "./email.js";
import { enqueueNotifications } from "./enqueue.js";

export interface NotificationDispatcher {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createNotificationDispatcher(
  options: EmailOptions & {
    database: Database;
    logger: WorkerLogger;
    /** Undefined: SMTP is not configured; nobody is queued for e-mail. */
    send?: SendMail | undefined;
    tickMs?: number | undefined;
    batch?: number | undefined;
  },
): NotificationDispatcher {
  const tracker = new SettleTracker(0);
  const batch = options.batch ?? 20;
  const loop = createWakeLoop({
    what: "notifications",
    logger: options.logger,
    fallbackMs: options.tickMs ?? 1000,
    database: options.database,
    channels: [CHANNELS.events],
    // Every event NOTIFYs; only a ticket's end matters here: at most ten passes a second under load.
    minIntervalMs: 100,
    pass: async () => {
      const settled = tracker.observe(await probeEventLog(options.database.db));
      await enqueueNotifications(options.database, settled, { emailEnabled: options.send !== undefined });
      const sent = options.send ? await sendDueNotificationEmails(options.database, options.send, options, batch) : 0;
      return tracker.waiting || sent === batch;
    },
  });
  return { start: () => loop.start(), stop: () => loop.stop() };
}
