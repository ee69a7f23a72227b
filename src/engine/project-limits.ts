// A project's own limit on running tickets (issue 19): the fair claim caps the project's running
// tickets across every worker at this, over the server's default (WORKSMITH_PROJECT_MAX_RUNNING).
import { eq } from "drizzle-orm";
import type { Executor } from "../db/client.js";
import { projects } from "../db/schema.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";

/** null: the project follows the server's default. Takes effect at the next claim; running tickets are never stopped. */
export async function setProjectMaxRunning(db: Executor, projectId: string, maxRunning: number | null): Promise<void> {
  if (maxRunning !== null && (!Number.isInteger(maxRunning) || maxRunning < 1 || maxRunning > 100_000)) {
    throw new ValidationError("max_running must be a whole number from 1 to 100000, or null", [
      { field: "max_running", message: "a whole number from 1 to 100000, or null" },
    ]);
  }
  const rows = await db.update(projects).set({ maxRunning }).where(eq(projects.id, projectId)).returning({ id: projects.id });
  if (rows.length === 0) throw new NotFoundError("project", projectId);
}
