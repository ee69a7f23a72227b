// `worksmith projects limit` as a real subprocess against a real server (embedded database): shows and
// sets a project's limit on running tickets by project name, `none` goes back to the server's
// default, a bad value is one line with exit 2 before any request, and the list shows the limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMaxRunning } from "../../src/cli/commands/projects.js";
import type { ProjectLimits, ProjectView } from "../../src/domain/contract.js";
import { startCliServer, type CliServer } from "../helpers/cli-server.js";

describe("worksmith projects limit", () => {
  let s: CliServer;
  let project: ProjectView;

  beforeAll(async () => {
    s = await startCliServer("projects-limit", { WORKSMITH_PROJECT_MAX_RUNNING: "5" });
    project = await s.api<ProjectView>("POST", "/api/projects", { name: "Apollo", description: "" });
  }, 120_000);
  afterAll(async () => s?.stop());

  it("reads n, none and default; anything else is refused", () => {
    expect(parseMaxRunning("3")).toBe(3);
    expect(parseMaxRunning(" NONE ")).toBeNull();
    expect(parseMaxRunning("default")).toBeNull();
    for (const bad of ["0", "-1", "2.5", "three", ""]) expect(() => parseMaxRunning(bad)).toThrow(/whole number from 1, or none/);
  });

  it("shows the server's default, sets a limit by project name, and goes back with none", async () => {
    const shown = await s.cli(["projects", "limit", "Apollo"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`project "Apollo" max running: the server's default (5 running at most)`);

    const set = await s.cli(["projects", "limit", "apollo", "3", "--json"]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout) as ProjectLimits).toEqual({
      project_id: project.id,
      max_running: 3,
      default_max_running: 5,
      effective_max_running: 3,
    });
    expect((await s.api<ProjectView>("GET", `/api/projects/${project.id}`)).max_running).toBe(3);
    const list = await s.cli(["projects"]);
    expect(list.stdout).toMatch(/MAX RUNNING/);
    expect(list.stdout).toMatch(/Apollo\s+0\s+0\s+3\s/);

    const back = await s.cli(["projects", "limit", project.id, "none"]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain("max running: the server's default (5 running at most)");
    expect((await s.api<ProjectView>("GET", `/api/projects/${project.id}`)).max_running).toBeNull();
  });

  it("a bad value exits 2 with one line and changes nothing; the server's range check reaches the user", async () => {
    await s.api("PUT", `/api/projects/${project.id}/limits`, { max_running: 4 });
    const bad = await s.cli(["projects", "limit", "Apollo", "zero"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    const tooMany = await s.cli(["projects", "limit", "Apollo", "100001"]);
    expect(tooMany.code).not.toBe(0);
    expect(tooMany.stderr).toMatch(/max_running/);
    expect((await s.api<ProjectView>("GET", `/api/projects/${project.id}`)).max_running).toBe(4);
  });
});
