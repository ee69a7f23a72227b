// `worksmith files migrate`: every file moved, each copy read back and its SHA-256 compared; a file
// whose ticket is gone is left behind as an orphan; a second run moves nothing; a copy that does not
// match is deleted and reported (exit 1), never kept.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDataDirFileStore,
  createPostgresFileStore,
  createS3FileStore,
  migrateFiles,
  newTicketFileKey,
  sqlRunnerOf,
  type FileStore,
} from "../../src/storage/index.js";
import { fileKeysWithTicket } from "../../src/db/repositories/stored-files.js";
import { openStoreFixture, patternBytes, type StoreFixture } from "./store-fixtures.js";
import { randomUUID } from "node:crypto";

const ROOT = resolve(import.meta.dirname, "../..");

function worksmith(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}

async function contents(store: FileStore): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const f of store.list()) out.set(f.key, await (await store.get(f.key))!.read());
  return out;
}

describe("worksmith files migrate (PostgreSQL, then S3)", () => {
  // The s3 fixture brings a real PostgreSQL database and a local S3 server.
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStoreFixture("s3");
  }, 120_000);
  afterAll(async () => {
    await fx?.cleanup();
  });

  it("moves local → postgres → s3 with every copy verified, orphans left, re-runs idempotent", { timeout: 300_000 }, async () => {
    const local = createDataDirFileStore(fx.dataDir);
    const keys = [fx.newKey("pdf"), fx.newKey("pptx"), fx.newKey("md")];
    await local.put(keys[0]!, patternBytes(3_000_000), "application/pdf");
    await local.put(keys[1]!, Buffer.from("a deck"), "application/octet-stream");
    await local.put(keys[2]!, Buffer.alloc(0), "text/markdown");
    const orphan = newTicketFileKey(randomUUID(), "pdf");
    await local.put(orphan, Buffer.from("nobody's"), "application/pdf");
    const before = await contents(local);
    const env = { DATABASE_URL: fx.t.url!, WORKSMITH_DATA_DIR: fx.dataDir, ...fx.s3!.env, WORKSMITH_FILE_STORE: "postgres" };

    const first = await worksmith(["files", "migrate", "--to", "postgres"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("moved 3 files");
    expect(first.stdout).toContain("1 orphans");
    const postgres = createPostgresFileStore(sqlRunnerOf(fx.t.database.raw));
    const inPostgres = await contents(postgres);
    expect([...inPostgres.keys()].sort()).toEqual([...keys].sort());
    for (const key of keys) expect(inPostgres.get(key)!.equals(before.get(key)!), key).toBe(true);

    const again = await worksmith(["files", "migrate", "--to", "postgres"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("moved 0 files");
    expect(again.stdout).toContain("3 already there");

    const toS3 = await worksmith(["files", "migrate", "--from", "postgres", "--to", "s3", "--delete-source"], env);
    expect(toS3.code).toBe(0);
    expect(toS3.stdout).toContain("moved 3 files");
    const inS3 = await contents(fx.store);
    for (const key of keys) expect(inS3.get(key)?.equals(before.get(key)!), key).toBe(true);
    expect((await contents(postgres)).size).toBe(0);
    // The local files were never deleted (no --delete-source on that run).
    expect((await contents(local)).size).toBe(4);

    const bad = await worksmith(["files", "migrate", "--to", "ftp"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--to and --from take local, postgres or s3");
  });

  it("a copy whose bytes differ from the source is deleted and reported, and the source is kept", { timeout: 120_000 }, async () => {
    const source = createDataDirFileStore(`${fx.dataDir}/second`);
    const key = fx.newKey("pdf");
    await source.put(key, patternBytes(600_000), "application/pdf");
    const real = await createS3FileStore(fx.s3!.settings);
    // A target that flips one byte on the way in: the read-back check must catch it.
    const corrupting: FileStore = {
      ...real,
      async put(k, body, mime) {
        const bytes = Buffer.from(await new Response(body as ReadableStream<Uint8Array>).arrayBuffer());
        const sent = await real.put(k, Buffer.from(bytes), mime);
        bytes[1234] = (bytes[1234] ?? 0) ^ 0xff;
        await real.put(k, bytes, mime);
        return sent;
      },
    };
    const report = await migrateFiles({
      from: source,
      to: corrupting,
      keep: (keys) => fileKeysWithTicket(fx.t.database.db, keys),
      deleteSource: true,
    });
    await real.close();
    expect(report.moved).toBe(0);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.reason).toContain("checksum mismatch");
    expect(await fx.store.exists(key)).toBe(false);
    expect(await source.exists(key)).toBe(true);
  });
});
