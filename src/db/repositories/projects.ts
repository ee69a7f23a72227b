// Reads and writes of projects.
import { desc, eq, sql } from "drizzle-orm";
import type { ProjectCreate, ProjectView } from "../../domain/contract.js";
import type { Executor } from "../client.js";
import { contextItems, projects, workTickets } from "../schema.js";

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
};

type Row = { id: string; name: string; description: string; createdAt: Date; ticketCount: number; contextCount: number };

function view(r: Row): ProjectView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    created_at: r.createdAt.toISOString(),
    ticket_count: Number(r.ticketCount),
    context_count: Number(r.contextCount),
  };
}

export async function createProject(db: Executor, input: ProjectCreate): Promise<ProjectView> {
  const [row] = await db.insert(projects).values({ name: input.name, description: input.description }).returning();
  if (!row) throw new Error("project insert returned no row");
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    created_at: row.createdAt.toISOString(),
    ticket_count: 0,
    context_count: 0,
  };
}

export async function listProjects(db: Executor): Promise<ProjectView[]> {
  const rows = await db.select(columns).from(projects).orderBy(desc(projects.createdAt));
  return rows.map(view);
}

export async function getProject(db: Executor, id: string): Promise<ProjectView | null> {
  const [row] = await db.select(columns).from(projects).where(eq(projects.id, id));
  return row ? view(row) : null;
}

export async function projectExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  return row !== undefined;
}
