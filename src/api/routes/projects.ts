import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import type { Principal } from "../../auth/accounts.js";
import { findRole } from "../../db/repositories/accounts.js";
import {
  createProject,
  deleteIdleProject,
  findProjectMaxRunning,
  getProject,
  getProjectUsageTotals,
  listProjects,
} from "../../db/repositories/projects.js";
import { roleAllows, type ProjectAction } from "../../domain/access.js";
import { ProjectCreate, ProjectDetail, ProjectLimits, ProjectLimitsUpdate, ProjectView } from "../../domain/contract.js";
import { ConflictError, ForbiddenError, NotFoundError } from "../../domain/errors.js";
import { setProjectMaxRunning } from "../../engine/project-limits.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, problemContent, type Api } from "../openapi.js";

const list = createRoute({
  method: "get",
  path: "/api/projects",
  tags: ["projects"],
  summary: "List the projects the caller is a member of",
  responses: {
    200: { description: "Projects, newest first", content: { "application/json": { schema: z.object({ items: z.array(ProjectView) }) } } },
  },
});

const create = createRoute({
  method: "post",
  path: "/api/projects",
  tags: ["projects"],
  summary: "Create a project; the caller becomes its owner",
  request: { body: { required: true, content: { "application/json": { schema: ProjectCreate } } } },
  responses: { 201: { description: "Created", content: { "application/json": { schema: ProjectView } } }, ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: "/api/projects/{id}",
  tags: ["projects"],
  summary: "One project, with what its tickets spent on models (usage_totals)",
  request: { params: IdParam },
  responses: { 200: { description: "The project", content: { "application/json": { schema: ProjectDetail } } }, 404: errorResponses[404] },
});

const remove = createRoute({
  method: "delete",
  path: "/api/projects/{id}",
  tags: ["projects"],
  summary: "Delete a project and everything in it (owners and administrators)",
  description:
    "Deletes the project's tickets with their history and outputs, its context, members, schedules, webhooks and " +
    "share links, and its files. Refused with 409 while any of its tickets is pending, running or waiting: cancel " +
    "them first. Cannot be undone.",
  request: { params: IdParam },
  responses: {
    204: { description: "Deleted" },
    403: errorResponses[403],
    404: errorResponses[404],
    409: { description: "A ticket of the project is pending, running or waiting", content: problemContent },
  },
});

const limitsContent = { "application/json": { schema: ProjectLimits } };

const getLimits = createRoute({
  method: "get",
  path: "/api/projects/{id}/limits",
  tags: ["projects"],
  summary: "The project's limit on running tickets, the server's default and what the claim applies",
  request: { params: IdParam },
  responses: { 200: { description: "The project's limits", content: limitsContent }, 404: errorResponses[404] },
});

const putLimits = createRoute({
  method: "put",
  path: "/api/projects/{id}/limits",
  tags: ["projects"],
  summary: "Set the project's limit on running tickets (owners and administrators)",
  description:
    "`max_running` caps the project's running tickets across every worker; `null` makes the project follow the " +
    "server's default (WORKSMITH_PROJECT_MAX_RUNNING). Takes effect at the next claim: running tickets are never stopped.",
  request: { params: IdParam, body: { required: true, content: { "application/json": { schema: ProjectLimitsUpdate } } } },
  responses: {
    200: { description: "The project's limits after the change", content: limitsContent },
    403: errorResponses[403],
    404: errorResponses[404],
    422: errorResponses[422],
  },
});

export function registerProjectRoutes(app: Api, deps: Pick<ApiDeps, "database" | "config">): void {
  const db = deps.database.db;
  const defaultMaxRunning = deps.config.projectMaxRunning;

  /**
   * Members read a project's limits (viewers too); owners change them. An administrator does both on
   * any project, member or not: limits are the install's capacity as much as the project's.
   */
  async function requireOwnerAccess(principal: Principal, id: string, action: ProjectAction, refusal: string): Promise<void> {
    if (principal.user.isAdmin) return;
    const role = await findRole(db, id, principal.user.id);
    if (!role) throw new NotFoundError("project", id);
    if (!roleAllows(role, action)) throw new ForbiddenError(refusal);
  }
  const LIMITS_REFUSAL = "Only the project's owners or an administrator can change its limits.";

  async function limitsOf(id: string): Promise<ProjectLimits> {
    const own = await findProjectMaxRunning(db, id);
    if (own === undefined) throw new NotFoundError("project", id);
    return { project_id: id, max_running: own, default_max_running: defaultMaxRunning, effective_max_running: own ?? defaultMaxRunning };
  }

  app.openapi(list, async (c) => c.json({ items: await listProjects(db, principalOf(c).user.id) }, 200));
  app.openapi(create, async (c) => c.json(await createProject(db, c.req.valid("json"), principalOf(c).user.id), 201));
  app.openapi(get, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    const project = await getProject(db, id, principalOf(c).user.id);
    if (!project) throw new NotFoundError("project", id);
    return c.json({ ...project, usage_totals: await getProjectUsageTotals(db, id) }, 200);
  });

  app.openapi(remove, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    await requireOwnerAccess(principalOf(c), id, "manage", "Only the project's owners or an administrator can delete it.");
    const { deleted, active } = await deleteIdleProject(db, id);
    if (active > 0) {
      throw new ConflictError(
        `The project has ${active} ${active === 1 ? "ticket" : "tickets"} pending, running or waiting; cancel ${active === 1 ? "it" : "them"} first.`,
      );
    }
    if (!deleted) throw new NotFoundError("project", id);
    return c.body(null, 204);
  });

  app.openapi(getLimits, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    await requireOwnerAccess(principalOf(c), id, "read", LIMITS_REFUSAL);
    return c.json(await limitsOf(id), 200);
  });
  app.openapi(putLimits, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    await requireOwnerAccess(principalOf(c), id, "manage", LIMITS_REFUSAL);
    await setProjectMaxRunning(db, id, c.req.valid("json").max_running);
    return c.json(await limitsOf(id), 200);
  });
}
