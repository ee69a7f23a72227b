// Who may do what in a project. Pure rules: the API asks them after it has found the caller's role.
// A caller with no role in a project is told the project does not exist (404), never 403, so ids
// of other teams' projects, tickets, outputs and context leak nothing.
import type { Role } from "./contract.js";

export type { Role };

/** What a request wants to do in a project. */
export type ProjectAction =
  /** See the project, its tickets, outputs, context, members and live streams. */
  | "read"
  /** Submit, cancel and retry work; add and remove context. */
  | "work"
  /** Add, change and remove members; only owners. */
  | "manage";

const NEEDED: Record<ProjectAction, Role> = { read: "viewer", work: "member", manage: "owner" };
const RANK: Record<Role, number> = { viewer: 0, member: 1, owner: 2 };

export function roleAllows(role: Role, action: ProjectAction): boolean {
  return RANK[role] >= RANK[NEEDED[action]];
}

/**
 * Whether a change of members leaves the project with an owner. A project without an owner could no
 * longer be managed by anybody, so the last owner can neither leave nor be demoted.
 */
export function keepsAnOwner(ownerCount: number, change: { from: Role; to: Role | null }): boolean {
  if (change.from !== "owner" || change.to === "owner") return true;
  return ownerCount > 1;
}
