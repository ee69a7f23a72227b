// Authorization: the caller's role in the project that holds what a request names. Not a member →
// 404 exactly as if the thing did not exist; a member whose role is too low → 403.
import type { Principal } from "../auth/accounts.js";
import type { Executor } from "../db/client.js";
import { findOutputRole, findRole, findTicketRole } from "../db/repositories/accounts.js";
import { getRecipe, type StoredRecipe } from "../db/repositories/recipes.js";
import { roleAllows, type ProjectAction, type Role } from "../domain/access.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";

const DENIED: Record<ProjectAction, string> = {
  read: "You cannot see this project.",
  work: "Viewers cannot submit, cancel or retry work, or change the project's context; ask an owner for the member role.",
  manage: "Only the project's owners can manage its members.",
};

function allow(role: Role | null, action: ProjectAction, notFound: () => NotFoundError): Role {
  if (!role) throw notFound();
  if (!roleAllows(role, action)) throw new ForbiddenError(DENIED[action]);
  return role;
}

/** The same check on a role already read (the submit batcher reads a batch's roles in one query). */
export function checkProjectRole(role: Role | null, projectId: string, action: ProjectAction): Role {
  return allow(role, action, () => new NotFoundError("project", projectId));
}

export async function requireProjectRole(db: Executor, principal: Principal, projectId: string, action: ProjectAction): Promise<Role> {
  const role = await findRole(db, projectId, principal.user.id);
  return allow(role, action, () => new NotFoundError("project", projectId));
}

/** The ticket's project id, once the caller may `action` it. */
export async function requireTicketRole(db: Executor, principal: Principal, ticketId: string, action: ProjectAction): Promise<string> {
  const found = await findTicketRole(db, ticketId, principal.user.id);
  if (!found) throw new NotFoundError("ticket", ticketId);
  allow(found.role, action, () => new NotFoundError("ticket", ticketId));
  return found.projectId;
}

export async function requireOutputRole(db: Executor, principal: Principal, outputId: string): Promise<void> {
  allow(await findOutputRole(db, outputId, principal.user.id), "read", () => new NotFoundError("output", outputId));
}

/**
 * A recipe the caller may see (any status): every project's, or a project's own when they are its
 * member (or an administrator). Anything else, including a slug no recipe could have, is 404.
 */
export async function requireVisibleRecipe(db: Executor, principal: Principal, slug: string): Promise<StoredRecipe> {
  const recipe = /^[a-z0-9-]{1,100}$/.test(slug) ? await getRecipe(db, slug) : null;
  if (!recipe) throw new NotFoundError("recipe", slug.slice(0, 80));
  if (recipe.project_id !== null && !principal.user.isAdmin && !(await findRole(db, recipe.project_id, principal.user.id))) {
    throw new NotFoundError("recipe", slug);
  }
  return recipe;
}
