// `worksmith serve` takes its port before anything else: a port in use is reported at once, with
// nothing opened, migrated or locked first (issue 15: it used to surface after migrations, seeding and
// the worker had started).
import { createServer, type Server } from "node:net";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startServer } from "../../src/cli/serve.js";

let holder: Server;
let port: number;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "worksmith-port-"));
  holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  port = (holder.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => holder.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

describe("serve start-up", () => {
  it("reports a port in use before touching the data directory", async () => {
    const dataDir = join(root, "data");
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "silent" });
    await expect(startServer(config)).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    expect(existsSync(dataDir)).toBe(false);
  });
});
