// The web routes of DESIGN.md §8, built in one place so links and redirects cannot drift.
const enc = encodeURIComponent;

export const projectPath = (projectId: string) => `/projects/${enc(projectId)}`;
export const ticketsPath = (projectId: string) => `${projectPath(projectId)}/work-tickets`;
export const galleryPath = (projectId: string) => `${ticketsPath(projectId)}/new`;
export const configurePath = (projectId: string, slug: string, from?: string) =>
  `${galleryPath(projectId)}/configure?recipe=${enc(slug)}${from ? `&from=${enc(from)}` : ""}`;
export const trackPath = (projectId: string, ticketId: string) => `${ticketsPath(projectId)}/${enc(ticketId)}/track`;
export const outputsPath = (projectId: string, ticketId: string) => `${ticketsPath(projectId)}/${enc(ticketId)}/outputs`;
export const contextItemPath = (projectId: string, itemId: string) => `${projectPath(projectId)}/context/${enc(itemId)}`;
export const membersPath = (projectId: string) => `${projectPath(projectId)}/members`;
/** The recipe editor: a new recipe, or a new version of `slug`. */
export const recipeEditorPath = (projectId: string, slug?: string) =>
  slug ? `${projectPath(projectId)}/recipes/${enc(slug)}/edit` : `${projectPath(projectId)}/recipes/new`;
export const ACCOUNT_PATH = "/account";
export const USERS_PATH = "/admin/users";
export const SETUP_PATH = "/setup";

/** Where a sign-in may send the person back to: a path on this site, never the sign-in pages themselves. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/projects";
  if (/^\/(login|setup)(?:[/?#]|$)/.test(next)) return "/projects";
  return next;
}

/** The sign-in page, remembering where to return (nothing for the home page, to keep the URL plain). */
export function loginPath(next?: string): string {
  const target = safeNext(next);
  return target === "/" || target === "/projects" ? "/login" : `/login?next=${enc(target)}`;
}
