// Accounts over HTTP: the fresh install's owner setup, sign-in and out, the caller's API tokens, and
// (administrators) other accounts. Secrets never leave src/auth except a new token, shown once.
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import {
  checkCredentials,
  createAccount,
  createApiToken,
  createOwnerAccount,
  endSession,
  revokeApiToken,
  needsOwnerAccount,
  startSession,
} from "../../auth/accounts.js";
import { listTokens, listUsers, userView } from "../../db/repositories/accounts.js";
import {
  LoginRequest,
  SessionView,
  SetupRequest,
  TokenCreate,
  TokenCreated,
  TokenView,
  UserCreate,
  UserView,
} from "../../domain/contract.js";
import { ForbiddenError, NotFoundError } from "../../domain/errors.js";
import { clearSessionCookie, principalOf, sessionCookieOf, setSessionCookie } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { requireUuid } from "../ids.js";
import { RateLimiter } from "../limits.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";
import { ProblemError } from "../problem.js";

/** Sign-in attempts per email (and client address when known): a burst of 10, then one per 30 s. */
const LOGIN_ATTEMPTS = 10;
const LOGIN_WINDOW_MS = 5 * 60_000;
/**
 * And per client address across emails, so rotating emails does not buy unlimited password hashing
 * (~90 ms of CPU each): 300 per 5 minutes is far above a team behind one NAT signing in.
 */
const LOGIN_ATTEMPTS_PER_ADDRESS = 300;

const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const session = createRoute({
  method: "get",
  path: "/api/auth/session",
  tags: ["auth"],
  summary: "Who is signed in, and whether this install still needs its owner account",
  responses: { 200: { description: "The session", ...json(SessionView) } },
});

const setup = createRoute({
  method: "post",
  path: "/api/auth/setup",
  tags: ["auth"],
  summary: "Create the owner account of a fresh install (only while no account exists); signs in",
  request: { body: { required: true, ...json(SetupRequest) } },
  responses: {
    201: { description: "The owner account; the session cookie is set", ...json(UserView) },
    409: { description: "An account already exists", content: problemContent },
    ...errorResponses,
  },
});

const login = createRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["auth"],
  summary: "Sign in with email and password; sets an httpOnly session cookie",
  request: { body: { required: true, ...json(LoginRequest) } },
  responses: {
    200: { description: "Signed in", ...json(UserView) },
    401: { description: "Wrong email or password", content: problemContent },
    429: { description: "Too many attempts; see Retry-After", content: problemContent },
    422: errorResponses[422],
  },
});

const logout = createRoute({
  method: "post",
  path: "/api/auth/logout",
  tags: ["auth"],
  summary: "Sign out: ends the session",
  responses: { 204: { description: "Signed out" } },
});

const tokensList = createRoute({
  method: "get",
  path: "/api/tokens",
  tags: ["auth"],
  summary: "The caller's API tokens (never the secrets)",
  responses: { 200: { description: "Tokens, newest first", ...json(z.object({ items: z.array(TokenView) })) }, 401: errorResponses[401] },
});

const tokensCreate = createRoute({
  method: "post",
  path: "/api/tokens",
  tags: ["auth"],
  summary: "Create an API token; the answer is the only time its secret is shown",
  request: { body: { required: true, ...json(TokenCreate) } },
  responses: { 201: { description: "The token, with its secret", ...json(TokenCreated) }, ...errorResponses },
});

const tokensRevoke = createRoute({
  method: "delete",
  path: "/api/tokens/{id}",
  tags: ["auth"],
  summary: "Revoke one of the caller's API tokens",
  request: { params: IdParam },
  responses: { 204: { description: "Revoked" }, 401: errorResponses[401], 404: errorResponses[404] },
});

const usersList = createRoute({
  method: "get",
  path: "/api/users",
  tags: ["auth"],
  summary: "Every account (administrators only)",
  responses: {
    200: { description: "Accounts, oldest first", ...json(z.object({ items: z.array(UserView) })) },
    401: errorResponses[401],
    403: errorResponses[403],
  },
});

