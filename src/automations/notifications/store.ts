// A person's notifications and what they chose per project. Every read and write is scoped to the
// person asking (a notification id of somebody else's is simply not found).
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { notificationPreferences, notifications, ticketEvents, type NotificationRow } from "../../db/schema.js";
import type { TicketEvent } from "../../domain/events.js";
import type { NotificationView } from "../../domain/notifications.js";
import { toTicketEvent } from "../../events/index.js";

export type { NotificationView };

export interface PreferencesView {
  project_id: string;
  in_app: boolean;
  email: boolean;
  /** The operator configured SMTP; without it `email` is kept but nothing is sent. */
  email_available: boolean;
}

const view = (r: NotificationRow): NotificationView => ({
  id: r.id,
  project_id: r.projectId,
  ticket_id: r.ticketId,
  kind: r.kind,
  title: r.title,
  detail: r.detail,
  read: r.readAt !== null,
  created_at: r.createdAt.toISOString(),
  email_status: r.emailStatus,
});

const shown = (userId: string) => and(eq(notifications.userId, userId), eq(notifications.inApp, true));

/** Newest first; `before` (a notification id) pages back. */
export async function listNotifications(
  db: Executor,
  userId: string,
  options: { limit: number; before?: string | undefined },
): Promise<{ items: NotificationView[]; unread: number }> {
  const older = options.before
    ? lt(notifications.createdAt, sql`(SELECT created_at FROM notifications WHERE id = ${options.before}::uuid)`)
    : undefined;
  const [list, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(shown(userId), older))
      .orderBy(desc(notifications.createdAt))
      .limit(options.limit),
    countUnread(db, userId),
  ]);
  return { items: list.map(view), unread };
}

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(shown(userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one (or, without an id, every) unread notification of the person read; returns how many changed. */
export async function markRead(db: Executor, userId: string, id?: string): Promise<number> {
  const changed = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(shown(userId), isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined))
    .returning({ id: notifications.id });
  return changed.length;
}

export async function notificationExists(db: Executor, userId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(shown(userId), eq(notifications.id, id)));
  return row !== undefined;
}

export async function getPreferences(db: Executor, userId: string, projectId: string, emailAvailable: boolean): Promise<PreferencesView> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.projectId, projectId)));
  return { project_id: projectId, in_app: row?.inApp ?? true, email: row?.email ?? false, email_available: emailAvailable };
}

export async function setPreferences(
  db: Executor,
  userId: string,
  projectId: string,
  choice: { in_app: boolean; email: boolean },
  emailAvailable: boolean,
): Promise<PreferencesView> {
  await db
    .insert(notificationPreferences)
    .values({ userId, projectId, inApp: choice.in_app, email: choice.email })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.projectId],
      set: { inApp: choice.in_app, email: choice.email, updatedAt: sql`now()` },
    });
  return { project_id: projectId, ...choice, email_available: emailAvailable };
}

/**
 * The ticket events behind a person's in-app notifications with event id > after, oldest first: what
 * the live stream sends. Rows are written in event order by one process at a time (enqueue.ts), so
 * the event id is a cursor that never skips a row committed later.
 */
export async function readNotifiedEvents(db: Executor, userId: string, after: number, limit = 100): Promise<TicketEvent[]> {
  const list = await db
    .select({ event: ticketEvents })
    .from(notifications)
    .innerJoin(ticketEvents, eq(ticketEvents.id, notifications.eventId))
    .where(and(shown(userId), gt(notifications.eventId, after)))
    .orderBy(notifications.eventId)
    .limit(limit);
  return list.map((r) => toTicketEvent(r.event));
}

/** The newest notified event id of the person (where a fresh stream starts: news only). */
export async function latestNotifiedEventId(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ id: sql<string | null>`max(${notifications.eventId})::text` })
    .from(notifications)
    .where(shown(userId));
  return Number(row?.id ?? 0);
}
