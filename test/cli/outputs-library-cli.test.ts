// `worksmith outputs --project` lists the project's outputs library (issue 15 item 3): newest first,
// each output's version in its lineage of regenerations, --format/--search narrowing it, bad flags
// exit 2 with one line. The CLI runs as a real subprocess against a real server (embedded database).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { libraryQuery } from "../../src/cli/commands/outputs.js";
import { ExecuteAccepted, ProjectView, TicketView } from "../../src/domain/contract.js";
import { LibraryPage } from "../../src/domain/outputs-library.js";
import { startCliServer, type CliServer } from "../helpers/cli-server.js";

describe("worksmith outputs --project", () => {
  let host: CliServer;
  const ids = { first: "", second: "" };
  const cli = (args: string[]) => host.cli(args);
  const api = <T>(method: string, path: string, body?: unknown): Promise<T> => host.api<T>(method, path, body);

  async function completed(id: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (TicketView.parse(await api("GET", `/api/work/tickets/${id}`)).status !== "completed") {
      if (Date.now() > deadline) throw new Error(`ticket ${id} did not complete`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    host = await startCliServer("library", {}, "Library owner");
    const project = ProjectView.parse(await api("POST", "/api/projects", { name: "Apollo", description: "" }));
    await api("POST", `/api/projects/${project.id}/context`, { title: "Notes", body: "Revenue grew 12% in Q3 2026." });
    ids.first = ExecuteAccepted.parse(
      await api("POST", "/api/work/research/execute", {
        project_id: project.id,
        recipe_slug: "research-brief",
        parameters: { topic: "Revenue" },
      }),
    ).work_ticket_id;
    await completed(ids.first);
    ids.second = ExecuteAccepted.parse(
      await api("POST", `/api/work/tickets/${ids.first}/retry`, { parameters: { topic: "Revenue in Q3" } }),
    ).work_ticket_id;
    await completed(ids.second);
  }, 180_000);

  afterAll(async () => {
    await host?.stop();
  }, 60_000);

  it("checks --format and --limit before asking the server", () => {
    expect(libraryQuery({ format: "pptx", search: "q3", limit: "5" }).toString()).toBe("format=pptx&q=q3&limit=5");
    expect(() => libraryQuery({ format: "docx" })).toThrow(/--format must be one of/);
    expect(() => libraryQuery({ limit: "0" })).toThrow(/--limit/);
  });

  it("lists the project's outputs with their version in the lineage; --search narrows; bad flags exit 2", async () => {
    const all = await cli(["outputs", "--project", "Apollo"]);
    expect(all.stderr).toBe("");
    expect(all.code).toBe(0);
    const [header, ...rows] = all.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+VERSION\s+LINEAGE\s+FORMAT\s+SIZE\s+RECIPE\s+TICKET\s+TITLE/);
    const second = rows.filter((r) => r.includes(ids.second));
    const first = rows.filter((r) => r.includes(ids.first));
    expect(second.length).toBeGreaterThan(0);
    expect(first.length).toBeGreaterThan(0);
    for (const r of second) expect(r).toMatch(new RegExp(`\\sv2/2\\s+${ids.first.slice(0, 8)}\\s`));
    for (const r of first) expect(r).toMatch(new RegExp(`\\sv1/2\\s+${ids.first.slice(0, 8)}\\s`));
    // Newest first: the regeneration's outputs come before the first run's.
    expect(rows.indexOf(second[0]!)).toBeLessThan(rows.indexOf(first[0]!));

    const json = await cli(["outputs", "--project", "Apollo", "--search", "Revenue in Q3", "--json"]);
    expect(json.code).toBe(0);
    const page = LibraryPage.parse(JSON.parse(json.stdout));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((o) => o.ticket.id === ids.second)).toBe(true);

    const bad = await cli(["outputs", "--project", "Apollo", "--format", "docx"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    expect(bad.stderr).toContain("--format must be one of");
    const both = await cli(["outputs", ids.first, "--project", "Apollo"]);
    expect(both.code).toBe(2);
  }, 240_000);
});
