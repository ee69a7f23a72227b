// Read-only share links to one ticket's outputs (issue 15 item 5). Members and owners create and revoke
// them; anybody holding a link reads, without an account, the recipe's name and the outputs — never the
// project, its context, its other tickets or its people. The link's secret is the credential: only its
// SHA-256 is stored, and files download through signed links scoped to the share (checked on each use).
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { secretHash } from "../../auth/secrets.js";
import { findShareByHash, insertShare, listShares, revokeShare, shareState, shareView } from "../../db/repositories/shares.js";
import { listOutputs } from "../../db/repositories/tickets.js";
import { workOutputs } from "../../db/schema.js";
import { NotFoundError } from "../../domain/errors.js";
import { ShareCreate, ShareCreated, SharedTicket, ShareView, type SharedOutput } from "../../domain/outputs-library.js";
import { signDownload, verifyDownload, type FileStore } from "../../storage/index.js";
import { requireTicketRole } from "../access.js";
import { credentialKey, principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { RateLimiter } from "../limits.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { ProblemError } from "../problem.js";
import { fileResponse } from "./outputs.js";
import { randomBytes } from "node:crypto";

export interface ShareRouteDeps extends Pick<ApiDeps, "database"> {
  store: FileStore;
  secret: string;
  /** Lifetime of a download link in seconds (a share's links never outlive the share). */
  downloadTtlS: number;
  now?: () => Date;
}

export const SHARE_TOKEN_PREFIX = "wss_";
const SHARE_TOKEN = /^wss_[A-Za-z0-9_-]{43}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** 60 links an hour per session or token: generous for people, a wall for a script gone wrong. */
const CREATES_PER_HOUR = 60;
/** Reads of share pages per client address: a page and its downloads are a handful of requests. */
const READS_PER_MINUTE = 300;

const TokenParam = z.object({ token: z.string().min(1).max(200) });

const create = createRoute({
  method: "post",
  path: "/api/work/tickets/{id}/shares",
  tags: ["shares"],
  summary: "Create a read-only link to this ticket's outputs that works without an account (members and owners)",
  request: { params: IdParam, body: { content: { "application/json": { schema: ShareCreate } }, required: true } },
  responses: {
    201: { description: "The link; its token is shown only now", content: { "application/json": { schema: ShareCreated } } },
    403: errorResponses[403],
    404: errorResponses[404],
    422: errorResponses[422],
    429: { description: "Too many links created", content: problemContent },
  },
});

const list = createRoute({
  method: "get",
  path: "/api/work/tickets/{id}/shares",
  tags: ["shares"],
  summary: "This ticket's share links (active, expired and revoked), newest first",
  request: { params: IdParam },
  responses: {
    200: {
      description: "Share links, without their tokens",
      content: { "application/json": { schema: z.object({ items: z.array(ShareView) }) } },
    },
    404: errorResponses[404],
  },
});

const revoke = createRoute({
  method: "delete",
  path: "/api/work/tickets/{id}/shares/{shareId}",
  tags: ["shares"],
  summary: "Revoke a share link at once (members and owners)",
  request: { params: IdParam.extend({ shareId: z.string().min(1).max(200) }) },
  responses: {
    204: { description: "Revoked (or already revoked)" },
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const view = createRoute({
  method: "get",
  path: "/api/share/{token}",
  tags: ["shares"],
  summary: "What a share link shows, without an account: the recipe and the ticket's outputs with download links",
  security: [],
  request: { params: TokenParam },
  responses: {
    200: { description: "The shared outputs", content: { "application/json": { schema: SharedTicket } } },
    404: errorResponses[404],
    410: { description: "The link has expired or was revoked", content: problemContent },
    429: { description: "Too many requests from this address", content: problemContent },
  },
});

const download = createRoute({
  method: "get",
  path: "/api/share/{token}/files/{download}",
  tags: ["shares"],
  summary: "Download a shared output's file (a signed link handed out by the share, valid while the share is)",
  security: [],
  request: { params: TokenParam.extend({ download: z.string().min(1).max(600) }) },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.string() } } },
    403: { description: "The download link was tampered with or has expired", content: problemContent },
    404: errorResponses[404],
    410: { description: "The share has expired or was revoked", content: problemContent },
  },
});

