// Reads and writes of context_items, and full-text search over them (PostgreSQL tsvector; the same
// SQL runs on PGlite). Every query is scoped by project id: one project never sees another's items.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Block, ContextAnalysis, ContextFlag } from "../../domain/context-analysis.js";
import { blocksToMarkdown } from "../../domain/context-markdown.js";
import { searchSnippet } from "../../domain/snippet.js";
import type { ContextFlagView, ContextItemDetail, ContextItemFacts, ContextItemView } from "../../domain/contract.js";
import type { Executor } from "../client.js";
import { contextItems, type ContextItemRow } from "../schema.js";

export interface NewContextItem {
  projectId: string;
  title: string;
  kind: "note" | "file";
  filename?: string | null | undefined;
  mime?: string | null | undefined;
  /** Size of what was submitted (the note's UTF-8 bytes, or the uploaded file's size). */
  bytes: number;
  /** The text as submitted: the note itself, or the text extracted from the file. */
  body: string;
  /** Clean text, structure, facts and flags, computed at ingest (src/agents/ingest/analyse.ts). */
  analysis?: ContextAnalysis | null | undefined;
  /** Internal context is never used in content for customers or the public. */
  internal?: boolean | undefined;
}

/** A context item with its text, as agents read it. */
export interface ContextItemText {
  id: string;
  title: string;
  body: string;
  /** A short excerpt: around the match for search hits, the opening for plain listings. */
  snippet: string;
  /** ts_rank for search hits (higher is better); 0 for plain listings. */
  rank: number;
  createdAt: Date;
  mime: string | null;
  internal: boolean;
  /** Null for items stored before analysis existed; the agent runtime analyses and saves them. */
  analysis: ContextAnalysis | null;
}

/** Saves an item's analysis (for items stored before it, or by an older ANALYSIS_VERSION). */
export async function saveContextAnalysis(db: Executor, itemId: string, analysis: ContextAnalysis): Promise<void> {
  await db.update(contextItems).set({ analysis }).where(eq(contextItems.id, itemId));
}

const textColumns = {
  id: contextItems.id,
  title: contextItems.title,
  body: contextItems.body,
  createdAt: contextItems.createdAt,
  mime: contextItems.mime,
  internal: contextItems.internal,
  analysis: contextItems.analysis,
};

/**
 * Analyses an agent runtime already holds, by item id and row version (xmin: a new one whenever the
 * row is written). With one, the reads below select the rows without their analyses and fetch only
 * the analyses they do not hold: the analysis is the largest column, tens of kB of JSON an item, and
 * a deck read 100 of them per run — ~100 ms (up to 267 ms) on the embedded database's one connection
 * while requests waited (bench/RESULTS.md, issue 14 round 5).
 */
export interface AnalysisCache {
  /** The analysis held for this version of the item's row with this text, if any. */
  get(item: { id: string; version: string; title: string; body: string; mime: string | null }): ContextAnalysis | undefined;
  set(item: { id: string; version: string; title: string; body: string; mime: string | null }, analysis: ContextAnalysis): void;
}

const rowVersion = sql<string>`${contextItems}.xmin::text`;
const { analysis: _analysis, ...headColumns } = textColumns;
const headWithVersion = { ...headColumns, version: rowVersion, analysed: sql<boolean>`(${contextItems.analysis} IS NOT NULL)` };
type Head = Omit<ContextItemText, "snippet" | "rank" | "analysis"> & { version: string; analysed: boolean };
type TextRow = Omit<ContextItemText, "snippet" | "rank">;

/**
 * The rows with their analyses, in the heads' order: held ones from the cache, the others (and any
 * row written since its head was read: re-read whole, so text and analysis are of one version) read
 * in one query. An item deleted in between is left out.
 */
async function withAnalyses(db: Executor, projectId: string, heads: Head[], cache: AnalysisCache): Promise<TextRow[]> {
  const held = new Map<string, ContextAnalysis>();
  const missing: string[] = [];
  for (const head of heads) {
    const analysis = head.analysed ? cache.get(head) : undefined;
    if (analysis) held.set(head.id, analysis);
    else if (head.analysed) missing.push(head.id);
  }
  const read =
    missing.length === 0
      ? []
      : await db
          .select({ ...textColumns, version: rowVersion })
          .from(contextItems)
          .where(and(eq(contextItems.projectId, projectId), inArray(contextItems.id, missing)));
  const readById = new Map(read.map((r) => [r.id, r]));
  const rows: TextRow[] = [];
  for (const head of heads) {
    const { version: _version, analysed: _analysed, ...item } = head;
    const again = readById.get(head.id);
    if (again) {
      const { version, ...row } = again;
      if (row.analysis) cache.set({ ...row, version }, row.analysis);
      rows.push(row);
    } else if (!head.analysed) rows.push({ ...item, analysis: null });
    else if (held.has(head.id)) rows.push({ ...item, analysis: held.get(head.id)! });
    // else: deleted since its head was read
  }
  return rows;
}

