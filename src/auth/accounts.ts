// Accounts: the owner's first setup, sign-in, sessions and API tokens. The only place that turns a
// password or a bearer secret into a user; the API edge calls these and never touches hashes.
import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import {
  adoptOwnerlessProjects,
  anyUserExists,
  deleteExpiredSessions,
  deleteSession,
  findSessionUser,
  findTokenUser,
  findUserByEmail,
  insertSession,
  insertToken,
  insertUser,
  touchToken,
} from "../db/repositories/accounts.js";
import type { UserRow } from "../db/schema.js";
import type { TokenCreated } from "../domain/contract.js";
import { ConflictError } from "../domain/errors.js";
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
  await deleteSession(database.db, secretHash(secret));
}

export async function principalFromSession(database: Database, secret: string, now = new Date()): Promise<Principal | null> {
  const idHash = secretHash(secret);
  const user = await findSessionUser(database.db, idHash, now);
  return user ? { user, credential: { kind: "session", id: idHash } } : null;
}

export async function principalFromToken(database: Database, token: string, now = new Date()): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const found = await findTokenUser(database.db, secretHash(token));
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOKEN_TOUCH_EVERY_MS) {
    await touchToken(database.db, found.tokenId);
  }
  return { user: found.user, credential: { kind: "token", id: found.tokenId } };
}

export async function createApiToken(database: Database, userId: string, name: string): Promise<TokenCreated> {
  const token = newApiToken();
  const view = await insertToken(database.db, { userId, name, prefix: tokenDisplayPrefix(token), tokenHash: secretHash(token) });
  return { ...view, token };
}
