// `worksmith tickets` tells tickets apart and finds them (issue 15, item 1): a TOPIC column (one line,
// cut with "…"), --search over topics and output titles, --since/--until, and a bad bound is one
// line naming the field with exit 2. The CLI runs as a real subprocess against a real server
// (embedded database in a temp dir); the owner is set up through the API as the setup page does.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { topicCell } from "../../src/cli/commands/tickets.js";
import { ContextItemView, ExecuteAccepted, ProjectView, TicketList } from "../../src/domain/contract.js";
import { startCliServer, type CliServer } from "../helpers/cli-server.js";

const LONG_TOPIC = "Quarterly review of the Apollo cluster migration and its hosting costs";

describe("worksmith tickets: topic column, search and time bounds", () => {
  let host: CliServer;
  let dataDir = "";
  let projectId = "";
  const ids: string[] = [];
  const cli = (args: string[]) => host.cli(args);
  const api = <T>(method: string, path: string, body?: unknown): Promise<T> => host.api<T>(method, path, body);

  beforeAll(async () => {
    host = await startCliServer("topic", { WORKSMITH_WORKER_CONCURRENCY: "1" }, "Topic owner");
    dataDir = host.dataDir;
    const project = ProjectView.parse(await api("POST", "/api/projects", { name: "Apollo", description: "" }));
    projectId = project.id;
    for (const topic of ["Billing service cutover", LONG_TOPIC]) {
      const accepted = ExecuteAccepted.parse(
        await api("POST", "/api/work/reporting/execute", { project_id: project.id, recipe_slug: "status-report", parameters: { topic } }),
      );
      ids.push(accepted.work_ticket_id);
    }
  }, 120_000);

  afterAll(async () => {
    await host?.stop();
  }, 60_000);

  it("topicCell keeps a topic to one line and cuts it with …", () => {
    expect(topicCell("  Q3\n results ")).toBe("Q3 results");
    expect(topicCell(null)).toBe("-");
    expect(topicCell(LONG_TOPIC)).toBe("Quarterly review of the Apollo cluster …");
    expect([...topicCell("x".repeat(100))]).toHaveLength(40);
  });

  it("context edit replaces a note's text and title (analysed again); with nothing to change it is exit 2", async () => {
    const note = ContextItemView.parse(
      await api("POST", `/api/projects/${projectId}/context`, { title: "Ops note", body: "Latency fell 18% after the move." }),
    );
    const file = join(dataDir, "ops-note.md");
    // The server stores a note trimmed, as it does a new one.
    const text = "# Ops note\n\nLatency fell 24% in December 2026.\n";
    await writeFile(file, text);
    const edited = await cli(["context", "edit", "Apollo", note.id, file, "--title", "Ops note, December"]);
    expect(edited.stderr).toBe("");
    expect(edited).toMatchObject({
      code: 0,
      stdout: `updated "Ops note, December" (${Buffer.byteLength(text.trim())} bytes), analysed again — ${note.id}\n`,
    });
    const shown = await cli(["context", "show", "Apollo", note.id]);
    expect(shown.stdout).toContain("Latency fell 24% in December 2026.");
    expect(shown.stdout).not.toContain("18%");
    const json = JSON.parse((await cli(["context", "show", "Apollo", note.id, "--json"])).stdout) as {
      facts: { figures: { value: string }[] };
    };
    expect(json.facts.figures.map((f) => f.value)).toContain("24%");

    const nothing = await cli(["context", "edit", "Apollo", note.id]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^worksmith: nothing to change/);
  }, 240_000);

  it("the table has a TOPIC column; --search and --since narrow it; a bad bound is exit 2 naming the field", async () => {
    const all = await cli(["tickets", "--project", "Apollo"]);
    expect(all.stderr).toBe("");
    expect(all.code).toBe(0);
    const [header, ...rows] = all.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+STATUS\s+TOPIC\s+RECIPE\s+STEPS/);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.startsWith(ids[0]!))).toContain("Billing service cutover");
    expect(rows.find((r) => r.startsWith(ids[1]!))).toContain("Quarterly review of the Apollo cluster …");

    const found = await cli(["tickets", "--project", "Apollo", "--search", "billing cut"]);
    expect(found.code).toBe(0);
    const foundRows = found.stdout.trimEnd().split("\n").slice(1);
    expect(foundRows).toHaveLength(1);
    expect(foundRows[0]).toMatch(new RegExp(`^${ids[0]}\\s+\\S+\\s+Billing service cutover`));

    const json = TicketList.parse(JSON.parse((await cli(["tickets", "-q", "hosting", "--since", "1h", "--json"])).stdout));
    expect(json.items.map((t) => [t.id, t.topic, t.submitted_by])).toEqual([[ids[1], LONG_TOPIC, "Topic owner"]]);

    const none = await cli(["tickets", "--until", "2020-01-01"]);
    expect(none).toMatchObject({ code: 0, stdout: "No tickets match.\n" });

    const bad = await cli(["tickets", "--since", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(bad.stderr).toMatch(/\(HTTP 422\) — query\/since: must be an ISO 8601 date/);
  }, 240_000);
});
