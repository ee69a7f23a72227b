// A real `worksmith` server (embedded database in a temp dir) with its owner set up through the API
// as the setup page does, and the CLI run as a real subprocess against it: what the CLI tests of one
// command group need, in one place.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer, type RunningServer } from "../../src/cli/serve.js";
import { loadConfig } from "../../src/config.js";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI_TIMEOUT_MS = 90_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliServer {
  server: RunningServer;
  dataDir: string;
  /** The owner's API token, as the CLI gets it through WORKSMITH_TOKEN. */
  token: string;
  /** Runs `worksmith <args>` against the server (killed after 90 s). */
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** The owner's JSON request; throws on a non-2xx answer. */
  api<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  stop(): Promise<void>;
}

export async function startCliServer(label: string, env: Record<string, string> = {}, ownerName = "CLI owner"): Promise<CliServer> {
  const dataDir = await mkdtemp(join(tmpdir(), `worksmith-cli-${label}-`));
  const server = await startServer(
    loadConfig({ WORKSMITH_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "silent", WORKSMITH_SEED_DEMO: "false", ...env }),
  );
  let token = "";

  async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const res = await fetch(new URL(path, server.url), {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", origin: server.url, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, WORKSMITH_URL: server.url, WORKSMITH_TOKEN: token, NO_COLOR: "1", FORCE_COLOR: "0", ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), CLI_TIMEOUT_MS);
    return new Promise((done) =>
      child.on("close", (code) => {
        clearTimeout(timer);
        done({ code, stdout, stderr });
      }),
    );
  }

  const stop = async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const setup = await fetch(new URL("/api/auth/setup", server.url), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(server.url).origin },
      body: JSON.stringify({ email: "owner@example.test", name: ownerName, password: "correct horse battery" }),
    });
    if (setup.status !== 201) throw new Error(`owner setup answered ${setup.status}: ${await setup.text()}`);
    const cookie = setup.headers
      .getSetCookie()
      .find((c) => c.startsWith("worksmith_session="))
      ?.split(";")[0];
    if (!cookie) throw new Error("owner setup set no session cookie");
    token = (await api<{ token: string }>("POST", "/api/tokens", { name: "cli" }, { authorization: "", cookie })).token;
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    server,
    dataDir,
    get token() {
      return token;
    },
    cli,
    api,
    stop,
  };
}
