// `worksmith projects delete` as a real subprocess against a real server (embedded database): without
// --yes it says what would go and deletes nothing (exit 2); with --yes the project is gone; a project
// with a pending ticket is refused with the server's reason; a name that matches nothing exits 2.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectView } from "../../src/domain/contract.js";
import { startCliServer, type CliServer } from "../helpers/cli-server.js";

describe("worksmith projects delete", () => {
  let s: CliServer;

  beforeAll(async () => {
    s = await startCliServer("projects-delete", { WORKSMITH_WORKER_CONCURRENCY: "0" });
  }, 120_000);
  afterAll(async () => s?.stop());

  const names = async () => (await s.api<{ items: ProjectView[] }>("GET", "/api/projects")).items.map((p) => p.name);

  it("asks for --yes first, then deletes the project by name", async () => {
    const project = await s.api<ProjectView>("POST", "/api/projects", { name: "Hermes", description: "" });
    const unconfirmed = await s.cli(["projects", "delete", "Hermes"]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/cannot be undone: run again with --yes/);
    expect(await names()).toContain("Hermes");

    const deleted = await s.cli(["projects", "delete", "hermes", "--yes"]);
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`deleted project ${project.id} "Hermes"`);
    expect(await names()).not.toContain("Hermes");
    expect((await s.cli(["projects", "delete", "Hermes", "--yes"])).code).toBe(2);
  });

  it("a project with a pending ticket (this server runs no worker) is refused with the server's reason, and stays", async () => {
    const project = await s.api<ProjectView>("POST", "/api/projects", { name: "Athena", description: "" });
    await s.api("POST", "/api/work/research/execute", {
      project_id: project.id,
      recipe_slug: "research-brief",
      parameters: { topic: "Churn" },
    });
    const refused = await s.cli(["projects", "delete", "Athena", "--yes"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/1 ticket pending, running or waiting; cancel it first/);
    expect(await names()).toContain("Athena");
  });
});
