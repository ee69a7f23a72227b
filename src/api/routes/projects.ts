import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { createProject, getProject, getProjectUsageTotals, listProjects } from "../../db/repositories/projects.js";
import { ProjectCreate, ProjectDetail, ProjectView } from "../../domain/contract.js";
import { NotFoundError } from "../../domain/errors.js";
import { principalOf } from "../authn.js";
import type { ApiDeps } from "../deps.js";
import { requireUuid } from "../ids.js";
import { errorResponses, IdParam, type Api } from "../openapi.js";

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

export function registerProjectRoutes(app: Api, deps: Pick<ApiDeps, "database">): void {
  const db = deps.database.db;
  app.openapi(list, async (c) => c.json({ items: await listProjects(db, principalOf(c).user.id) }, 200));
  app.openapi(create, async (c) => c.json(await createProject(db, c.req.valid("json"), principalOf(c).user.id), 201));
  app.openapi(get, async (c) => {
    const id = requireUuid("project", c.req.valid("param").id);
    const project = await getProject(db, id, principalOf(c).user.id);
    if (!project) throw new NotFoundError("project", id);
    return c.json({ ...project, usage_totals: await getProjectUsageTotals(db, id) }, 200);
  });
}