const viewColumns = {
  id: contextItems.id,
  projectId: contextItems.projectId,
  title: contextItems.title,
  kind: contextItems.kind,
  filename: contextItems.filename,
  mime: contextItems.mime,
  bytes: contextItems.bytes,
  createdAt: contextItems.createdAt,
  internal: contextItems.internal,
  // Only the flags: a list never pays for the whole analysis (blocks, facts) of every item.
  flags: sql<ContextFlag[] | null>`${contextItems.analysis}->'flags'`,
};

type ViewRow = Pick<ContextItemRow, "id" | "projectId" | "title" | "kind" | "filename" | "mime" | "bytes" | "createdAt" | "internal"> & {
  flags: ContextFlag[] | null;
};

const FLAG_LABELS: Record<ContextFlag["kind"], string> = {
  markup: "markup removed",
  script: "script removed",
  hidden_text: "hidden text removed",
  prompt_injection: "possible prompt injection removed",
  link: "links reduced to their text",
};
const EXCERPT_MAX = 80;

/** One badge per kind of flag, in the order first seen, with the first excerpt and how many there were. */
export function contextFlagViews(flags: readonly ContextFlag[] | null | undefined): ContextFlagView[] {
  const byKind = new Map<ContextFlag["kind"], ContextFlagView>();
  for (const flag of flags ?? []) {
    const seen = byKind.get(flag.kind);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const flat = flag.excerpt.replace(/\s+/g, " ").trim();
    const excerpt = [...flat].length > EXCERPT_MAX ? `${[...flat].slice(0, EXCERPT_MAX - 1).join("")}…` : flat;
    byKind.set(flag.kind, { kind: flag.kind, label: FLAG_LABELS[flag.kind], excerpt, count: 1 });
  }
  return [...byKind.values()];
}

export function contextItemView(row: ViewRow): ContextItemView {
  return {
    id: row.id,
    project_id: row.projectId,
    title: row.title,
    kind: row.kind,
    filename: row.filename,
    mime: row.mime,
    bytes: row.bytes,
    created_at: row.createdAt.toISOString(),
    internal: row.internal,
    flags: contextFlagViews(row.flags),
  };
}

export async function insertContextItem(db: Executor, item: NewContextItem): Promise<ContextItemView> {
  const [row] = await db
    .insert(contextItems)
    .values({
      projectId: item.projectId,
      title: item.title,
      kind: item.kind,
      filename: item.filename ?? null,
      mime: item.mime ?? null,
      bytes: item.bytes,
      body: item.body,
      analysis: item.analysis ?? null,
      internal: item.internal ?? false,
    })
    .returning(viewColumns);
  if (!row) throw new Error("context item insert returned no row");
  return contextItemView(row);
}

/** The project's items, newest first, without their text. */
export async function listContextItems(db: Executor, projectId: string): Promise<ContextItemView[]> {
  const rows = await db
    .select(viewColumns)
    .from(contextItems)
    .where(eq(contextItems.projectId, projectId))
    .orderBy(desc(contextItems.createdAt), desc(contextItems.id));
  return rows.map(contextItemView);
}

/**
 * One item with its text, or null when it does not exist in this project: the clean text agents read
 * (the original until the item is analysed) and the original as submitted.
 */
