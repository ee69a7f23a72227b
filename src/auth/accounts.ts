// Accounts: the owner's first setup, sign-in, sessions and API tokens. The only place that turns a
// password or a bearer secret into a user; the API edge calls these and never touches hashes.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import {
  adoptOwnerlessProjects,
  anyUserExists,
  deleteExpiredSessions,
  deleteSession,
  findSession,
  findTokenUser,
  findUserByEmail,
  insertSession,
  insertToken,
  insertUser,
  revokeToken,
  touchToken,
} from "../db/repositories/accounts.js";
import type { UserRow } from "../db/schema.js";
import type { TokenCreated } from "../domain/contract.js";
import { ConflictError } from "../domain/errors.js";
import { evictPrincipals, type PrincipalCache } from "./principal-cache.js";
import { decoyHash, hashPassword, verifyPassword } from "./passwords.js";
import { newApiToken, newSessionSecret, secretHash, TOKEN_PREFIX, tokenDisplayPrefix } from "./secrets.js";

export type { UserRow };

/** Who is calling, and through what: a browser session or an API token. */
export interface Principal {
  user: UserRow;
  /** Stable per credential: rate limits and stream caps count per session / per token. */
  credential: { kind: "session" | "token"; id: string };
}

const OWNER_EXISTS = "This install already has its owner account; sign in instead.";
const SETUP_LOCK_KEY = 7_734_002; // arbitrary, constant: "worksmith first account"
/** A token's last use is written at most this often, so authenticated reads do not all write. */
const TOKEN_TOUCH_EVERY_MS = 60_000;

export interface NewAccount {
  email: string;
  name: string;
  password: string;
}

/**
 * The install's first account: the administrator, owner of every project that exists so far. Refused
 * (409) once any account exists — two browsers racing the setup page get one owner, not two.
 */
export async function createOwnerAccount(database: Database, input: NewAccount): Promise<UserRow> {
  // The setup route is public: refuse before paying for a hash (~90 ms, 32 MiB) once an owner exists.
  if (!(await needsOwnerAccount(database))) throw new ConflictError(OWNER_EXISTS);
  const passwordHash = await hashPassword(input.password);
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SETUP_LOCK_KEY})`);
    if (await anyUserExists(tx)) throw new ConflictError(OWNER_EXISTS);
    const user = await insertUser(tx, { email: input.email, name: input.name, passwordHash, isAdmin: true });
    if (!user) throw new ConflictError("An account with this email already exists.");
    await adoptOwnerlessProjects(tx, user.id);
    return user;
  });
}

/** Another account, created by the administrator (or the CLI). */
export async function createAccount(database: Database, input: NewAccount, options: { isAdmin?: boolean } = {}): Promise<UserRow> {
  const user = await insertUser(database.db, {
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    isAdmin: options.isAdmin ?? false,
  });
  if (!user) throw new ConflictError("An account with this email already exists.");
  return user;
}

export async function needsOwnerAccount(database: Database): Promise<boolean> {
  return !(await anyUserExists(database.db));
}

/** The user whose email and password these are, or null; a wrong email costs as much time as a wrong password. */
export async function checkCredentials(database: Database, email: string, password: string): Promise<UserRow | null> {
  const user = await findUserByEmail(database.db, email.trim().toLowerCase());
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  return user && ok ? user : null;
}

export async function startSession(database: Database, userId: string, ttlMs: number, now = new Date()): Promise<string> {
  // Sign-ins are rare; sweeping expired sessions here keeps the table small without a timer.
  await deleteExpiredSessions(database.db, now);
  const secret = newSessionSecret();
  await insertSession(database.db, { idHash: secretHash(secret), userId, expiresAt: new Date(now.getTime() + ttlMs) });
  return secret;
}

export async function endSession(database: Database, secret: string): Promise<void> {
  const idHash = secretHash(secret);
  await deleteSession(database.db, idHash);
  evictPrincipals(database, `session:${idHash}`);
}

/** Revokes one of the user's tokens; false when it is not theirs or already revoked. */
export async function revokeApiToken(database: Database, userId: string, tokenId: string): Promise<boolean> {
  const revoked = await revokeToken(database.db, userId, tokenId);
  if (revoked) evictPrincipals(database, `token:${tokenId}`);
  return revoked;
}

/**
 * The session's principal. With `cache`, a session seen within its window is not looked up again
 * (never past the session's own expiry; logout evicts it everywhere — src/auth/principal-cache.ts).
 */
export async function principalFromSession(
  database: Database,
  secret: string,
  now = new Date(),
  cache?: PrincipalCache,
): Promise<Principal | null> {
  const idHash = secretHash(secret);
  const key = `s:${idHash}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const found = await findSession(database.db, idHash, now);
  if (!found) return null;
  const principal: Principal = { user: found.user, credential: { kind: "session", id: idHash } };
  cache?.set(key, principal, found.expiresAt);
  return principal;
}

/** The token's principal; with `cache`, reused within its window (revocation evicts it everywhere). */
export async function principalFromToken(
  database: Database,
  token: string,
  now = new Date(),
  cache?: PrincipalCache,
): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = secretHash(token);
  const key = `t:${hash}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const found = await findTokenUser(database.db, hash);
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOKEN_TOUCH_EVERY_MS) {
    await touchToken(database.db, found.tokenId);
  }
  const principal: Principal = { user: found.user, credential: { kind: "token", id: found.tokenId } };
  cache?.set(key, principal);
  return principal;
}

export async function createApiToken(database: Database, userId: string, name: string): Promise<TokenCreated> {
  const token = newApiToken();
  const view = await insertToken(database.db, { userId, name, prefix: tokenDisplayPrefix(token), tokenHash: secretHash(token) });
  return { ...view, token };
}
