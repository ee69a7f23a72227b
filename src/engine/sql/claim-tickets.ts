// Claiming, in ONE statement = one transaction: the status change, the attempt, the lease (a fresh
// owner token and an expiry from the database's clock), the `running` status events and their
// NOTIFYs commit together or not at all. `FOR UPDATE SKIP LOCKED`: concurrent workers never wait
// on or take the same ticket.
//
// Which tickets (issue 19), `fair` (the default):
// - Projects take turns. A project's n-th ticket in line gets the key (its running tickets + n), and
//   the claim takes the lowest keys across projects — a water-filling round robin: a project with
//   nothing running is served before one with 48 running, however long the latter's backlog.
// - Within a project: answered waiting tickets first (their runs continue where they asked, issue
//   16), then pending ones by priority (high, normal, low), then oldest.
// - A per-project limit (projects.max_running, else the server's default) caps the project's running
//   tickets across every worker: the limit is checked against worksmith_project_running(), which
//   takes the project's claim lock before it counts with a fresh snapshot (see its migration), so
//   two workers can never both see the last free place.
// `fifo`: the oldest across all projects, no limits (what the claim did before; the benchmark's
// baseline).
import { sql, type SQL } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { prepareStatement, runPrepared, type PreparedStatement } from "../../db/prepared.js";
import type { TicketRow } from "../../db/schema.js";
import { insertStatusEventsSql, notifyEventSql } from "../../events/status-events-sql.js";
import { legalFromStatuses, transition } from "../../domain/ticket-status.js";
import { leaseExpirySql } from "../lease.js";
import { fromStatusesSql, queryRows, ticketsFromRows } from "./raw.js";

if (!transition("waiting", "resume").ok || transition("waiting", "claim").ok) {
  throw new Error("claim assumes waiting → running is `resume` (answered tickets only), never a plain claim");
}
// The fair claim's indexes are partial on status = 'pending': that must be the one status a claim takes.
if (legalFromStatuses("claim").join() !== "pending") throw new Error("the fair claim assumes only pending tickets are claimed");

export type ClaimOrder = "fair" | "fifo";

export interface ClaimOptions {
  /** Who holds the lease, for people and logs (lease_owner); the guard is the token drawn here. */
  workerId: string;
  /** Claim at most this many (the worker's free slots). */
  limit: number;
  leaseMs: number;
  /** Default `fair`. */
  order?: ClaimOrder | undefined;
  /** The limit of a project whose max_running is null; null: no limit. */
  defaultMaxRunning?: number | null | undefined;
}

/** Claimed rows: each has a new `leaseToken`; `leaseOf(row)` is its lease. */
export async function claimTickets(exec: Executor, o: ClaimOptions): Promise<TicketRow[]> {
  if (o.limit <= 0) return [];
  const v = claimValues(o);
  return ticketsFromRows(
    await queryRows(exec, claimSql(o.order ?? "fair", { workerId: v.workerId, limit: v.limit, leaseMs: v.leaseMs, cap: v.cap })),
  );
}

export interface PreparedClaimOptions extends ClaimOptions {
  /**
   * Fair order only: try the lone statement first (the previous batch's `lone`). It claims only
   * when one project is queued; when it claims nothing the full fair statement runs after it.
   */
  loneFirst?: boolean | undefined;
}

/**
 * The same claim as a prepared statement (the worker's path): rendered once per order, parsed and
 * planned once per pooled connection. Outside any transaction (it is its own).
 *
 * The fair order has two statements, each a whole claim on its own: the full fair pick, and the
 * lone statement — only its one-project path (the queue's head, taken when one project is queued
 * with no limit and nothing answered is waiting; else nothing). While one project's backlog drains,
 * every claim after the first is the lone statement. Why two: PostgreSQL initialises a plan's every
 * node before it runs any, so the full statement paid for its ~60 nodes on every claim though the
 * one-project path runs a dozen of them — +0.2 ms a claim whatever its size (fifo 0.71 ms, fair
 * 0.93 ms, the lone statement 0.76 ms for claims of one, alternated on one backlog;
 * bench/explain-claim.ts, RESULTS engine round 10), ~8 % of a one-worker drain's rate.
 */
