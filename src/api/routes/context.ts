// A project's context: notes (JSON) and uploaded files (multipart) the agents work from.
// Uploads are size-limited before they are read, typed by extension and content, and their text is
// extracted by src/agents/ingest; a refused upload writes nothing. Each item is analysed once, here
// (clean text, facts, flags: src/agents/ingest/analyse.ts), on the agent pool's threads, and stored with its analysis.
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { PoolJobError, sharedAgentPool, type AgentPool } from "../../agents/pool/index.js";
import { extractContextText } from "../../agents/ingest/index.js";
import {
  deleteContextItem,
  getContextItem,
  insertContextItem,
  listContextItems,
  updateContextItem,
  type NewContextItem,
} from "../../db/repositories/context.js";
import { internalByDefault } from "../../domain/audience.js";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { ContextItemDetail, ContextItemUpdate, ContextItemView, ContextNoteCreate } from "../../domain/contract.js";
import { NotFoundError } from "../../domain/errors.js";
import type { Context } from "hono";
import type { ProjectAction } from "../../domain/access.js";
import { requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps, Logger } from "../deps.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { ProblemError, zodFieldErrors } from "../problem.js";

/** Multipart framing around the file: boundaries and part headers. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

const list = createRoute({
  method: "get",
  path: "/api/projects/{id}/context",
  tags: ["context"],
  summary: "The project's context items, newest first",
  request: { params: IdParam },
  responses: {
    200: { description: "Context items", content: { "application/json": { schema: z.object({ items: z.array(ContextItemView) }) } } },
    404: errorResponses[404],
  },
});

const ItemParams = z.object({ id: z.string().max(200), itemId: z.string().max(200) });

const remove = createRoute({
  method: "delete",
  path: "/api/projects/{id}/context/{itemId}",
  tags: ["context"],
  summary: "Remove a context item",
  request: { params: ItemParams },
  responses: { 204: { description: "Removed" }, 403: errorResponses[403], 404: errorResponses[404] },
});

const get = createRoute({
  method: "get",
  path: "/api/projects/{id}/context/{itemId}",
  tags: ["context"],
  summary: "One context item with its text: the clean text agents read and the original as submitted",
  request: { params: ItemParams },
  responses: {
    200: { description: "The item", content: { "application/json": { schema: ContextItemDetail } } },
    404: errorResponses[404],
  },
});

const update = createRoute({
  method: "patch",
  path: "/api/projects/{id}/context/{itemId}",
  tags: ["context"],
  summary:
    "Change an item: internal (never used in content for customers or the public) or not; a note's title and text (analysed again). Uploaded files keep their extracted text",
  request: { params: ItemParams, body: { required: true, content: { "application/json": { schema: ContextItemUpdate } } } },
  responses: {
    200: { description: "The item after the change", content: { "application/json": { schema: ContextItemView } } },
    ...errorResponses,
  },
});

const UploadForm = z.object({
  file: z.string().meta({ type: "string", format: "binary", description: "A .md, .txt, .vtt/.srt, .csv, .pdf, .html/.htm or .json file" }),
  title: z.string().max(300).optional().meta({ description: "Title (default: the file name)" }),
  internal: z.enum(["true", "false"]).optional().meta({ description: "`true` marks the item internal" }),
});

/** A multipart form's text field as a boolean: absent → false; anything but true/false/1/0/on/off → 422. */
/** The form field as a boolean; undefined when it is not sent. */
function formBoolean(form: FormData, field: string): boolean | undefined {
  const value = form.get(field);
  if (value === null) return undefined;
  const text = typeof value === "string" ? value.trim().toLowerCase() : null;
  if (text === "true" || text === "1" || text === "on") return true;
  if (text === "false" || text === "0" || text === "off" || text === "") return false;
  throw new ProblemError(422, "Invalid request", `The form field \`${field}\` must be true or false.`, [
    { field, message: "must be true or false" },
  ]);
}

