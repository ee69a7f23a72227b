// Settled status events → notifications for the person who started the ticket (or the person who
// made the schedule that started it), as they chose for the project. One cursor row, locked with SKIP
// LOCKED, makes exactly one process turn each range of the log into rows; the unique key (person,
// event) makes a person hear of an event at most once whatever happens. The rows and a NOTIFY per
// person commit together, so a browser following its notifications hears of them at once.
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";

/** The channel a committed batch of notifications is announced on (payload: the person's id). */
export const NOTIFICATIONS_CHANNEL = "worksmith_notifications";

/** What a person can be told: a ticket they started ended well or badly, or stopped to ask them. */
export const NOTIFICATION_KINDS = ["ticket.completed", "ticket.failed", "ticket.waiting"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface EnqueueOptions {
  /** The operator configured SMTP: people who asked for e-mail get one. */
  emailEnabled: boolean;
  /** Log ids read per pass at most. */
  span?: number | undefined;
}

async function rows<T>(exec: { execute: Database["db"]["execute"] }, query: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await exec.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * Turns status events up to `settled` into notifications; returns how many rows it added.
 *
 * One statement, not a transaction of several: on the embedded database's one connection a
 * transaction holds every other statement (a person's request too) while the main thread makes its
 * round trips between the cursor lock, the insert, the cursor move and the NOTIFYs — 30–120 ms a pass
 * while agents worked (bench/RESULTS.md, issue 14 round 5). The statement is its own transaction, so
 * what the transaction guaranteed still holds: the cursor row is locked (SKIP LOCKED: another process
 * on it means nothing is done here), and the rows, the cursor move and the NOTIFYs commit together.
 * Under READ COMMITTED the lock reads the cursor's latest committed value, and every event up to
 * `settled` was committed before the statement's snapshot (the caller probed it), so the range read is
 * the one the cursor moves over: each event is turned into rows exactly once.
 */
export async function enqueueNotifications(database: Database, settled: number, options: EnqueueOptions): Promise<number> {
  const [result] = await rows<{ added: number }>(
    database.db,
    sql`
      WITH cur AS MATERIALIZED (
        SELECT last_event_id AS from_id FROM notification_cursor
        WHERE id = 1 AND last_event_id < ${settled}::bigint FOR UPDATE SKIP LOCKED
      ), moved AS (
        UPDATE notification_cursor n SET last_event_id = least(${settled}::bigint, c.from_id + ${options.span ?? 5000}::bigint)
        FROM cur c WHERE n.id = 1
        RETURNING c.from_id, n.last_event_id AS up_to
      ), ended AS (
        SELECT ev.id, ev.project_id, ev.ticket_id, ev.data->>'status' AS status,
               coalesce(ev.data->>'error_message', ev.data->>'reason') AS why, r.requested_by
        FROM moved m
        JOIN ticket_events ev ON ev.id > m.from_id AND ev.id <= m.up_to
        JOIN work_tickets t ON t.id = ev.ticket_id
        JOIN work_requests r ON r.id = t.request_id
        WHERE ev.type = 'status' AND ev.data->>'status' IN ('completed', 'failed', 'waiting')
      ), starter AS (
        -- A person's own ticket names them; a scheduled one names its schedule, whose maker is told.
        SELECT e.*, coalesce(s.created_by::text, e.requested_by) AS user_text, s.name AS schedule_name
        FROM ended e
        LEFT JOIN work_schedules s ON e.requested_by LIKE 'schedule:%' AND s.id::text = substr(e.requested_by, 10)
      ), added AS (
        INSERT INTO notifications (user_id, project_id, ticket_id, event_id, kind, title, detail, in_app, email_status, email_next_attempt_at)
        SELECT u.id, st.project_id, st.ticket_id, st.id, 'ticket.' || st.status,
               coalesce(rc.name, t.recipe_slug) || CASE st.status
                 WHEN 'completed' THEN ' finished' WHEN 'failed' THEN ' failed' ELSE ' is waiting for your answer' END,
               concat_ws(' · ', p.name, CASE WHEN st.schedule_name IS NOT NULL THEN 'scheduled by "' || st.schedule_name || '"' END,
                         CASE WHEN st.status = 'failed' THEN left(st.why, 300) END),
               coalesce(np.in_app, true),
               CASE WHEN ${options.emailEnabled} AND coalesce(np.email, false) THEN 'pending' END,
               CASE WHEN ${options.emailEnabled} AND coalesce(np.email, false) THEN now() END
        FROM starter st
        JOIN users u ON u.id::text = st.user_text
        -- Only people who may still read the project are told about it.
        JOIN project_members m ON m.project_id = st.project_id AND m.user_id = u.id
        JOIN projects p ON p.id = st.project_id
        JOIN work_tickets t ON t.id = st.ticket_id
        LEFT JOIN work_recipes rc ON rc.slug = t.recipe_slug
        LEFT JOIN notification_preferences np ON np.user_id = u.id AND np.project_id = st.project_id
        WHERE coalesce(np.in_app, true) OR (${options.emailEnabled} AND coalesce(np.email, false))
        ORDER BY st.id
        ON CONFLICT (user_id, event_id) DO NOTHING
        RETURNING user_id
      )
      -- One NOTIFY per person told; like the rows, it is sent only if the statement commits.
      SELECT (SELECT count(*) FROM added)::int AS added,
             (SELECT count(pg_notify(${NOTIFICATIONS_CHANNEL}, d.user_id::text)) FROM (SELECT DISTINCT user_id FROM added) d)::int AS told`,
  );
  return Number(result?.added ?? 0);
}
