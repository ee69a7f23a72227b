// Read models of a project's outputs library (issue 15 item 3): every output of a project newest first,
// filtered and searched, each with its ticket and its place in a lineage — the chain of regenerations
// (`work_tickets.retry_of`) from an original ticket. Lineages are walked with recursive CTEs, up to the
// original and down to every regeneration, on both drivers.
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { LibraryOutput, LibraryPage, LibraryQuery, Lineage } from "../../domain/outputs-library.js";
import type { OutputFormat } from "../../domain/recipe.js";
import type { Executor } from "../client.js";
import { workOutputs, workRecipes, workTickets, type OutputRow } from "../schema.js";

/** Regenerations deeper than this are not followed (a chain is a handful in practice; this bounds a bug). */
const MAX_LINEAGE_DEPTH = 200;

/** Raw SQL results: both drivers put the rows in `.rows`. */
function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export class InvalidLibraryCursorError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const librarySelection = {
  output: workOutputs,
  ticketId: workTickets.id,
  recipeSlug: workTickets.recipeSlug,
  recipeName: workRecipes.name,
  status: workTickets.status,
  ticketCreatedAt: workTickets.createdAt,
  retryOf: workTickets.retryOf,
  projectId: workTickets.projectId,
};

type LibraryRow = {
  output: OutputRow;
  ticketId: string;
  recipeSlug: string;
  recipeName: string;
  status: LibraryOutput["ticket"]["status"];
  ticketCreatedAt: Date;
  retryOf: string | null;
  projectId: string;
};

function libraryOutput(r: LibraryRow, lineage: Lineage): LibraryOutput {
  const o = r.output;
  return {
    id: o.id,
    title: o.title,
    file_format: (o.fileFormat as OutputFormat | null) ?? null,
    mime: o.mime,
    bytes: o.bytes,
    filename: o.filename,
    output_type: o.outputType,
    created_at: o.createdAt.toISOString(),
    ticket: {
      id: r.ticketId,
      recipe_slug: r.recipeSlug,
      recipe_name: r.recipeName,
      status: r.status,
      created_at: r.ticketCreatedAt.toISOString(),
      retry_of: r.retryOf,
    },
    lineage,
  };
}

/** `%`, `_` and `\` match themselves in the ILIKE fallback. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Title search: full-text words (English stemming, so "forecasts" finds "Forecast") or, for a part of
 * a word or a figure ("Q3", "4.2"), a case-insensitive substring. Both run the same on PGlite.
 */
function titleMatches(q: string): SQL {
  return sql`(to_tsvector('english', ${workOutputs.title}) @@ websearch_to_tsquery('english', ${q}) OR ${workOutputs.title} ILIKE ${likePattern(q)} ESCAPE '\\')`;
}

/**
 * A page of the project's outputs, newest first. The cursor is the id of the last output of the
 * previous page; the next page starts strictly after its (created_at, id), compared in SQL so the
 * database's microseconds are never rounded through a JS Date.
 */