/** An optional multipart title: trimmed, non-empty, at most 300 characters, no NUL. */
function formTitle(form: FormData): string | null {
  const value = form.get("title");
  if (value === null) return null;
  const title = ContextNoteCreate.shape.title.safeParse(typeof value === "string" ? value : null);
  if (!title.success) throw new ProblemError(422, "Invalid request", "The title is invalid.", zodFieldErrors(title.error, "title"));
  return title.data;
}

export interface ContextRouteDeps extends Pick<ApiDeps, "database" | "config"> {
  logger?: Logger | undefined;
  /** Where items are analysed (default: the process's shared pool). */
  pool?: AgentPool | undefined;
}

export function registerContextRoutes(app: Api, deps: ContextRouteDeps): void {
  const db = deps.database.db;
  const maxBytes = deps.config.maxUploadBytes;

  async function requireProject(c: Context<AppEnv>, raw: string, action: ProjectAction): Promise<string> {
    const id = requireUuid("project", raw);
    await requireProjectRole(db, principalOf(c), id, action);
    return id;
  }

  app.openapi(list, async (c) => {
    const id = await requireProject(c, c.req.valid("param").id, "read");
    return c.json({ items: await listContextItems(db, id) }, 200);
  });

  /**
   * The item's analysis, computed once at ingest. Should the analyser throw on some input, the item is
   * still stored (without analysis) and the agent runtime analyses it again when it reads it. A job that
   * crashes its thread, runs out of memory or overruns the timeout refuses the item (422): nothing stored.
   */
  async function analyse(item: Pick<NewContextItem, "title" | "body" | "mime">): Promise<ContextAnalysis | null> {
    try {
      return await (deps.pool ?? sharedAgentPool()).run("analyse-item", { title: item.title, body: item.body, mime: item.mime ?? null });
    } catch (err) {
      if (err instanceof PoolJobError && err.failure !== "error") {
        deps.logger?.warn({ err: err.message, title: item.title.slice(0, 80) }, "context analysis stopped; item refused");
        throw new ProblemError(422, "Context item not analysable", `${err.message} Nothing was stored.`);
      }
      deps.logger?.warn({ err, title: item.title.slice(0, 80) }, "context analysis failed; stored without it");
      return null;
    }
  }

  /** Stored with its analysis; `internal` not given, the analysis says (a chat export is internal). */
  async function store(item: NewContextItem): Promise<ContextItemView> {
    const analysis = await analyse(item);
    return insertContextItem(db, { ...item, internal: item.internal ?? internalByDefault(analysis), analysis });
  }

  app.openapi(get, async (c) => {
    const { id, itemId } = c.req.valid("param");
    const projectId = await requireProject(c, id, "read");
    const item = await getContextItem(db, projectId, requireUuid("context item", itemId));
    if (!item) throw new NotFoundError("context item", itemId);
    return c.json(item, 200);
  });

  app.openapi(update, async (c) => {
    const { id, itemId } = c.req.valid("param");
    const edit = c.req.valid("json");
    const projectId = await requireProject(c, id, "work");
    const uuid = requireUuid("context item", itemId);
    if (edit.title === undefined && edit.body === undefined) {
      const item = await updateContextItem(db, projectId, uuid, { internal: edit.internal });
      if (!item) throw new NotFoundError("context item", itemId);
      return c.json(item, 200);
    }
    const current = await getContextItem(db, projectId, uuid);
    if (!current) throw new NotFoundError("context item", itemId);
    if (current.kind === "file") {
      const fields = (["title", "body"] as const).filter((f) => edit[f] !== undefined);
      throw new ProblemError(
        422,
        "Uploaded files cannot be edited",
        "An uploaded file keeps the text extracted from it; upload a corrected file instead (internal may still be changed).",
        fields.map((field) => ({ field, message: "uploaded files cannot be edited" })),
      );
    }
    // The stored analysis is always of the stored text: the note is analysed again (also for a new
    // title, which the analysis reads), and written with the body it was made from.
    const title = edit.title ?? current.title;
    const body = edit.body ?? current.original;
    const analysis = await analyse({ title, body, mime: current.mime });
    const item = await updateContextItem(db, projectId, uuid, { title, body, internal: edit.internal, analysis });
    if (!item) throw new NotFoundError("context item", itemId);
    return c.json(item, 200);
  });

  app.openapi(remove, async (c) => {
    const { id, itemId } = c.req.valid("param");
    const projectId = await requireProject(c, id, "work");
    if (!(await deleteContextItem(db, projectId, requireUuid("context item", itemId)))) throw new NotFoundError("context item", itemId);
    return c.body(null, 204);
  });

  // Documented here, handled below: the body is either JSON or multipart, which the generic
  // validator cannot express as one schema; the handler validates each with the same zod schemas.
  app.openAPIRegistry.registerPath({
    method: "post",
    path: "/api/projects/{id}/context",
    tags: ["context"],
    summary: "Add a note (JSON) or upload a file (multipart/form-data, field `file`); optionally internal",
    request: {
      params: IdParam,
      body: {
        required: true,
        content: { "application/json": { schema: ContextNoteCreate }, "multipart/form-data": { schema: UploadForm } },
      },
    },
    responses: {
      201: { description: "The new context item", content: { "application/json": { schema: ContextItemView } } },
      ...errorResponses,
      413: { description: "The file is over the upload limit", content: problemContent },
      415: {
        description:
          "Not a .md, .txt, .vtt/.srt, .csv, .pdf, .html/.htm or .json file, or content that is not what its name says (a .json that is a web page)",
        content: problemContent,
      },
    },
  });

  app.post(
    "/api/projects/:id/context",
    bodyLimit({
      maxSize: maxBytes + MULTIPART_OVERHEAD_BYTES,
      onError: () => {
        throw new ProblemError(413, "Payload too large", `Uploads are limited to ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      },
    }),
    async (c) => {
      const projectId = await requireProject(c, c.req.param("id"), "work");
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("multipart/form-data")) {
        const form = await c.req.formData().catch(() => {
          throw new ProblemError(400, "Bad request", "The multipart body could not be read.");
        });
        const file = form.get("file");
        if (!(file instanceof File)) {
          throw new ProblemError(422, "Invalid request", "Send the file in a form field named `file`.", [
            { field: "file", message: "a file is required" },
          ]);
        }
        const internal = formBoolean(form, "internal");
        const title = formTitle(form);
        const extracted = await extractContextText(
          { filename: file.name, mime: file.type, bytes: Buffer.from(await file.arrayBuffer()) },
          { maxBytes },
        );
        const item = await store({
          projectId,
          title: title ?? extracted.title,
          kind: "file",
          filename: extracted.filename,
          mime: extracted.mime,
          bytes: file.size,
          body: extracted.body,
          internal,
        });
        return c.json(item, 201);
      }
      if (!type.startsWith("application/json")) {
        throw new ProblemError(
          415,
          "Unsupported media type",
          "Send a JSON note {title, body} or a multipart/form-data upload with a `file` field.",
        );
      }
      let json: unknown;
      try {
        json = await c.req.json();
      } catch {
        throw new ProblemError(400, "Malformed JSON", "The request body is not valid JSON.");
      }
      const note = ContextNoteCreate.safeParse(json);
      if (!note.success) throw new ProblemError(422, "Invalid request", "The note is invalid.", zodFieldErrors(note.error));
      const item = await store({
        projectId,
        title: note.data.title,
        kind: "note",
        mime: "text/markdown",
        bytes: Buffer.byteLength(note.data.body),
        body: note.data.body,
        internal: note.data.internal,
      });
      return c.json(item, 201);
    },
  );
}
