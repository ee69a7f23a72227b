// A project's outputs library and the comparison of two outputs of one lineage (issue 15 items 3–4).
// Reading is a viewer's right; an output of a project the caller is not in is a 404 like a missing one.
import { createRoute } from "@hono/zod-openapi";
import { readFileSections } from "../../agents/skills/read-text.js";
import {
  getLibraryOutputs,
  InvalidLibraryCursorError,
  listLineageOutputs,
  listProjectOutputs,
  projectOfOutput,
} from "../../db/repositories/outputs-library.js";
import type { OutputRow } from "../../db/schema.js";
import { NotFoundError, ValidationError } from "../../domain/errors.js";
import {
  CompareQuery,
  Comparison,
  LibraryPage,
  LibraryQuery,
  LineageOutputs,
  type CompareKind,
  type LibraryOutput,
} from "../../domain/outputs-library.js";
import type { OutputFormat } from "../../domain/recipe.js";
import { diffSections, type TextSection } from "../../domain/text-diff.js";
import type { FileStore } from "../../storage/index.js";
import { requireOutputRole, requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, type Api } from "../openapi.js";

export interface LibraryRouteDeps extends Pick<ApiDeps, "database"> {
  store: FileStore;
}

/** Each side's text is cut here before diffing: a comparison is for reading, and diffing is O(N·D). */
const MAX_COMPARE_CHARS = 400_000;

const library = createRoute({
  method: "get",
  path: "/api/projects/{id}/outputs",
  tags: ["outputs"],
  summary:
    "Every output of the project, newest first, with its ticket and lineage (regenerations); filter by recipe and format, search titles",
  request: { params: IdParam, query: LibraryQuery },
  responses: {
    200: { description: "A page of outputs; `next_cursor` fetches the next", content: { "application/json": { schema: LibraryPage } } },
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

const lineage = createRoute({
  method: "get",
  path: "/api/outputs/{id}/lineage",
  tags: ["outputs"],
  summary: "Every output of the lineage this output's ticket belongs to (the original and its regenerations), newest first",
  request: { params: IdParam },
  responses: {
    200: { description: "The lineage's outputs", content: { "application/json": { schema: LineageOutputs } } },
    404: errorResponses[404],
  },
});

const compare = createRoute({
  method: "get",
  path: "/api/outputs/compare",
  tags: ["outputs"],
  summary:
    "Two outputs of one lineage side by side: their texts (markdown, or the file's extracted text) and a line-and-word diff — per slide for decks, per sheet for workbooks",
  request: { query: CompareQuery },
  responses: {
    200: { description: "The two texts and their diff", content: { "application/json": { schema: Comparison } } },
    404: errorResponses[404],
    422: { ...errorResponses[422], description: "The two outputs are not of one lineage, or not of one kind" },
  },
});

export function compareKindOf(format: OutputFormat | null): CompareKind {
  if (format === "pptx") return "slides";
  if (format === "xlsx") return "sheets";
  if (format === "pdf") return "pdf";
  return "markdown";
}

export function registerLibraryRoutes(app: Api, deps: LibraryRouteDeps): void {
  const db = deps.database.db;
  const sections = createSectionReader(deps.store);

  app.openapi(library, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    await requireProjectRole(db, principalOf(c), projectId, "read");
    try {
      return c.json(await listProjectOutputs(db, projectId, c.req.valid("query")), 200);
    } catch (err) {
      if (err instanceof InvalidLibraryCursorError) {
        throw new ValidationError("Invalid cursor", [{ field: "query/cursor", message: err.message }]);
      }
      throw err;
    }
  });

  app.openapi(lineage, async (c) => {
    const outputId = requireUuid("output", c.req.valid("param").id);
    await requireOutputRole(db, principalOf(c), outputId);
    const projectId = await projectOfOutput(db, outputId);
    const [found] = projectId ? await getLibraryOutputs(db, projectId, [outputId]) : [];
    if (!projectId || !found) throw new NotFoundError("output", outputId);
    return c.json({ items: await listLineageOutputs(db, projectId, found.view.ticket.id) }, 200);
  });

  app.openapi(compare, async (c) => {
    const query = c.req.valid("query");
    const baseId = requireUuid("output", query.base);
    const headId = requireUuid("output", query.head);
    const principal = principalOf(c);
    await requireOutputRole(db, principal, baseId);
    await requireOutputRole(db, principal, headId);
    const projectId = await projectOfOutput(db, headId);
    const found = projectId ? await getLibraryOutputs(db, projectId, [baseId, headId]) : [];
    const base = found.find((f) => f.row.id === baseId);
    const head = found.find((f) => f.row.id === headId);
    if (!head) throw new NotFoundError("output", headId);
    if (!base || base.view.lineage.id !== head.view.lineage.id) {
      throw new ValidationError("These outputs are not of one lineage", [
        { field: "query/base", message: "compare two outputs of one ticket and its regenerations (retry / regenerate)" },
      ]);
    }
    const kind = compareKindOf(head.view.file_format);
    if (compareKindOf(base.view.file_format) !== kind) {
      throw new ValidationError("These outputs are not of one kind", [
        {
          field: "query/base",
          message: `a ${base.view.file_format ?? "text"} output cannot be compared with a ${head.view.file_format ?? "text"} output`,
        },
      ]);
    }
    const [baseSections, headSections] = await Promise.all([sections(base.row), sections(head.row)]);
    const diff = diffSections(baseSections, headSections);
    const body: Comparison = {
      kind,
      base: { ...base.view, text: joinSections(baseSections, kind) },
      head: { ...head.view, text: joinSections(headSections, kind) },
      ...diff,
    };
    return c.json(body, 200);
  });
}

function joinSections(sections: readonly TextSection[], kind: CompareKind): string {
  if (kind === "markdown" || kind === "pdf") return sections.map((s) => s.text).join("\n\n");
  return sections.map((s) => `── ${s.label} ──\n${s.text}`).join("\n\n");
}

function cut(sections: TextSection[]): TextSection[] {
  let left = MAX_COMPARE_CHARS;
  return sections.map((s) => {
    const text = s.text.slice(0, Math.max(0, left));
    left -= text.length;
    return { label: s.label, text };
  });
}

/**
 * An output's text in sections. Outputs never change once written, so what a file reads as is kept
 * for the last few outputs asked about: the compare page is opened, then flipped between versions.
 */
function createSectionReader(store: FileStore, keep = 32): (row: OutputRow) => Promise<TextSection[]> {
  const cache = new Map<string, Promise<TextSection[]>>();
  return (row) => {
    const format = (row.fileFormat as OutputFormat | null) ?? null;
    // A markdown output's body is what it says (a markdown file holds the same text).
    if (!row.fileKey || !format || format === "markdown") return Promise.resolve(cut([{ label: "Document", text: row.body }]));
    const key = row.fileKey;
    const hit = cache.get(row.id);
    if (hit) {
      cache.delete(row.id);
      cache.set(row.id, hit);
      return hit;
    }
    const reading = (async () => {
      const file = await store.get(key);
      // A file gone from the store compares as its body (the preview the output was saved with).
      if (!file) return cut([{ label: "Document", text: row.body }]);
      return cut(await readFileSections(format, await file.read()));
    })();
    reading.catch(() => cache.delete(row.id));
    cache.set(row.id, reading);
    while (cache.size > keep) cache.delete(cache.keys().next().value!);
    return reading;
  };
}

export type { LibraryOutput };