export async function claimTicketsPrepared(database: Database, o: PreparedClaimOptions): Promise<ClaimBatch> {
  if (o.limit <= 0) return { tickets: [], shortMeansEmpty: true, lone: false };
  const order = o.order ?? "fair";
  const values = claimValues(o);
  if (order === "fair" && o.loneFirst) {
    const rows = await runPrepared(database, claimStatement("lone"), values);
    // Claimed: one project was queued, and the head of its line takes every slot it can.
    if (rows.length > 0) return { tickets: ticketsFromRows(rows), shortMeansEmpty: true, lone: true };
    // Nothing: the queue is empty or no longer one project's line — the full pick decides.
  }
  const rows = await runPrepared(database, claimStatement(order), values);
  // fifo, or the fair claim's one-project path, takes every claimable ticket up to the limit.
  const lone = order === "fair" && rows[0]?.lone === true;
  return { tickets: ticketsFromRows(rows), shortMeansEmpty: order === "fifo" || rows.length === 0 || lone, lone };
}

export interface ClaimBatch {
  tickets: TicketRow[];
  /**
   * Whether fewer tickets than the limit means nothing more is claimable now. Not always so for the
   * fair pick over several projects: it reaches into a project's line only as deep as the lowest
   * keys could go, so a quiet project's one ticket can fill a claim alone while a busy project
   * (more running than the limit above the quiet one) still has tickets.
   */
  shortMeansEmpty: boolean;
  /** The fair claim took its one-project path: the next claim may try the lone statement first. */
  lone: boolean;
}

/** `lone`: the fair claim's one-project path alone (claimTicketsPrepared). */
export type ClaimStatementKind = ClaimOrder | "lone";

const statements = new Map<ClaimStatementKind, PreparedStatement>();

/** The claim's prepared statement of `kind` (placeholders workerId, limit, leaseMs, cap); also for bench/explain-claim.ts. */
export function claimStatement(kind: ClaimStatementKind): PreparedStatement {
  let statement = statements.get(kind);
  if (!statement) {
    const p = sql.placeholder;
    statement = prepareStatement(claimSql(kind, { workerId: p("workerId"), limit: p("limit"), leaseMs: p("leaseMs"), cap: p("cap") }));
    statements.set(kind, statement);
  }
  return statement;
}

function claimValues(o: ClaimOptions) {
  return { workerId: o.workerId, limit: o.limit, leaseMs: Math.max(1, Math.round(o.leaseMs)), cap: o.defaultMaxRunning ?? null };
}

/** A statement parameter: a value, or a placeholder of a prepared statement. */
type Param = unknown;
interface ClaimParams {
  workerId: Param;
  limit: Param;
  leaseMs: Param;
  /** The limit of a project whose max_running is null (null: none). */
  cap: Param;
}

/**
 * Makes the claim's own transaction commit without waiting for its WAL flush (set_config's `true`:
 * for this transaction only; read by PostgreSQL when it commits, so setting it anywhere in the
 * statement counts). Why: a transaction that NOTIFYs holds PostgreSQL's one cluster-wide NOTIFY
 * lock from just before its commit until the commit has been flushed, so every NOTIFYing commit —
 * claims, finishes, submits, of every database on the server — queues behind the others' WAL
 * flushes, one at a time, with no group commit. Sampled while 3 workers drained a backlog
 * (RESULTS, engine round 9): claims and finishes spent most of their time waiting for that lock,
 * and a submit waited behind them twice (its own commit, then the claim that took it).
 * What a claim gives up: after a crash of PostgreSQL itself (not of a worker: its commit is in the
 * server's WAL buffers) the last fraction of a second's claims may be lost — those tickets are
 * `pending` again, their runs' next lease extension finds no lease and aborts them, and another
 * claim runs them again: the at-least-once a dead worker's tickets get already. Submits, answers
 * and terminal writes stay synchronous (their callers are told, and they must survive a crash).
 */
