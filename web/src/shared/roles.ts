// What a project role lets the caller do, as the UI offers it (the server enforces the same: viewers
// get 403 on submit, cancel, retry and context edits; only owners manage members).
import type { Role } from "../../../src/domain/contract.js";

/** Start, cancel and retry work, and edit the project's context. Unknown (still loading): not yet. */
export function canWork(role: Role | undefined): boolean {
  return role === "owner" || role === "member";
}

export function canManageMembers(role: Role | undefined): boolean {
  return role === "owner";
}

export const ROLE_LABEL: Record<Role, string> = { owner: "Owner", member: "Member", viewer: "Viewer" };

export const ROLE_HELP: Record<Role, string> = {
  owner: "manages members, and everything a member does",
  member: "starts, cancels and retries work; edits context",
  viewer: "follows the work and downloads outputs",
};
