// Seeds the fixture projects into a test database.
import type { Database } from "../../src/db/client.js";
import { insertContextItem } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import type { FixtureNote } from "./fixtures.js";

export async function seedProject(database: Database, name: string, notes: FixtureNote[]): Promise<string> {
  const project = await createProject(database.db, { name, description: "" });
  for (const n of notes) {
    await insertContextItem(database.db, {
      projectId: project.id,
      title: n.title,
      kind: "note",
      bytes: Buffer.byteLength(n.body),
      body: n.body,
      mime: "text/markdown",
      internal: n.internal ?? false,
    });
  }
  return project.id;
}
