// Reads and writes of users, sessions, API tokens and project members. Secrets arrive here already
// hashed (src/auth); nothing in this file sees a password or a token.
import { and, asc, count, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { MemberView, Role, TokenView, UserView } from "../../domain/contract.js";
import type { Executor } from "../client.js";
import { apiTokens, projectMembers, sessions, users, workOutputs, workTickets, type UserRow } from "../schema.js";

/**
 * NOTIFY channel of credential revocations; payloads are `token:<id>`, `session:<id hash>`,
 * `user:<id>` or `*`. Processes that cache authenticated principals evict on it (src/auth).
 */
export const AUTH_CHANNEL = "worksmith_auth";

export function userView(u: UserRow): UserView {
  return { id: u.id, email: u.email, name: u.name, is_admin: u.isAdmin, created_at: u.createdAt.toISOString() };
}

/** Whether any account exists (one index probe, not a count of every account). */
export async function anyUserExists(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

export async function insertUser(
  db: Executor,
  input: { email: string; name: string; passwordHash: string; isAdmin: boolean },
): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing({ target: users.email }).returning();
  return row ?? null;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row ?? null;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.createdAt));
}

/** Makes `userId` the owner of every project nobody owns yet (the demo project of a fresh install). */
export async function adoptOwnerlessProjects(db: Executor, userId: string): Promise<number> {
  const result: unknown = await db.execute(sql`
    INSERT INTO project_members (project_id, user_id, role)
    SELECT p.id, ${userId}::uuid, 'owner' FROM projects p
    WHERE NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.role = 'owner')
    ON CONFLICT (project_id, user_id) DO UPDATE SET role = 'owner'
    RETURNING project_id`);
  return (result as { rows: unknown[] }).rows.length;
}

// ── sessions ──

export async function insertSession(db: Executor, input: { idHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insert(sessions).values(input);
}

export async function findSessionUser(db: Executor, idHash: string, now: Date): Promise<UserRow | null> {
  return (await findSession(db, idHash, now))?.user ?? null;
}

/** A live session's user and when the session ends. */
export async function findSession(db: Executor, idHash: string, now: Date): Promise<{ user: UserRow; expiresAt: Date } | null> {
  const [row] = await db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, now)));
  return row ?? null;
}

