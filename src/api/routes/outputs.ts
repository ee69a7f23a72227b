// A ticket's own outputs, with signed, expiring download links, and the download route itself.
// The link's token names an output id and an expiry under an HMAC; the file is found through the
// output's row (its stored key), so nothing a user sends ever becomes a filesystem path.
import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { listOutputs, outputView } from "../../db/repositories/tickets.js";
import { workOutputs, type OutputRow } from "../../db/schema.js";
import { OutputView } from "../../domain/contract.js";
import { NotFoundError } from "../../domain/errors.js";
import { signDownload, verifyDownload, type FileStore, type StoredObject } from "../../storage/index.js";
import { requireOutputRole, requireTicketRole } from "../access.js";
import { chooseRange } from "../byte-range.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { ProblemError } from "../problem.js";
import { registerLibraryRoutes } from "./outputs-library.js";
import { registerShareRoutes } from "./shares.js";

export interface OutputRouteDeps extends Pick<ApiDeps, "database"> {
  store: FileStore;
  secret: string;
  /** Lifetime of a download link in seconds. */
  downloadTtlS: number;
  now?: () => Date;
}

const list = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}/outputs",
  tags: ["outputs"],
  summary: "This ticket's outputs, with signed download links for files",
  request: { params: IdParam },
  responses: {
    200: { description: "Outputs, oldest first", content: { "application/json": { schema: z.object({ items: z.array(OutputView) }) } } },
    404: errorResponses[404],
  },
});

const download = createRoute({
  method: "get",
  path: "/api/downloads/{token}",
  tags: ["outputs"],
  summary: "Download an output's file through a signed link (the caller must also be a member of its project)",
  request: { params: z.object({ token: z.string().min(1).max(600) }) },
  responses: {
    200: { description: "The file, with its content type and a filename", content: { "application/octet-stream": { schema: z.string() } } },
    206: {
      description: "One byte range of the file (Range; If-Range with the ETag)",
      content: { "application/octet-stream": { schema: z.string() } },
    },
    403: { description: "The link was tampered with or has expired", content: problemContent },
    416: { description: "The range starts past the end of the file (Content-Range: bytes */size)" },
    404: errorResponses[404],
  },
});

export function registerOutputRoutes(app: Api, deps: OutputRouteDeps): void {
  const db = deps.database.db;
  const now = deps.now ?? (() => new Date());
  // The project's library, compare and share links read the same rows and files (issue 15).
  registerLibraryRoutes(app, deps);
  registerShareRoutes(app, deps);

  app.openapi(list, async (c) => {
    const id = requireUuid("ticket", c.req.valid("param").id);
    await requireTicketRole(db, principalOf(c), id, "read");
    const expiresAt = new Date(now().getTime() + deps.downloadTtlS * 1000);
    const items = (await listOutputs(db, id)).map((row) => {
      const v = outputView(row);
      if (!row.fileKey) return { ...v, download_url: null, download_expires_at: null };
      const token = signDownload(deps.secret, { outputId: row.id, expiresAt });
      return { ...v, download_url: `/api/downloads/${token}`, download_expires_at: expiresAt.toISOString() };
    });
    return c.json({ items }, 200);
  });

  app.openapi(download, async (c) => {
    const check = verifyDownload(deps.secret, c.req.valid("param").token, now());
    if (!check.ok) {
      throw new ProblemError(
        403,
        "Forbidden",
        check.reason === "expired"
          ? "This download link has expired; fetch the outputs again for a fresh one."
          : "This download link is not valid.",
      );
    }
    // The link proves the server handed it out and when it expires; membership proves this caller
    // may still read the project — a link forwarded to, or kept by, a non-member opens nothing.
    await requireOutputRole(db, principalOf(c), check.outputId);
    const [row] = await db.select().from(workOutputs).where(eq(workOutputs.id, check.outputId));
    const file = row?.fileKey ? await deps.store.get(row.fileKey) : null;
    if (!row || !file) throw new NotFoundError("file of output", check.outputId);
    return fileResponse(row, file, c.req.raw.headers);
  });
}

/**
 * An output's file as a download: its type, length and name, never cached or sniffed; one byte range
 * when asked (206, or 416 past the end) with the ETag as the validator a resumed download sends back
 * in If-Range. The body streams from the store, whichever it is, a range at a time.
 */
export function fileResponse(
  row: Pick<OutputRow, "filename" | "fileFormat" | "mime">,
  file: StoredObject,
  request: Headers,
  extraHeaders: Record<string, string> = {},
): Response {
  const filename = row.filename ?? `output.${row.fileFormat ?? "bin"}`;
  const headers: Record<string, string> = {
    "content-type": row.mime ?? "application/octet-stream",
    "content-disposition": contentDisposition(filename),
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
    etag: file.etag,
    ...extraHeaders,
  };
  const range = chooseRange(request.get("range"), request.get("if-range"), file.bytes, file.etag);
  if (range.kind === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${file.bytes}` } });
  }
  if (range.kind === "partial") {
    return new Response(file.stream({ start: range.start, end: range.end }), {
      status: 206,
      headers: {
        ...headers,
        "content-length": String(range.end - range.start + 1),
        "content-range": `bytes ${range.start}-${range.end}/${file.bytes}`,
      },
    });
  }
  return new Response(file.stream(), { status: 200, headers: { ...headers, "content-length": String(file.bytes) } });
}

/** RFC 6266 attachment with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
