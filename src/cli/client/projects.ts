// Naming a project on the command line: by id, or by its name (case-insensitive, exact) for people.
import { z } from "zod";
import { ProjectView } from "../../domain/contract.js";
import { CliError, EXIT } from "./errors.js";
import type { ApiClient } from "./http.js";

export const ProjectList = z.object({ items: z.array(ProjectView) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveProject(client: ApiClient, ref: string): Promise<ProjectView> {
  if (UUID.test(ref)) return client.request("GET", `/api/projects/${ref}`, ProjectView);
  const { items } = await client.request("GET", "/api/projects", ProjectList);
  const wanted = ref.trim().toLowerCase();
  const matches = items.filter((p) => p.name.trim().toLowerCase() === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new CliError(`${matches.length} projects are named ${JSON.stringify(ref)}; give the id instead (worksmith projects)`, EXIT.input);
  const names = items.slice(0, 10).map((p) => JSON.stringify(p.name));
  throw new CliError(
    `no project named ${JSON.stringify(ref)}${names.length > 0 ? ` (projects: ${names.join(", ")})` : " (no projects yet: worksmith projects create <name>)"}`,
    EXIT.input,
  );
}