/** Deletes the session and, on commit, tells every process to forget it (src/auth/principal-cache.ts). */
export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.execute(sql`
    WITH d AS (DELETE FROM sessions WHERE id_hash = ${idHash} RETURNING id_hash)
    SELECT pg_notify(${AUTH_CHANNEL}, 'session:' || d.id_hash) FROM d`);
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} <= ${now.toISOString()}::timestamptz`);
}

// ── API tokens ──

function tokenView(t: typeof apiTokens.$inferSelect): TokenView {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    created_at: t.createdAt.toISOString(),
    last_used_at: t.lastUsedAt?.toISOString() ?? null,
  };
}

export async function insertToken(
  db: Executor,
  input: { userId: string; name: string; prefix: string; tokenHash: string },
): Promise<TokenView> {
  const [row] = await db.insert(apiTokens).values(input).returning();
  if (!row) throw new Error("token insert returned no row");
  return tokenView(row);
}

export async function listTokens(db: Executor, userId: string): Promise<TokenView[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(tokenView);
}

/** Revokes the token and, on commit, tells every process to forget it (src/auth/principal-cache.ts). */
export async function revokeToken(db: Executor, userId: string, tokenId: string): Promise<boolean> {
  const result: unknown = await db.execute(sql`
    WITH r AS (
      UPDATE api_tokens SET revoked_at = now()
      WHERE id = ${tokenId}::uuid AND user_id = ${userId}::uuid AND revoked_at IS NULL
      RETURNING id
    )
    SELECT r.id, pg_notify(${AUTH_CHANNEL}, 'token:' || r.id::text) FROM r`);
  return (result as { rows: unknown[] }).rows.length > 0;
}

export async function findTokenUser(
  db: Executor,
  tokenHash: string,
): Promise<{ tokenId: string; user: UserRow; lastUsedAt: Date | null } | null> {
  const [row] = await db
    .select({ tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

export async function touchToken(db: Executor, tokenId: string): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(eq(apiTokens.id, tokenId));
}

// ── project members ──

export async function findRole(db: Executor, projectId: string, userId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row?.role ?? null;
}

/** Roles of many (project, user) pairs in one query, keyed `projectId|userId` (absent: not a member). */
export async function findRoles(db: Executor, pairs: { projectId: string; userId: string }[]): Promise<Map<string, Role>> {
  const roles = new Map<string, Role>();
  if (pairs.length === 0) return roles;
  const unique = [...new Map(pairs.map((p) => [`${p.projectId}|${p.userId}`, p])).values()];
  const rows = await db
    .select({ projectId: projectMembers.projectId, userId: projectMembers.userId, role: projectMembers.role })
    .from(projectMembers)
    .where(
      sql`(${projectMembers.projectId}, ${projectMembers.userId}) IN (SELECT * FROM jsonb_to_recordset(${JSON.stringify(
        unique.map((p) => ({ p: p.projectId, u: p.userId })),
      )}::jsonb) AS x(p uuid, u uuid))`,
    );
  for (const r of rows) roles.set(`${r.projectId}|${r.userId}`, r.role);
  return roles;
}

/** The caller's role in the project that holds this ticket, and that project's id. */
export async function findTicketRole(db: Executor, ticketId: string, userId: string): Promise<{ projectId: string; role: Role } | null> {
  const [row] = await db
    .select({ projectId: workTickets.projectId, role: projectMembers.role })
    .from(workTickets)
    .innerJoin(projectMembers, and(eq(projectMembers.projectId, workTickets.projectId), eq(projectMembers.userId, userId)))
    .where(eq(workTickets.id, ticketId));
  return row ?? null;
}

/** The caller's role in the project that holds this output. */
export async function findOutputRole(db: Executor, outputId: string, userId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: projectMembers.role })
    .from(workOutputs)
    .innerJoin(workTickets, eq(workTickets.id, workOutputs.ticketId))
    .innerJoin(projectMembers, and(eq(projectMembers.projectId, workTickets.projectId), eq(projectMembers.userId, userId)))
    .where(eq(workOutputs.id, outputId));
  return row?.role ?? null;
}

export async function addMember(db: Executor, input: { projectId: string; userId: string; role: Role }): Promise<boolean> {
  const rows = await db.insert(projectMembers).values(input).onConflictDoNothing().returning({ userId: projectMembers.userId });
  return rows.length > 0;
}

export async function setMemberRole(db: Executor, projectId: string, userId: string, role: Role): Promise<void> {
  await db
    .update(projectMembers)
    .set({ role })
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function removeMember(db: Executor, projectId: string, userId: string): Promise<void> {
  await db.delete(projectMembers).where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

export async function countOwners(db: Executor, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "owner")));
  return Number(row?.n ?? 0);
}

function selectMembers(db: Executor, where: SQL | undefined) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: projectMembers.role, addedAt: projectMembers.addedAt })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(where)
    .orderBy(asc(projectMembers.addedAt), asc(users.email));
}

function memberView(r: { userId: string; email: string; name: string; role: Role; addedAt: Date }): MemberView {
  return { user_id: r.userId, email: r.email, name: r.name, role: r.role, added_at: r.addedAt.toISOString() };
}

export async function listMembers(db: Executor, projectId: string): Promise<MemberView[]> {
  return (await selectMembers(db, eq(projectMembers.projectId, projectId))).map(memberView);
}

export async function getMember(db: Executor, projectId: string, userId: string): Promise<MemberView | null> {
  const [row] = await selectMembers(db, and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row ? memberView(row) : null;
}
