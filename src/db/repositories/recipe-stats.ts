// A recipe's recent history, read for its stats (src/domain/recipe-stats.ts) and for tickets' ETA:
// the latest finished runs per recipe (through work_tickets_recipe_finished_idx, so the cost does
// not grow with all-time history), the failures a caller may see, and the queue's position and pace.
import { sql, type SQL } from "drizzle-orm";
import type { RunRecord } from "../../domain/recipe-stats.js";
import type { TodoItem } from "../../domain/todos.js";
import type { Executor } from "../client.js";

/** The runs a summary reads per recipe: recent behaviour, not the recipe's whole past. */
export const HISTORY_WINDOW = 200;

interface RunRow {
  slug: string;
  /** Null for a recipe without finished runs (kept, so every recipe has an entry). */
  status: RunRecord["status"] | null;
  duration_ms: string | number | null;
  tokens: string | number | null;
  cost_usd: string | number | null;
  final_todos: TodoItem[] | null;
  version: string | number | null;
}

/** Rows of a raw query; both drivers parse jsonb, and timestamps are read through `new Date()`. */
async function rowsOf<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** The latest finished runs of each recipe (or of one), newest first, keyed by recipe slug (every recipe has an entry). */
export async function readRecentRuns(db: Executor, slug?: string): Promise<Map<string, RunRecord[]>> {
  const only = slug === undefined ? sql`` : sql`WHERE r.slug = ${slug}`;
  const rows = await rowsOf<RunRow>(
    db,
    sql`
    SELECT r.slug, t.status,
           COALESCE((t.metadata->>'execution_time_ms')::float8,
                    EXTRACT(EPOCH FROM (t.finished_at - t.started_at)) * 1000) AS duration_ms,
           NULLIF(COALESCE((q.usage->>'input_tokens')::bigint, 0) + COALESCE((q.usage->>'output_tokens')::bigint, 0), 0) AS tokens,
           (q.usage->>'cost_usd')::float8 AS cost_usd,
           t.metadata->'final_todos' AS final_todos,
           (t.metadata->>'recipe_version')::int AS version
      FROM work_recipes r
      LEFT JOIN LATERAL (
        SELECT w.request_id, w.status, w.started_at, w.finished_at, w.metadata
          FROM work_tickets w
         WHERE w.recipe_slug = r.slug AND w.finished_at IS NOT NULL
         ORDER BY w.finished_at DESC
         LIMIT ${HISTORY_WINDOW}
      ) t ON true
      LEFT JOIN work_requests q ON q.id = t.request_id
      ${only}`,
  );
  const runs = new Map<string, RunRecord[]>();
  for (const row of rows) {
    const list = runs.get(row.slug) ?? [];
    runs.set(row.slug, list);
    if (row.status !== "completed" && row.status !== "failed" && row.status !== "cancelled") continue;
    list.push({
      status: row.status,
      // A ticket cancelled before it started has no run time, whatever its metadata says.
      durationMs: row.status === "cancelled" && num(row.duration_ms) === 0 ? null : num(row.duration_ms),
      tokens: num(row.tokens),
      costUsd: num(row.cost_usd),
      finalTodos: Array.isArray(row.final_todos) ? row.final_todos : null,
      version: num(row.version),
    });
  }
  return runs;
}

export interface RecentFailure {
  ticket_id: string;
  project_id: string;
  finished_at: string;
  error: string;
}

/** A recipe's latest failures in the projects `userId` belongs to: errors can quote a project's data. */
export async function readRecentFailures(db: Executor, slug: string, userId: string, limit = 5): Promise<RecentFailure[]> {
  const rows = await rowsOf<{ id: string; project_id: string; finished_at: string | Date; error: string | null }>(
    db,
    sql`
    SELECT t.id, t.project_id, t.finished_at, t.metadata->>'error_message' AS error
      FROM work_tickets t
      JOIN project_members m ON m.project_id = t.project_id AND m.user_id = ${userId}
     WHERE t.recipe_slug = ${slug} AND t.status = 'failed' AND t.finished_at IS NOT NULL
     ORDER BY t.finished_at DESC
     LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    ticket_id: r.id,
    project_id: r.project_id,
    finished_at: new Date(r.finished_at).toISOString(),
    error: r.error ?? "",
  }));
}

export interface QueueState {
  /** Tickets the claim takes before this one (0 = next); null when the ticket is not pending. */
  position: number | null;
  /**
   * Tickets finished in the last ten minutes, per minute: the pace the queue moves at (in a steady
   * queue as many start as finish). Null when none finished: no pace to go by.
   */
  pacePerMinute: number | null;
}

const PACE_WINDOW_MIN = 10;

/**
 * Where a pending ticket stands: the claim takes the oldest pending ticket first
 * (src/engine/sql/claim-tickets.ts). The pace is counted per recipe through the history index, so
 * neither count reads more than the queue ahead and the last ten minutes.
 */
export async function readQueueState(db: Executor, ticketId: string): Promise<QueueState> {
  const [row] = await rowsOf<{ position: string | number; finished: string | number | null }>(
    db,
    sql`
    SELECT (SELECT count(*) FROM work_tickets p
             WHERE p.status = 'pending' AND (p.created_at, p.id) < (me.created_at, me.id)) AS position,
           (SELECT sum(x.n) FROM work_recipes r
              CROSS JOIN LATERAL (SELECT count(*) AS n FROM work_tickets w
                                   WHERE w.recipe_slug = r.slug
                                     AND w.finished_at > now() - make_interval(mins => ${PACE_WINDOW_MIN})) x) AS finished
      FROM work_tickets me
     WHERE me.id = ${ticketId} AND me.status = 'pending'`,
  );
  if (!row) return { position: null, pacePerMinute: null };
  const finished = Number(row.finished ?? 0);
  return { position: Number(row.position), pacePerMinute: finished === 0 ? null : finished / PACE_WINDOW_MIN };
}