function newShareToken(): string {
  return SHARE_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The TCP peer on @hono/node-server; "local" for in-process requests (tests). */
function clientAddress(c: Context<AppEnv>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}

const shareUrl = (token: string) => `/share/${token}`;
const sharePath = (token: string) => `/api/share/${token}`;

export function registerShareRoutes(app: Api, deps: ShareRouteDeps): void {
  const db = deps.database.db;
  const now = deps.now ?? (() => new Date());
  const creates = new RateLimiter(CREATES_PER_HOUR, 60 * 60 * 1000);
  const reads = new RateLimiter(READS_PER_MINUTE, 60 * 1000);

  app.openapi(create, async (c) => {
    const ticketId = requireUuid("ticket", c.req.valid("param").id);
    const principal = principalOf(c);
    await requireTicketRole(db, principal, ticketId, "work");
    const take = creates.take(credentialKey(principal));
    if (!take.ok) {
      throw new ProblemError(429, "Too many share links", `Try again in ${take.retryAfterS} s.`, undefined, {
        "retry-after": String(take.retryAfterS),
      });
    }
    const token = newShareToken();
    const at = now();
    const row = await insertShare(db, {
      ticketId,
      tokenHash: secretHash(token),
      createdBy: principal.user.id,
      expiresAt: new Date(at.getTime() + c.req.valid("json").expires_in_days * DAY_MS),
    });
    const by = { id: principal.user.id, name: principal.user.name, email: principal.user.email };
    return c.json({ ...shareView(row, by, at), token, url: shareUrl(token) }, 201);
  });

  app.openapi(list, async (c) => {
    const ticketId = requireUuid("ticket", c.req.valid("param").id);
    await requireTicketRole(db, principalOf(c), ticketId, "read");
    return c.json({ items: await listShares(db, ticketId, now()) }, 200);
  });

  app.openapi(revoke, async (c) => {
    const params = c.req.valid("param");
    const ticketId = requireUuid("ticket", params.id);
    const shareId = requireUuid("share", params.shareId);
    await requireTicketRole(db, principalOf(c), ticketId, "work");
    if (!(await revokeShare(db, ticketId, shareId, now()))) throw new NotFoundError("share", shareId);
    return c.body(null, 204);
  });

  /** The active share a token names: 404 for a token nobody issued, 410 once expired or revoked. */
  async function activeShare(c: Context<AppEnv>, token: string) {
    const take = reads.take(clientAddress(c));
    if (!take.ok) {
      throw new ProblemError(429, "Too many requests", `Try again in ${take.retryAfterS} s.`, undefined, {
        "retry-after": String(take.retryAfterS),
      });
    }
    // The error names no id: the token is the only thing the caller sent, and it is not echoed.
    if (!SHARE_TOKEN.test(token)) throw new ProblemError(404, "Not found", "No such share link.");
    const found = await findShareByHash(db, secretHash(token));
    if (!found) throw new ProblemError(404, "Not found", "No such share link.");
    const state = shareState(found.share, now());
    if (state !== "active") {
      throw new ProblemError(
        410,
        "Link no longer available",
        state === "revoked" ? "This share link was revoked." : "This share link has expired.",
      );
    }
    return found;
  }

  app.openapi(view, async (c) => {
    const { token } = c.req.valid("param");
    const found = await activeShare(c, token);
    const at = now();
    // A download link lasts the usual time, but never past the share itself.
    const expiresAt = new Date(Math.min(at.getTime() + deps.downloadTtlS * 1000, found.share.expiresAt.getTime()));
    const outputs: SharedOutput[] = (await listOutputs(db, found.share.ticketId)).map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      file_format: (row.fileFormat as SharedOutput["file_format"]) ?? null,
      mime: row.mime,
      bytes: row.bytes,
      filename: row.filename,
      output_type: row.outputType,
      created_at: row.createdAt.toISOString(),
      download_url: row.fileKey ? `${sharePath(token)}/files/${signDownload(deps.secret, { outputId: row.id, expiresAt })}` : null,
      download_expires_at: row.fileKey ? expiresAt.toISOString() : null,
    }));
    c.header("cache-control", "private, no-store");
    c.header("x-robots-tag", "noindex, nofollow");
    return c.json(
      {
        recipe: found.recipe,
        finished_at: found.finishedAt ? found.finishedAt.toISOString() : null,
        expires_at: found.share.expiresAt.toISOString(),
        outputs,
      },
      200,
    );
  });

  app.openapi(download, async (c) => {
    const params = c.req.valid("param");
    const found = await activeShare(c, params.token);
    const check = verifyDownload(deps.secret, params.download, now());
    if (!check.ok) {
      throw new ProblemError(
        403,
        "Forbidden",
        check.reason === "expired"
          ? "This download link has expired; open the share link again for a fresh one."
          : "This download link is not valid.",
      );
    }
    // The signed link names an output; the share allows only its own ticket's.
    const [row] = await db
      .select()
      .from(workOutputs)
      .where(and(eq(workOutputs.id, check.outputId), eq(workOutputs.ticketId, found.share.ticketId)));
    const file = row?.fileKey ? await deps.store.get(row.fileKey) : null;
    if (!row || !file) throw new ProblemError(404, "Not found", "No such file in this share.");
    return fileResponse(row, file, c.req.raw.headers, { "x-robots-tag": "noindex, nofollow" });
  });
}
