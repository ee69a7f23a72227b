// Web routes of the outputs library and compare (issue 15), beside the shared ones in shared/paths.ts.
import { projectPath } from "../../shared/paths.js";

const enc = encodeURIComponent;

export const libraryPath = (projectId: string) => `${projectPath(projectId)}/outputs`;
export const comparePath = (projectId: string, base: string, head: string) =>
  `${libraryPath(projectId)}/compare?base=${enc(base)}&head=${enc(head)}`;
export const sharePagePath = (token: string) => `/share/${enc(token)}`;