const asyncCommitSql = sql`set_config('synchronous_commit', 'off', true) AS async_commit`;

function claimSql(order: ClaimStatementKind, v: ClaimParams): SQL {
  // The limit and the default cap are scalar subqueries, not bare parameters: a custom plan then
  // estimates exactly as the generic one does (LIMIT of an unknown count), so after its five custom
  // plans PostgreSQL keeps the cached generic plan instead of planning the statement again on every
  // claim. As bare parameters every claim was planned afresh (pg_prepared_statements: 0 generic,
  // 1,252 custom over a 20,000 drain) — ~2–3 ms of planning a fair claim, ~0.4 ms a fifo one, which
  // executes in ~1.5 ms (bench/explain-claim.ts; RESULTS, engine round 8).
  const limit = sql`(SELECT ${v.limit}::int)`;
  const cap = sql`(SELECT ${v.cap}::int)`;
  const picked = order === "fifo" ? pickFifo(limit) : order === "lone" ? pickLone(limit, cap) : pickFair(limit, cap);
  // A resumed run keeps its attempt (waiting spends none); a pending ticket's claim counts one.
  // resume_at stays set on a resumed run (it says when it resumed) and is cleared on a fresh claim.
  // Written as a CASE so the planner cannot match it to the partial queue indexes: it must find the
  // picked rows by primary key. As a plain OR it matched them, and with statistics taken while
  // nothing was pending (the usual state, or an ANALYZE in a quiet moment) the planner estimated one
  // claimable row and read EVERY claimable row by a bitmap scan of both indexes to join 16 of them:
  // 19,000 rows and ~60 ms a claim in a 20,000 backlog, until the next autoanalyze.
  const claimable = sql`(CASE t.status WHEN 'waiting' THEN t.resume_at IS NOT NULL ELSE t.status IN ${fromStatusesSql("claim")} END)`;
  return sql`
    WITH RECURSIVE ${picked}, claimed AS (
      UPDATE work_tickets t
      SET status = 'running', attempt = CASE WHEN t.status = 'waiting' THEN t.attempt ELSE t.attempt + 1 END,
          resume_at = CASE WHEN t.status = 'waiting' THEN t.resume_at END,
          lease_owner = ${v.workerId}::text, lease_token = gen_random_uuid(),
          lease_expires_at = ${leaseExpirySql(sql`${v.leaseMs}::int`)}, started_at = COALESCE(t.started_at, now()),
          updated_at = now()
      FROM picked
      -- The ANY is the same condition again, as a primary-key lookup the planner can only take as
      -- one: without it, estimates that think picked large (a generic plan's LIMIT) chose a
      -- sequential scan of work_tickets and a hash join, ~10 ms a claim on 20,000 rows.
      WHERE t.id = picked.id AND t.id = ANY(ARRAY(SELECT id FROM picked)) AND ${claimable}
      RETURNING t.*, picked.previous AS claimed_from
    ), ev AS (
      ${insertStatusEventsSql(
        { rows: sql`claimed c`, ticketId: sql`c.id`, projectId: sql`c.project_id` },
        {
          status: "running",
          previous: sql`c.claimed_from`,
          attempt: sql`c.attempt`,
          reason: sql`CASE WHEN c.claimed_from = 'waiting' THEN 'answered; resuming' END`,
        },
      )}
    )
    SELECT to_jsonb(c) - 'claimed_from' AS ticket, ${notifyEventSql(sql`ev.id`)}, ${asyncCommitSql}${order === "fifo" ? sql`` : sql`, EXISTS (SELECT 1 FROM lone) AS lone`}
    FROM claimed c JOIN ev ON ev.ticket_id = c.id
    ORDER BY ev.id`;
}

