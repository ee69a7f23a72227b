// The demo project of a fresh install: seeded once; owned by the administrator when one was made
// before the first start, otherwise adopted by the first account.
import { afterEach, describe, expect, it } from "vitest";
import { createAccount, createOwnerAccount } from "../auth/accounts.js";
import { listProjects } from "../db/repositories/projects.js";
import { openTestDatabase, type TestDatabase } from "../../test/helpers/databases.js";
import { seedDemoProject } from "./demo-seed.js";

describe("seedDemoProject", () => {
  let t: TestDatabase | null = null;
  afterEach(async () => t?.cleanup());

  it("seeds once; the first account created afterwards owns it", async () => {
    t = await openTestDatabase("pglite");
    const id = await seedDemoProject(t.database);
    expect(id).not.toBeNull();
    expect(await seedDemoProject(t.database)).toBeNull();
    const owner = await createOwnerAccount(t.database, { email: "o@example.test", name: "", password: "long enough pw" });
    expect((await listProjects(t.database.db, owner.id)).map((p) => [p.id, p.role, p.context_count])).toEqual([[id, "owner", 4]]);
  });

  it("is owned by the administrator created before the first start, not by other accounts", async () => {
    t = await openTestDatabase("pglite");
    const admin = await createOwnerAccount(t.database, { email: "a@example.test", name: "", password: "long enough pw" });
    const other = await createAccount(t.database, { email: "b@example.test", name: "", password: "long enough pw" });
    const id = await seedDemoProject(t.database);
    expect((await listProjects(t.database.db, admin.id)).map((p) => [p.id, p.role])).toEqual([[id, "owner"]]);
    expect(await listProjects(t.database.db, other.id)).toEqual([]);
  });
});