const usersCreate = createRoute({
  method: "post",
  path: "/api/users",
  tags: ["auth"],
  summary: "Create an account (administrators only); the person then signs in and can be added to projects",
  request: { body: { required: true, ...json(UserCreate) } },
  responses: {
    201: { description: "The account", ...json(UserView) },
    409: { description: "An account with this email exists", content: problemContent },
    ...errorResponses,
  },
});

export function registerAuthRoutes(app: Api, deps: Pick<ApiDeps, "database" | "config">): void {
  const { database, config } = deps;
  const loginLimiter = new RateLimiter(LOGIN_ATTEMPTS, LOGIN_WINDOW_MS);
  const addressLimiter = new RateLimiter(LOGIN_ATTEMPTS_PER_ADDRESS, LOGIN_WINDOW_MS);

  async function signIn(c: Context<AppEnv>, userId: string): Promise<void> {
    setSessionCookie(c, await startSession(database, userId, config.sessionTtlMs), config.sessionTtlMs, config.publicUrl);
  }

  function requireAdmin(c: Context<AppEnv>) {
    const principal = principalOf(c);
    if (!principal.user.isAdmin) throw new ForbiddenError("Only the administrator can manage accounts.");
    return principal;
  }

  app.openapi(session, async (c) => {
    const principal = c.get("principal");
    // Somebody signed in means an account exists: only anonymous visits ask the database.
    const setupRequired = principal ? false : await needsOwnerAccount(database);
    return c.json(
      {
        user: principal ? userView(principal.user) : null,
        setup_required: setupRequired,
        limits: { max_upload_bytes: config.maxUploadBytes },
      },
      200,
    );
  });

  app.openapi(setup, async (c) => {
    const user = await createOwnerAccount(database, c.req.valid("json"));
    await signIn(c, user.id);
    return c.json(userView(user), 201);
  });

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid("json");
    const address = clientAddress(c);
    const perAddress = addressLimiter.take(address);
    const take = perAddress.ok ? loginLimiter.take(`${address}|${email}`) : perAddress;
    if (!take.ok) {
      throw new ProblemError(429, "Too many sign-in attempts", `Wait ${take.retryAfterS} s before trying again.`, undefined, {
        "retry-after": String(take.retryAfterS),
      });
    }
    const user = await checkCredentials(database, email, password);
    if (!user) throw new ProblemError(401, "Wrong email or password", "Check the email and password and try again.");
    await signIn(c, user.id);
    return c.json(userView(user), 200);
  });

  app.openapi(logout, async (c) => {
    const secret = sessionCookieOf(c);
    if (secret) await endSession(database, secret);
    clearSessionCookie(c, config.publicUrl);
    return c.body(null, 204);
  });

  app.openapi(tokensList, async (c) => c.json({ items: await listTokens(database.db, principalOf(c).user.id) }, 200));

  app.openapi(tokensCreate, async (c) => {
    const created = await createApiToken(database, principalOf(c).user.id, c.req.valid("json").name);
    c.header("cache-control", "no-store");
    return c.json(created, 201);
  });

  app.openapi(tokensRevoke, async (c) => {
    const id = requireUuid("token", c.req.valid("param").id);
    if (!(await revokeApiToken(database, principalOf(c).user.id, id))) throw new NotFoundError("token", id);
    return c.body(null, 204);
  });

  app.openapi(usersList, async (c) => {
    requireAdmin(c);
    return c.json({ items: (await listUsers(database.db)).map(userView) }, 200);
  });

  app.openapi(usersCreate, async (c) => {
    requireAdmin(c);
    return c.json(userView(await createAccount(database, c.req.valid("json"))), 201);
  });
}

/** The TCP peer when the server runs on @hono/node-server; absent for in-process requests. */
function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