/**
 * `picked(id, previous)`, oldest first across projects: `resumable` is read first and `queued` only
 * for the slots left (a WITH query is evaluated only as far as its reader pulls, so `queued` locks
 * no more rows than are claimed). Served by work_tickets_resume_idx and work_tickets_pending_idx.
 */
function pickFifo(limit: SQL): SQL {
  return sql`resumable AS (
      SELECT id, 'waiting'::text AS previous FROM work_tickets
      WHERE status = 'waiting' AND resume_at IS NOT NULL
      ORDER BY resume_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), queued AS (
      SELECT id, 'pending'::text AS previous FROM work_tickets
      WHERE status IN ${fromStatusesSql("claim")}
      ORDER BY created_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), picked AS (
      SELECT * FROM (SELECT * FROM resumable UNION ALL SELECT * FROM queued) p LIMIT ${limit}
    )`;
}

/**
 * `picked(id, previous)`, projects taking turns (see the top of this file).
 * - queued_projects: the projects with pending tickets, by a loose index scan of
 *   work_tickets_project_queue_idx (one probe per project, however long a backlog is);
 * - seen / chosen: each one's running count from the statement's snapshot (work_tickets_running_project_idx),
 *   enough to keep only the projects that can hold one of the `limit` lowest keys, and how deep into
 *   each project's line those keys can reach (so at most that many rows are locked per project);
 * - budget: for a limited project, the count again under its claim lock (fresh), and the room left;
 *   projects are visited in id order so two claims take the locks in one order and never deadlock;
 * - per_project: up to `room` tickets each, in the project's own order, skipping locked rows;
 * - picked: the lowest (running + place in line) keys across projects — or, when one project is
 *   queued with no limit and nothing answered is waiting, that project's line: the queue's head
 *   (head, lone, lone_picked), found by one index scan that is also the pick.
 */
function pickFair(limit: SQL, defaultCap: SQL): SQL {
  const cap = sql`COALESCE(p.max_running, ${defaultCap})`;
  return sql`queued_projects AS (
      (SELECT project_id FROM work_tickets WHERE status = 'pending' ORDER BY project_id LIMIT 1)
      UNION ALL
      SELECT (SELECT t.project_id FROM work_tickets t
              WHERE t.status = 'pending' AND t.project_id > q.project_id ORDER BY t.project_id LIMIT 1)
      FROM queued_projects q WHERE q.project_id IS NOT NULL
    ), candidate_projects AS (
      SELECT project_id FROM queued_projects WHERE project_id IS NOT NULL
      UNION
      SELECT project_id FROM work_tickets WHERE status = 'waiting' AND resume_at IS NOT NULL
    ), seen AS (
      SELECT c.project_id, ${cap} AS cap,
             (SELECT count(*)::int FROM work_tickets r WHERE r.project_id = c.project_id AND r.status = 'running') AS running
      FROM candidate_projects c JOIN projects p ON p.id = c.project_id
    ), eligible AS (
      SELECT * FROM seen WHERE cap IS NULL OR running < cap
    ), chosen AS (
      -- Only projects that can hold one of the lowest keys: running < the fewest running + limit.
      SELECT e.*, m.least_running FROM eligible e, (SELECT min(running) AS least_running FROM eligible) m
      WHERE e.running < m.least_running + ${limit}
    ), budget AS (
      SELECT c.project_id, f.running,
             LEAST(${limit}, c.least_running + ${limit} - f.running, COALESCE(c.cap - f.running, ${limit})) AS room
      FROM (SELECT * FROM chosen ORDER BY project_id) c
      CROSS JOIN LATERAL (
        SELECT CASE WHEN c.cap IS NULL THEN c.running ELSE worksmith_project_running(c.project_id) END AS running
      ) f
    ), per_project AS (
      SELECT b.project_id, b.running, x.id, x.previous, x.at,
             row_number() OVER (PARTITION BY b.project_id ORDER BY x.k, x.priority DESC, x.at) AS place
      FROM budget b CROSS JOIN LATERAL (
        SELECT * FROM (
          SELECT * FROM (
            SELECT id, 'waiting'::text AS previous, 0 AS k, 0::smallint AS priority, resume_at AS at FROM work_tickets
            WHERE status = 'waiting' AND resume_at IS NOT NULL AND project_id = b.project_id
            ORDER BY resume_at LIMIT b.room FOR UPDATE SKIP LOCKED
          ) w
          UNION ALL
          SELECT * FROM (
            SELECT id, 'pending'::text, 1, priority, created_at FROM work_tickets
            WHERE status = 'pending' AND project_id = b.project_id
            -- NULLS LAST as in work_tickets_project_queue_idx: with DESC's default (NULLS FIRST) the
            -- index cannot give the order, and every claim sorted the project's whole backlog.
            ORDER BY priority DESC NULLS LAST, created_at LIMIT b.room FOR UPDATE SKIP LOCKED
          ) q
        ) u LIMIT b.room
      ) x
      WHERE b.room > 0
    ), ${headAndLone(limit, cap)}
    ), lone_picked AS (
      SELECT id, 'pending'::text AS previous FROM head WHERE EXISTS (SELECT 1 FROM lone)
    ), picked AS (
      SELECT id, previous FROM lone_picked
      UNION ALL
      (SELECT id, previous FROM per_project WHERE NOT EXISTS (SELECT 1 FROM lone) ORDER BY running + place, at LIMIT ${limit})
    )`;
}

