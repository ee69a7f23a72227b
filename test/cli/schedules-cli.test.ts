// `worksmith schedules` as a real subprocess against a real server (embedded database in a temp dir)
// whose own tick runs the schedules: create previews the next runs in the schedule's zone, a bad cron
// is one line naming the field with exit 2, an every-second schedule makes tickets through the
// server's tick, pause/list/delete.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../src/cli/serve.js";
import { loadConfig } from "../../src/config.js";
import { ProjectView } from "../../src/domain/contract.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("worksmith schedules", () => {
  let dataDir: string;
  let server: RunningServer;
  let token = "";
  let projectId = "";

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, WORKSMITH_URL: server.url, WORKSMITH_TOKEN: token, NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
  }

  async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(new URL(path, server.url), {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin: server.url, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "worksmith-cli-schedules-"));
    server = await startServer(
      loadConfig({
        WORKSMITH_DATA_DIR: dataDir,
        PORT: "0",
        LOG_LEVEL: "silent",
        WORKSMITH_SEED_DEMO: "false",
        WORKSMITH_WORKER_CONCURRENCY: "0",
      }),
    );
    const setup = await fetch(new URL("/api/auth/setup", server.url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(server.url).origin },
      body: JSON.stringify({ email: "owner@example.test", name: "Owner", password: "correct horse battery" }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers
      .getSetCookie()
      .find((c) => c.startsWith("worksmith_session="))!
      .split(";")[0]!;
    token = (await api<{ token: string }>("POST", "/api/tokens", { name: "cli" }, { authorization: "", cookie })).token;
    projectId = ProjectView.parse(await api("POST", "/api/projects", { name: "Rhythm", description: "" })).id;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("creates, runs through the server's tick, pauses, lists and deletes", async () => {
    const weekly = await cli([
      "schedules",
      "create",
      "-p",
      "Rhythm",
      "-r",
      "status-report",
      "--cron",
      "0 9 * * 1",
      "--tz",
      "Europe/Oslo",
      "--param",
      "topic=The week",
    ]);
    expect(weekly.stderr).toBe("");
    expect(weekly.code).toBe(0);
    const next = weekly.stdout.split("\n").filter((l) => l.includes("next:"));
    expect(next).toHaveLength(5);
    for (const l of next) expect(l).toMatch(/next: Mon \d{4}-\d\d-\d\d 09:00 Europe\/Oslo/);

    const bad = await cli(["schedules", "create", "-p", "Rhythm", "-r", "status-report", "--cron", "0 25 * * *", "--param", "topic=x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cron/);

    const pulse = await cli([
      "schedules",
      "create",
      "-p",
      "Rhythm",
      "-r",
      "status-report",
      "--cron",
      "* * * * * *",
      "-n",
      "Pulse",
      "--param",
      "topic=Pulse",
      "--json",
    ]);
    expect(pulse.code).toBe(0);
    const id = (JSON.parse(pulse.stdout) as { id: string }).id;
    // The server's own tick (every second by default) turns slots into tickets.
    const deadline = Date.now() + 20_000;
    let tickets = 0;
    while (Date.now() < deadline && tickets < 2) {
      tickets = (await api<{ items: unknown[] }>("GET", `/api/work/tickets?project_id=${projectId}&limit=50`)).items.length;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(tickets).toBeGreaterThanOrEqual(2);

    const paused = await cli(["schedules", "pause", id]);
    expect(paused.code).toBe(0);
    expect(paused.stdout).toMatch(/paused schedule .*"Pulse".*\(paused\)/);
    const list = await cli(["schedules", "list", "-p", "Rhythm"]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Pulse .* paused/);
    expect(list.stdout).toMatch(/status-report +0 9 \* \* 1 +Europe\/Oslo +Mon/);

    expect((await cli(["schedules", "delete", id])).code).toBe(0);
    const gone = await cli(["schedules", "delete", id]);
    expect(gone.code).toBe(2);
  }, 120_000);
});