export async function getContextItem(db: Executor, projectId: string, itemId: string): Promise<ContextItemDetail | null> {
  const [row] = await db
    .select({
      ...viewColumns,
      body: contextItems.body,
      text: sql<string | null>`${contextItems.analysis}->>'text'`,
      blocks: sql<Block[] | null>`${contextItems.analysis}->'blocks'`,
      // The facts without the blocks (the structure repeats the whole text).
      facts: sql<FactsColumns | null>`CASE WHEN ${contextItems.analysis} IS NULL THEN NULL ELSE jsonb_build_object(
        'figures', ${contextItems.analysis}->'figures', 'events', ${contextItems.analysis}->'events',
        'statements', ${contextItems.analysis}->'statements', 'entities', ${contextItems.analysis}->'entities',
        'periods', ${contextItems.analysis}->'periods') END`,
    })
    .from(contextItems)
    .where(and(eq(contextItems.projectId, projectId), eq(contextItems.id, itemId)));
  if (!row) return null;
  return {
    ...contextItemView(row),
    text: row.text ?? row.body,
    original: row.body,
    facts: contextItemFacts(row.facts),
    markdown: row.blocks ? blocksToMarkdown(row.blocks) : null,
  };
}

type FactsColumns = Partial<Pick<ContextAnalysis, "figures" | "events" | "statements" | "entities" | "periods">>;

/** The analysis's facts as the item's page shows them: each figure with its change in words. */
export function contextItemFacts(facts: FactsColumns | null): ContextItemFacts | null {
  if (!facts) return null;
  return {
    figures: (facts.figures ?? []).map((f) => ({
      metric: f.metric,
      value: f.value,
      period: f.period ?? null,
      change: changeText(f.change),
      entity: f.entity ?? null,
      sentence: f.sentence,
    })),
    events: (facts.events ?? []).map((e) => ({ date: e.date, sentence: e.sentence })),
    statements: (facts.statements ?? []).map((s) => ({ kind: s.kind, text: s.text })),
    entities: (facts.entities ?? []).map((e) => ({ name: e.name, kind: e.kind, mentions: e.mentions })),
    periods: facts.periods ?? [],
  };
}

/** "up 18%", "down from 68% to under 55%": the parts the sentence stated, in reading order. */
function changeText(change: ContextAnalysis["figures"][number]["change"]): string | null {
  if (!change) return null;
  const parts = [
    change.direction,
    change.by ? `by ${change.by}` : undefined,
    change.from ? `from ${change.from}` : undefined,
    change.to ? `to ${change.to}` : undefined,
  ].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(" ") : null;
}

export interface ContextItemEdit {
  title?: string | undefined;
  body?: string | undefined;
  internal?: boolean | undefined;
}

/**
 * What an edit may change: a note's title and text (with the analysis made from the new text), and
 * any item's internal flag. `analysis` is required with a new body: the stored analysis must always be
 * of the stored text (undefined keeps it, null clears it for the runtime to redo).
 */
export async function updateContextItem(
  db: Executor,
  projectId: string,
  itemId: string,
  edit: ContextItemEdit & { analysis?: ContextAnalysis | null | undefined },
): Promise<ContextItemView | null> {
  const set: Partial<typeof contextItems.$inferInsert> = {};
  if (edit.title !== undefined) set.title = edit.title;
  if (edit.body !== undefined) {
    if (edit.analysis === undefined) throw new Error("a new body needs its analysis (or null)");
    set.body = edit.body;
    set.bytes = Buffer.byteLength(edit.body);
  }
  if (edit.analysis !== undefined) set.analysis = edit.analysis;
  if (edit.internal !== undefined) set.internal = edit.internal;
  const where = and(eq(contextItems.projectId, projectId), eq(contextItems.id, itemId));
  if (Object.keys(set).length === 0) {
    const [row] = await db.select(viewColumns).from(contextItems).where(where);
    return row ? contextItemView(row) : null;
  }
  const [row] = await db.update(contextItems).set(set).where(where).returning(viewColumns);
  return row ? contextItemView(row) : null;
}

/** Marks the item internal (or not); the item's view, or null when it does not exist in this project. */
export async function setContextItemInternal(
  db: Executor,
  projectId: string,
  itemId: string,
  internal: boolean,
): Promise<ContextItemView | null> {
  const [row] = await db
    .update(contextItems)
    .set({ internal })
    .where(and(eq(contextItems.projectId, projectId), eq(contextItems.id, itemId)))
    .returning(viewColumns);
  return row ? contextItemView(row) : null;
}

/** Deletes the item if it belongs to the project; false when there was nothing to delete. */
export async function deleteContextItem(db: Executor, projectId: string, itemId: string): Promise<boolean> {
  const rows = await db
    .delete(contextItems)
    .where(and(eq(contextItems.projectId, projectId), eq(contextItems.id, itemId)))
    .returning({ id: contextItems.id });
  return rows.length > 0;
}

