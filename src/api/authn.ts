// Authentication at the edge: every /api request is resolved to a principal (a session cookie from
// the browser, or `Authorization: Bearer` from scripts and the CLI) before any handler runs. Only the
// routes in PUBLIC answer without one. Cookie-authenticated mutations must also prove they come from
// our own pages (Origin / Sec-Fetch-Site), which with SameSite=Lax closes cross-site request forgery.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { principalFromSession, principalFromToken, type Principal } from "../auth/accounts.js";
import { AUTH_CACHE_MS, principalCacheFor } from "../auth/principal-cache.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { AppEnv } from "./env.js";
import { ProblemError } from "./problem.js";

export const SESSION_COOKIE = "worksmith_session";

/** Routes anybody may call: liveness, the API description, and the doors into an account. */
const PUBLIC = new Set([
  "GET /api/health",
  "GET /api/openapi.json",
  "GET /api/auth/session",
  "POST /api/auth/setup",
  "POST /api/auth/login",
  "POST /api/auth/logout",
]);

/** Share links (issue 15): the link's secret in the path is the credential, checked by the route itself. */
const PUBLIC_READ_PREFIX = "/api/share/";

/** HEAD is GET without the body (load balancers probe health with it). */
export function isPublicRoute(method: string, path: string): boolean {
  const m = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  return PUBLIC.has(`${m} ${path}`) || (m === "GET" && path.startsWith(PUBLIC_READ_PREFIX));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AuthnOptions {
  database: Database;
  config: Pick<Config, "publicUrl">;
  /** How long a resolved credential is reused in this process (default AUTH_CACHE_MS; 0 = never). */
  authCacheMs?: number | undefined;
}

export function authenticate(options: AuthnOptions): MiddlewareHandler<AppEnv> {
  const { database } = options;
  const cache = principalCacheFor(database, options.authCacheMs ?? AUTH_CACHE_MS);
  // Listening from the start, so a revocation is heard even before the first credential is cached.
  if (cache.windowMs > 0) void cache.listen();
  const publicHost = options.config.publicUrl ? new URL(options.config.publicUrl).host : null;

  return async (c, next) => {
    const bearer = bearerToken(c.req.header("authorization"));
    const cookie = bearer === null ? getCookie(c, SESSION_COOKIE) : undefined;
    let principal: Principal | null = null;
    if (bearer !== null) {
      principal = await principalFromToken(database, bearer, new Date(), cache);
      // A wrong token is an error even on public routes: a script with a revoked token should hear so.
      if (!principal) throw unauthorized("The bearer token is not valid (revoked or mistyped).");
    } else if (cookie) {
      principal = await principalFromSession(database, cookie, new Date(), cache);
    }
    if (!principal && !isPublicRoute(c.req.method, c.req.path)) {
      throw unauthorized(cookie ? "Your session has expired; sign in again." : "Sign in, or send an API token as `Authorization: Bearer`.");
    }
    // Mutations without a bearer token ride on the cookie the browser attaches by itself.
    if (bearer === null && !SAFE_METHODS.has(c.req.method)) requireSameOrigin(c, publicHost, cookie !== undefined);
    c.set("principal", principal);
    await next();
  };
}

/** The caller of a route behind `authenticate` (always present there). */
export function principalOf(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (!principal) throw unauthorized("Sign in first.");
  return principal;
}

/** The key abuse limits count by: one browser session, or one API token. */
export function credentialKey(p: Principal): string {
  return `${p.credential.kind}:${p.credential.id}`;
}

export function setSessionCookie(c: Context, secret: string, ttlMs: number, publicUrl: string | undefined): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c, publicUrl),
    path: "/",
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string | undefined): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: isHttps(c, publicUrl) });
}

export function sessionCookieOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

function isHttps(c: Context, publicUrl: string | undefined): boolean {
  if (publicUrl?.startsWith("https:")) return true;
  if (c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https") return true;
  return new URL(c.req.url).protocol === "https:";
}

function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("The Authorization header must be `Bearer <token>`.");
  return match[1];
}

/**
 * Browsers send Sec-Fetch-Site and Origin on every POST/PATCH/DELETE; a form or fetch from another
 * site carries that site's origin. A request with neither and no cookie is a script (it has nothing
 * a forger could borrow) and passes. Host, not full origin, is compared: behind a TLS-terminating proxy
 * the server sees http while the browser says https, and a scheme change alone forges nothing.
 */
function requireSameOrigin(c: Context, publicHost: string | null, hasCookie: boolean): void {
  const site = c.req.header("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = c.req.header("origin");
  // No cookie, no Origin, no Sec-Fetch-Site: not a browser and no ambient credential to forge — curl
  // signing in. (Browsers send Origin on every POST/PATCH/DELETE, so a forged sign-in is still refused.)
  if (!hasCookie && origin === undefined && site === undefined) return;
  if (origin && site !== "cross-site" && site !== "same-site") {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host && (host === new URL(c.req.url).host || host === publicHost)) return;
  }
  throw new ProblemError(
    403,
    "Cross-site request refused",
    "Changes with a session cookie must come from Worksmith's own pages; scripts should use an API token (Authorization: Bearer).",
  );
}

function unauthorized(detail: string): ProblemError {
  return new ProblemError(401, "Unauthorized", detail, undefined, { "www-authenticate": 'Bearer realm="worksmith"' });
}
