// The web routes of DESIGN.md §8, built in one place so links and redirects cannot drift.
const enc = encodeURIComponent;

export const projectPath = (projectId: string) => `/projects/${enc(projectId)}`;
export const ticketsPath = (projectId: string) => `${projectPath(projectId)}/work-tickets`;
export const galleryPath = (projectId: string) => `${ticketsPath(projectId)}/new`;
export const configurePath = (projectId: string, slug: string, from?: string) =>
  `${galleryPath(projectId)}/configure?recipe=${enc(slug)}${from ? `&from=${enc(from)}` : ""}`;
export const trackPath = (projectId: string, ticketId: string) => `${ticketsPath(projectId)}/${enc(ticketId)}/track`;
export const outputsPath = (projectId: string, ticketId: string) => `${ticketsPath(projectId)}/${enc(ticketId)}/outputs`;