/** The project's items with their text, newest first (agents that read everything). */
export async function readContextItems(db: Executor, projectId: string, limit = 200, cache?: AnalysisCache): Promise<ContextItemText[]> {
  const newestFirst = [desc(contextItems.createdAt), desc(contextItems.id)];
  const where = eq(contextItems.projectId, projectId);
  const rows = cache
    ? await withAnalyses(
        db,
        projectId,
        await db
          .select(headWithVersion)
          .from(contextItems)
          .where(where)
          .orderBy(...newestFirst)
          .limit(limit),
        cache,
      )
    : await db
        .select(textColumns)
        .from(contextItems)
        .where(where)
        .orderBy(...newestFirst)
        .limit(limit);
  return rows.map((r) => ({ ...r, snippet: opening(r.body), rank: 0 }));
}

const VERSION_LEXEME = String.raw`'(\d+(?:\.\d+)+)'`;
const VERSION_PREFIX = String.raw`'\1':*`;

/**
 * Full-text search within one project, best first. Items matching every word of the query
 * (websearch_to_tsquery: quotes and -exclusions work) rank above items matching only some of them
 * (the same words OR-ed, operators dropped), so "Q3 revenue churn" still finds a note that mentions
 * only churn.
 * The snippet is ts_headline around the matched words, which are wrapped in ** (markdown bold).
 */
export async function searchContext(
  db: Executor,
  projectId: string,
  query: string,
  limit = 10,
  cache?: AnalysisCache,
): Promise<ContextItemText[]> {
  const text = query.trim().slice(0, 1000);
  if (text === "") return [];
  const all = sql`websearch_to_tsquery('english', ${text})`;
  // plainto_tsquery only ever joins lexemes with &, so swapping & for | is a safe "any word" query.
  // A release in the query ("the 3.0 release") also finds the releases it names ("3.0.0", "3.0.1"):
  // the parser keeps a version whole, so "3.0" alone would never match an item that says "3.0.0".
  const any = sql`regexp_replace(replace(plainto_tsquery('english', ${text})::text, '&', '|'), ${VERSION_LEXEME}, ${VERSION_PREFIX}, 'g')::tsquery`;
  const rank = sql<number>`ts_rank(${contextItems.search}, ${any}, 1) + CASE WHEN ${contextItems.search} @@ ${all} THEN 1 ELSE 0 END`;
  // Two steps: rank the matching ids (narrow rows), then read the wide columns — body, the analysis
  // (tens of KB each) — for the top N only; the excerpt is made here (src/domain/snippet.ts), not by
  // ts_headline. One query that selected and headlined everything took 180–480 ms per search on 100
  // items under PGlite, on the thread that also answers HTTP (bench/RESULTS.md, issue 14).
  const top = await db
    .select({ id: contextItems.id, rank })
    .from(contextItems)
    .where(and(eq(contextItems.projectId, projectId), sql`${contextItems.search} @@ ${any}`))
    .orderBy(desc(rank), desc(contextItems.createdAt), desc(contextItems.id))
    .limit(Math.max(1, Math.min(limit, 200)));
  if (top.length === 0) return [];
  const topIds = and(
    eq(contextItems.projectId, projectId),
    inArray(
      contextItems.id,
      top.map((t) => t.id),
    ),
  );
  const rows = cache
    ? await withAnalyses(db, projectId, await db.select(headWithVersion).from(contextItems).where(topIds), cache)
    : await db.select(textColumns).from(contextItems).where(topIds);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return top.flatMap((t) => {
    const row = byId.get(t.id);
    return row ? [{ ...row, snippet: searchSnippet(row.analysis?.text ?? row.body, text), rank: Number(t.rank) }] : [];
  });
}

function opening(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= 200 ? flat : `${flat.slice(0, 200).replace(/\s+\S*$/, "")} …`;
}

/** The named items of one project with their text (for the grounding check of an output's sources). */
export async function readContextItemsById(
  db: Executor,
  projectId: string,
  ids: readonly string[],
  cache?: AnalysisCache,
): Promise<ContextItemText[]> {
  if (ids.length === 0) return [];
  const named = and(eq(contextItems.projectId, projectId), inArray(contextItems.id, [...ids]));
  const rows = cache
    ? await withAnalyses(db, projectId, await db.select(headWithVersion).from(contextItems).where(named), cache)
    : await db.select(textColumns).from(contextItems).where(named);
  return rows.map((r) => ({ ...r, snippet: opening(r.body), rank: 0 }));
}
