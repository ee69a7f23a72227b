// A project's members and their roles. Any member sees the list; owners add, change and remove.
// The last owner cannot leave or be demoted, so every project stays manageable.
import { createRoute } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { z } from "zod";
import {
  addMember,
  countOwners,
  findRole,
  findUserByEmail,
  getMember,
  listMembers,
  removeMember,
  setMemberRole,
} from "../../db/repositories/accounts.js";
import { keepsAnOwner } from "../../domain/access.js";
import { MemberAdd, MemberUpdate, MemberView } from "../../domain/contract.js";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { requireProjectRole } from "../access.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";

const MemberParams = z.object({ id: z.string().min(1).max(200), userId: z.string().min(1).max(200) });
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

const list = createRoute({
  method: "get",
  path: "/api/projects/{id}/members",
  tags: ["projects"],
  summary: "The project's members and roles",
  request: { params: IdParam },
  responses: {
    200: { description: "Members", ...json(z.object({ items: z.array(MemberView) })) },
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const add = createRoute({
  method: "post",
  path: "/api/projects/{id}/members",
  tags: ["projects"],
  summary: "Add an account to the project by email (owners only)",
  request: { params: IdParam, body: { required: true, ...json(MemberAdd) } },
  responses: {
    201: { description: "The new member", ...json(MemberView) },
    409: { description: "Already a member", content: problemContent },
    ...errorResponses,
  },
});

const update = createRoute({
  method: "patch",
  path: "/api/projects/{id}/members/{userId}",
  tags: ["projects"],
  summary: "Change a member's role (owners only)",
  request: { params: MemberParams, body: { required: true, ...json(MemberUpdate) } },
  responses: {
    200: { description: "The member", ...json(MemberView) },
    409: { description: "It would leave the project without an owner", content: problemContent },
    ...errorResponses,
  },
});

const remove = createRoute({
  method: "delete",
  path: "/api/projects/{id}/members/{userId}",
  tags: ["projects"],
  summary: "Remove a member (owners only; members may remove themselves)",
  request: { params: MemberParams },
  responses: {
    204: { description: "Removed" },
    409: { description: "It would leave the project without an owner", content: problemContent },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

const LAST_OWNER = "A project needs an owner: make someone else an owner first.";

export function registerMemberRoutes(app: Api, deps: Pick<ApiDeps, "database">): void {
  const { database } = deps;
  const db = database.db;

  app.openapi(list, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    await requireProjectRole(db, principalOf(c), projectId, "read");
    return c.json({ items: await listMembers(db, projectId) }, 200);
  });

  app.openapi(add, async (c) => {
    const projectId = requireUuid("project", c.req.valid("param").id);
    await requireProjectRole(db, principalOf(c), projectId, "manage");
    const { email, role } = c.req.valid("json");
    const user = await findUserByEmail(db, email);
    if (!user) {
      throw new ValidationError("No account has this email; the administrator creates accounts first.", [
        { field: "email", message: "no account with this email" },
      ]);
    }
    if (!(await addMember(db, { projectId, userId: user.id, role }))) throw new ConflictError(`${email} is already a member.`);
    const member = await getMember(db, projectId, user.id);
    if (!member) throw new NotFoundError("member", user.id);
    return c.json(member, 201);
  });

  app.openapi(update, async (c) => {
    const params = c.req.valid("param");
    const projectId = requireUuid("project", params.id);
    const userId = requireUuid("member", params.userId);
    await requireProjectRole(db, principalOf(c), projectId, "manage");
    const { role } = c.req.valid("json");
    // One transaction under a row lock on the project: two owners demoting each other at once
    // must not both succeed and leave nobody in charge.
    await database.db.transaction(async (tx) => {
      await tx.execute(lockProject(projectId));
      const current = await findRole(tx, projectId, userId);
      if (!current) throw new NotFoundError("member", userId);
      if (!keepsAnOwner(await countOwners(tx, projectId), { from: current, to: role })) throw new ConflictError(LAST_OWNER);
      await setMemberRole(tx, projectId, userId, role);
    });
    const member = await getMember(db, projectId, userId);
    if (!member) throw new NotFoundError("member", userId);
    return c.json(member, 200);
  });

  app.openapi(remove, async (c) => {
    const params = c.req.valid("param");
    const projectId = requireUuid("project", params.id);
    const userId = requireUuid("member", params.userId);
    const principal = principalOf(c);
    // Anyone may leave a project; removing somebody else takes an owner.
    await requireProjectRole(db, principal, projectId, principal.user.id === userId ? "read" : "manage");
    await database.db.transaction(async (tx) => {
      await tx.execute(lockProject(projectId));
      const current = await findRole(tx, projectId, userId);
      if (!current) throw new NotFoundError("member", userId);
      if (!keepsAnOwner(await countOwners(tx, projectId), { from: current, to: null })) throw new ConflictError(LAST_OWNER);
      await removeMember(tx, projectId, userId);
    });
    return c.body(null, 204);
  });
}

function lockProject(projectId: string) {
  return sql`SELECT 1 FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
}
