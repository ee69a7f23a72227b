// Reads and writes of projects.
import { and, desc, eq, sql } from "drizzle-orm";
import type { ProjectCreate, ProjectUsageTotals, ProjectView, Role } from "../../domain/contract.js";
import type { Executor } from "../client.js";
import { contextItems, projectMembers, projects, workRequests, workTickets } from "../schema.js";

// Drizzle renders a column inside sql`` without its table ("project_id" = "id"), which in these
// subqueries binds both sides to the inner table and counted 0 for every project: qualify the outer id.
const outerProjectId = sql.raw(`"projects"."id"`);
const ticketCount = sql<number>`(SELECT count(*)::int FROM ${workTickets} WHERE ${workTickets.projectId} = ${outerProjectId})`;
const contextCount = sql<number>`(SELECT count(*)::int FROM ${contextItems} WHERE ${contextItems.projectId} = ${outerProjectId})`;

const columns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  createdAt: projects.createdAt,
  ticketCount,
  contextCount,
  role: projectMembers.role,
  maxRunning: projects.maxRunning,
};

type Row = {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  ticketCount: number;
  contextCount: number;
  role: Role;
  maxRunning: number | null;
};

function view(r: Row): ProjectView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    created_at: r.createdAt.toISOString(),
    ticket_count: Number(r.ticketCount),
    context_count: Number(r.contextCount),
    role: r.role,
    max_running: r.maxRunning,
  };
}

/**
 * A new project owned by `ownerId`. Without an owner (the demo seed of a fresh install) the project
 * waits for the first account, which adopts every ownerless project.
 */
export async function createProject(db: Executor, input: ProjectCreate, ownerId?: string): Promise<ProjectView> {
  // One statement, so a project never exists without the owner who created it.
  const rows: unknown = await db.execute(sql`
    WITH p AS (INSERT INTO projects (name, description) VALUES (${input.name}, ${input.description}) RETURNING id, name, description, created_at),
         m AS (INSERT INTO project_members (project_id, user_id, role)
               SELECT p.id, ${ownerId ?? null}::uuid, 'owner' FROM p WHERE ${ownerId ?? null}::uuid IS NOT NULL)
    SELECT id, name, description, created_at FROM p`);
  const raw = (rows as { rows: { id: string; name: string; description: string; created_at: Date | string }[] }).rows[0];
  if (!raw) throw new Error("project insert returned no row");
  const row = { ...raw, createdAt: new Date(raw.created_at) };
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    created_at: row.createdAt.toISOString(),
    ticket_count: 0,
    context_count: 0,
    role: "owner",
    max_running: null,
  };
}

function memberOf(userId: string) {
  return and(eq(projectMembers.projectId, projects.id), eq(projectMembers.userId, userId));
}

/** The projects `userId` is a member of, with their role in each. */
export async function listProjects(db: Executor, userId: string): Promise<ProjectView[]> {
  const rows = await db.select(columns).from(projects).innerJoin(projectMembers, memberOf(userId)).orderBy(desc(projects.createdAt));
  return rows.map(view);
}

/** The project as `userId` sees it; null when it does not exist or they are not a member. */
export async function getProject(db: Executor, id: string, userId: string): Promise<ProjectView | null> {
  const [row] = await db.select(columns).from(projects).innerJoin(projectMembers, memberOf(userId)).where(eq(projects.id, id));
  return row ? view(row) : null;
}

/** The project's own max_running (null: the server's default); undefined when there is no such project. */
export async function findProjectMaxRunning(db: Executor, id: string): Promise<number | null | undefined> {
  const [row] = await db.select({ maxRunning: projects.maxRunning }).from(projects).where(eq(projects.id, id));
  return row?.maxRunning;
}

/**
 * Deletes the project and, by its foreign keys, everything in it (tickets, events, outputs, context,
 * members, schedules, webhooks, shares) — unless a ticket of it is still pending, running or waiting:
 * then nothing is deleted and `active` says how many. One statement, so the check and the delete see
 * the same tickets. Files go with their rows on the postgres store, and with the orphan sweep elsewhere.
 */
export async function deleteIdleProject(db: Executor, id: string): Promise<{ deleted: boolean; active: number }> {
  const result: unknown = await db.execute(sql`
    WITH active AS (
           SELECT count(*)::int AS n FROM work_tickets
            WHERE project_id = ${id}::uuid AND status IN ('pending', 'running', 'waiting')),
         gone AS (
           DELETE FROM projects WHERE id = ${id}::uuid AND (SELECT n FROM active) = 0 RETURNING id)
    SELECT (SELECT n FROM active) AS active, (SELECT count(*)::int FROM gone) AS deleted`);
  const row = (result as { rows: { active: number; deleted: number }[] }).rows[0];
  if (!row) throw new Error("project delete returned no row");
  return { deleted: Number(row.deleted) > 0, active: Number(row.active) };
}

export async function projectExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  return row !== undefined;
}

/**
 * What the project's tickets spent on models: tokens and known cost summed over its requests (one
 * per ticket), and how many of them called a model at all.
 */
export async function getProjectUsageTotals(db: Executor, projectId: string): Promise<ProjectUsageTotals> {
  const input = sql`COALESCE((${workRequests.usage}->>'input_tokens')::bigint, 0)`;
  const output = sql`COALESCE((${workRequests.usage}->>'output_tokens')::bigint, 0)`;
  const [row] = await db
    .select({
      input: sql<string | number>`COALESCE(sum(${input}), 0)::bigint::text`,
      output: sql<string | number>`COALESCE(sum(${output}), 0)::bigint::text`,
      cost: sql<string | number | null>`sum((${workRequests.usage}->>'cost_usd')::numeric)::text`,
      tickets: sql<number>`count(*) FILTER (WHERE ${input} + ${output} > 0 OR (${workRequests.usage}->>'model') IS NOT NULL)::int`,
    })
    .from(workRequests)
    .where(eq(workRequests.projectId, projectId));
  return {
    input_tokens: Number(row?.input ?? 0),
    output_tokens: Number(row?.output ?? 0),
    cost_usd: row?.cost === null || row?.cost === undefined ? null : Math.round(Number(row.cost) * 1e6) / 1e6,
    tickets: Number(row?.tickets ?? 0),
  };
}