/** `picked(id, previous)`: the fair claim's one-project path alone (the lone statement) — the head, or nothing. */
function pickLone(limit: SQL, defaultCap: SQL): SQL {
  return sql`${headAndLone(limit, sql`COALESCE(p.max_running, ${defaultCap})`)}
    ), picked AS (
      SELECT id, 'pending'::text AS previous FROM head WHERE EXISTS (SELECT 1 FROM lone)
    )`;
}

/** `head` and `lone`: the queue's head, and its project when the head is the fair pick (one project queued). */
function headAndLone(limit: SQL, cap: SQL): SQL {
  return sql`head AS (
      -- The queue's head in the per-project index's order: the lowest project with a claimable
      -- pending ticket, its line first. One scan from the index's start (past the entries of tickets
      -- already claimed, until vacuum removes them) that is also the fast path's pick.
      -- Its rows are locked as they are read, so a lone statement that then finds a second project
      -- queued and claims nothing still holds a transaction id: its commit would wait for a WAL flush
      -- of its own. The set_config (evaluated for each row read) makes that commit asynchronous too.
      SELECT id, project_id, ${asyncCommitSql} FROM work_tickets
      WHERE status = 'pending'
      ORDER BY project_id, priority DESC NULLS LAST, created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), lone AS (
      -- The fast path: one project queued, no limit on it, no answered ticket waiting anywhere. The
      -- fair pick's turns would give that project every slot in its own order anyway; the head is that
      -- line (no other project has a pending ticket after the head's project, and one before it
      -- would have come first unless every one of its tickets is being claimed — locked — now).
      -- When it does not hold, the fair pick runs and may leave the head's rows (locked by this
      -- statement until it commits); when it does, the fair pick is never evaluated (a false
      -- one-time filter).
      SELECT h.project_id FROM (SELECT project_id FROM head LIMIT 1) h
      JOIN projects p ON p.id = h.project_id
      WHERE ${cap} IS NULL
        -- Ordered scalar probes, not EXISTS (whose ORDER BY the planner drops): one step into the
        -- partial index whatever the statistics say about how many tickets are pending.
        AND (SELECT t.project_id FROM work_tickets t WHERE t.status = 'pending' AND t.project_id > h.project_id
             ORDER BY t.project_id, t.priority DESC NULLS LAST, t.created_at LIMIT 1) IS NULL
        AND (SELECT resume_at FROM work_tickets WHERE status = 'waiting' AND resume_at IS NOT NULL ORDER BY resume_at LIMIT 1) IS NULL`;
}