export async function listProjectOutputs(db: Executor, projectId: string, q: LibraryQuery): Promise<LibraryPage> {
  const where: (SQL | undefined)[] = [
    eq(workOutputs.projectId, projectId),
    q.recipe ? eq(workTickets.recipeSlug, q.recipe) : undefined,
    q.format === "text" ? isNull(workOutputs.fileFormat) : q.format ? eq(workOutputs.fileFormat, q.format) : undefined,
    q.q ? titleMatches(q.q) : undefined,
  ];
  if (q.cursor) {
    if (!UUID.test(q.cursor)) throw new InvalidLibraryCursorError("cursor is not one this server issued");
    where.push(
      sql`(${workOutputs.createdAt}, ${workOutputs.id}) < (SELECT o.created_at, o.id FROM work_outputs o WHERE o.id = ${q.cursor}::uuid AND o.project_id = ${projectId}::uuid)`,
    );
  }
  const rows = await db
    .select(librarySelection)
    .from(workOutputs)
    .innerJoin(workTickets, eq(workTickets.id, workOutputs.ticketId))
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .where(and(...where))
    .orderBy(desc(workOutputs.createdAt), desc(workOutputs.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const lineages = await lineagesOf(
    db,
    projectId,
    page.map((r) => r.ticketId),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((r) => libraryOutput(r, lineages.get(r.ticketId) ?? { id: r.ticketId, version: 1, versions: 1 })),
    next_cursor: rows.length > q.limit && last ? last.output.id : null,
  };
}

/**
 * Each ticket's lineage: the original it descends from (walking `retry_of` up), and its version among
 * all tickets descending from that original (walking down), counted in order of creation.
 */
export async function lineagesOf(db: Executor, projectId: string, ticketIds: readonly string[]): Promise<Map<string, Lineage>> {
  const result = new Map<string, Lineage>();
  const ids = [...new Set(ticketIds)];
  if (ids.length === 0) return result;
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // Up: the deepest ancestor of each ticket (a missing parent ends the walk where it is).
  const up = rowsOf<{ start_id: string; root_id: string }>(
    await db.execute(sql`
    WITH RECURSIVE up(start_id, id, retry_of, depth) AS (
      SELECT t.id, t.id, t.retry_of, 0 FROM work_tickets t WHERE t.id IN (${idList}) AND t.project_id = ${projectId}::uuid
      UNION ALL
      SELECT up.start_id, p.id, p.retry_of, up.depth + 1
        FROM up JOIN work_tickets p ON p.id = up.retry_of AND p.project_id = ${projectId}::uuid
       WHERE up.depth < ${MAX_LINEAGE_DEPTH}
    )
    SELECT DISTINCT ON (start_id) start_id, id AS root_id FROM up ORDER BY start_id, depth DESC`),
  );
  const rootOf = new Map(up.map((r) => [r.start_id, r.root_id]));
  const roots = [...new Set(rootOf.values())];
  if (roots.length === 0) return result;
  const members = await lineageMembers(db, projectId, roots);
  for (const [ticketId, rootId] of rootOf) {
    const chain = members.get(rootId) ?? [rootId];
    const index = chain.indexOf(ticketId);
    result.set(ticketId, { id: rootId, version: index >= 0 ? index + 1 : 1, versions: Math.max(chain.length, 1) });
  }
  return result;
}

/** Every ticket of each lineage (by its original's id), oldest first. */
async function lineageMembers(db: Executor, projectId: string, roots: readonly string[]): Promise<Map<string, string[]>> {
  const rootList = sql.join(
    roots.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = rowsOf<{ root_id: string; id: string }>(
    await db.execute(sql`
    WITH RECURSIVE down(root_id, id, created_at, depth) AS (
      SELECT t.id, t.id, t.created_at, 0 FROM work_tickets t WHERE t.id IN (${rootList})
      UNION ALL
      SELECT down.root_id, c.id, c.created_at, down.depth + 1
        FROM down JOIN work_tickets c ON c.retry_of = down.id AND c.project_id = ${projectId}::uuid
       WHERE down.depth < ${MAX_LINEAGE_DEPTH}
    )
    SELECT root_id, id FROM down ORDER BY root_id, created_at, id`),
  );
  const members = new Map<string, string[]>();
  for (const r of rows) {
    const list = members.get(r.root_id) ?? [];
    if (!list.includes(r.id)) list.push(r.id);
    members.set(r.root_id, list);
  }
  return members;
}

/** Outputs by id with their ticket, for compare; only those of `projectId`. */
export async function getLibraryOutputs(
  db: Executor,
  projectId: string,
  outputIds: readonly string[],
): Promise<{ row: OutputRow; view: LibraryOutput }[]> {
  if (outputIds.length === 0) return [];
  const rows = await db
    .select(librarySelection)
    .from(workOutputs)
    .innerJoin(workTickets, eq(workTickets.id, workOutputs.ticketId))
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .where(and(eq(workOutputs.projectId, projectId), inArray(workOutputs.id, [...outputIds])));
  const lineages = await lineagesOf(
    db,
    projectId,
    rows.map((r) => r.ticketId),
  );
  return rows.map((r) => ({
    row: r.output,
    view: libraryOutput(r, lineages.get(r.ticketId) ?? { id: r.ticketId, version: 1, versions: 1 }),
  }));
}

/** The project an output belongs to (through its ticket), or null. */
export async function projectOfOutput(db: Executor, outputId: string): Promise<string | null> {
  const [row] = await db
    .select({ projectId: workTickets.projectId })
    .from(workOutputs)
    .innerJoin(workTickets, eq(workTickets.id, workOutputs.ticketId))
    .where(eq(workOutputs.id, outputId));
  return row?.projectId ?? null;
}

/** Every output of the lineage that holds `ticketId`, newest first. */
export async function listLineageOutputs(db: Executor, projectId: string, ticketId: string): Promise<LibraryOutput[]> {
  const lineage = (await lineagesOf(db, projectId, [ticketId])).get(ticketId);
  if (!lineage) return [];
  const tickets = (await lineageMembers(db, projectId, [lineage.id])).get(lineage.id) ?? [lineage.id];
  const rows = await db
    .select(librarySelection)
    .from(workOutputs)
    .innerJoin(workTickets, eq(workTickets.id, workOutputs.ticketId))
    .innerJoin(workRecipes, eq(workRecipes.slug, workTickets.recipeSlug))
    .where(and(eq(workOutputs.projectId, projectId), inArray(workOutputs.ticketId, tickets)))
    .orderBy(desc(workOutputs.createdAt), desc(workOutputs.id));
  return rows.map((r) => libraryOutput(r, { id: lineage.id, version: tickets.indexOf(r.ticketId) + 1, versions: tickets.length }));
}
