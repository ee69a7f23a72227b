// Deleting a project through the API (issue 19), on both drivers: owners and administrators may
// (members and viewers 403, outsiders 404); while a ticket of it is pending, running or waiting the
// delete is refused with 409 and nothing goes; once its tickets are finished, the project goes with
// every row of it — tickets, their events and outputs, context, members.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertContextItem } from "../../src/db/repositories/context.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

describe.each(DRIVERS)("deleting a project on %s", (driver) => {
  let t: TestDatabase;
  let owner: TestClient;
  let member: TestClient;
  let viewer: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  let projectId: string;
  let ticketId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const made = await createTestApi(t);
    ({ app: owner, projectId } = made);
    const users = {
      member: await createTestUser(t.database),
      viewer: await createTestUser(t.database),
      outsider: await createTestUser(t.database),
      admin: await createTestUser(t.database, { admin: true }),
    };
    await grantRole(t.database, projectId, users.member.id, "member");
    await grantRole(t.database, projectId, users.viewer.id, "viewer");
    member = clientFor(made.api, users.member);
    viewer = clientFor(made.api, users.viewer);
    outsider = clientFor(made.api, users.outsider);
    admin = clientFor(made.api, users.admin);

    const body = "Revenue reached $4.2M in Q3.";
    await insertContextItem(t.database.db, { projectId, title: "Notes", kind: "note", bytes: body.length, body });
    // No worker runs here: the ticket stays pending until the test finishes it.
    const submitted = await postJson(owner, "/api/work/research/execute", {
      project_id: projectId,
      recipe_slug: "research-brief",
      parameters: { topic: "Revenue" },
    });
    expect(submitted.status).toBe(202);
    ticketId = ((await submitted.json()) as { work_ticket_id: string }).work_ticket_id;
  });
  afterAll(async () => t.cleanup());

  const del = (client: TestClient, id = projectId) => client.request(`/api/projects/${id}`, { method: "DELETE" });

  /** How many rows of each kind the project still has. */
  async function rowsLeft(): Promise<Record<string, number>> {
    const [row] = await sqlRows<Record<string, number>>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM projects WHERE id = ${projectId}::uuid) AS projects,
                 (SELECT count(*)::int FROM work_tickets WHERE project_id = ${projectId}::uuid) AS tickets,
                 (SELECT count(*)::int FROM ticket_events WHERE ticket_id = ${ticketId}::uuid) AS events,
                 (SELECT count(*)::int FROM work_outputs WHERE project_id = ${projectId}::uuid) AS outputs,
                 (SELECT count(*)::int FROM context_items WHERE project_id = ${projectId}::uuid) AS context,
                 (SELECT count(*)::int FROM project_members WHERE project_id = ${projectId}::uuid) AS members`,
    );
    return row!;
  }

  it("members and viewers are refused with 403, an outsider gets 404; nothing goes", async () => {
    for (const client of [member, viewer]) {
      const res = await del(client);
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    expect((await del(outsider)).status).toBe(404);
    expect((await rowsLeft()).projects).toBe(1);
  });

  it("refuses with 409 while a ticket is pending, and deletes nothing", async () => {
    const before = await rowsLeft();
    expect(before.tickets).toBe(1);
    const res = await del(owner);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect(((await res.json()) as { detail?: string }).detail).toMatch(/1 ticket pending, running or waiting/);
    expect(await rowsLeft()).toEqual(before);
  });

  it("once its tickets are finished, an administrator deletes it with every row of it", async () => {
    await t.database.db.execute(sql`UPDATE work_tickets SET status = 'completed', finished_at = now() WHERE id = ${ticketId}::uuid`);
    await t.database.db.execute(sql`
      INSERT INTO work_outputs (ticket_id, project_id, title, body, generation_method, agent_type, output_type)
      VALUES (${ticketId}::uuid, ${projectId}::uuid, 'Brief', 'Revenue reached $4.2M.', 'text', 'reporting', 'research_brief')`);
    const before = await rowsLeft();
    expect(before).toMatchObject({ projects: 1, tickets: 1, outputs: 1, context: 1, members: 3 });
    expect(before.events).toBeGreaterThan(0);

    const res = await del(admin);
    expect(res.status).toBe(204);
    expect(await rowsLeft()).toEqual({ projects: 0, tickets: 0, events: 0, outputs: 0, context: 0, members: 0 });
    expect((await owner.request(`/api/projects/${projectId}`)).status).toBe(404);
    expect((await del(owner)).status).toBe(404);
  });
});
