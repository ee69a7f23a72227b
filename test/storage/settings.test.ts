// Choosing a store: the defaults, the S3 settings and their refusals, and the read fallback an
// upgraded PostgreSQL install gets for files still in its data dir.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";
import { createDataDirFileStore, openFileStore, sqlRunnerOf } from "../../src/storage/index.js";
import { openStoreFixture, type StoreFixture } from "./store-fixtures.js";

describe("file store settings", () => {
  it("default to postgres with DATABASE_URL and local without; WORKSMITH_FILE_STORE wins", () => {
    expect(loadConfig({}).files).toMatchObject({ store: "local", storeChosen: false, s3: null, sweepIntervalMs: 3_600_000 });
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db" }).files.store).toBe("postgres");
    expect(loadConfig({ DATABASE_URL: "postgres://x@h/db", WORKSMITH_FILE_STORE: "local" }).files).toMatchObject({
      store: "local",
      storeChosen: true,
    });
  });

  it("read the S3 settings and the standard AWS variables", () => {
    const files = loadConfig({
      WORKSMITH_FILE_STORE: "s3",
      WORKSMITH_S3_BUCKET: "outputs",
      WORKSMITH_S3_ENDPOINT: "http://minio:9000",
      WORKSMITH_S3_FORCE_PATH_STYLE: "true",
      WORKSMITH_S3_PREFIX: "worksmith/",
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIA",
      AWS_SECRET_ACCESS_KEY: "secret",
    }).files;
    expect(files.s3).toEqual({
      bucket: "outputs",
      endpoint: "http://minio:9000",
      region: "eu-west-1",
      forcePathStyle: true,
      prefix: "worksmith/",
      credentials: { accessKeyId: "AKIA", secretAccessKey: "secret", sessionToken: undefined },
    });
  });

  it("refuse an s3 store without a bucket, half a credential, a bad prefix or store name, in one line naming the variable", () => {
    for (const [env, name] of [
      [{ WORKSMITH_FILE_STORE: "s3" }, "WORKSMITH_S3_BUCKET"],
      [{ WORKSMITH_FILE_STORE: "s3", WORKSMITH_S3_BUCKET: "b", AWS_ACCESS_KEY_ID: "x" }, "AWS_SECRET_ACCESS_KEY"],
      [{ WORKSMITH_S3_PREFIX: "../x" }, "WORKSMITH_S3_PREFIX"],
      [{ WORKSMITH_FILE_STORE: "ftp" }, "WORKSMITH_FILE_STORE"],
      [{ WORKSMITH_S3_ENDPOINT: "not a url" }, "WORKSMITH_S3_ENDPOINT"],
    ] as const) {
      expect(() => loadConfig(env), name).toThrow(ConfigError);
      expect(() => loadConfig(env), name).toThrow(name);
    }
  });
});

describe("an upgraded install's files in its data dir", () => {
  let fx: StoreFixture;
  let dataDir: string;
  beforeAll(async () => {
    fx = await openStoreFixture("postgres (pglite)");
    dataDir = await mkdtemp(join(tmpdir(), "legacy-"));
  }, 180_000);
  afterAll(async () => {
    await fx?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("are still served by the postgres store until moved; new files go to PostgreSQL", { timeout: 60_000 }, async () => {
    const old = fx.newKey("pdf");
    await createDataDirFileStore(dataDir).put(old, Buffer.from("from before"), "application/pdf");
    const opened = await openFileStore({ store: "postgres", dataDir, s3: null, sql: sqlRunnerOf(fx.t.database.raw) });
    expect(opened.legacyFiles).toBe(true);
    expect((await (await opened.store.get(old))!.read()).toString()).toBe("from before");
    const fresh = fx.newKey("pdf");
    await opened.store.put(fresh, Buffer.from("new"), "application/pdf");
    expect(await fx.store.exists(fresh)).toBe(true);
    expect(await createDataDirFileStore(dataDir).exists(fresh)).toBe(false);
    const empty = await mkdtemp(join(tmpdir(), "fresh-"));
    expect((await openFileStore({ store: "postgres", dataDir: empty, s3: null, sql: sqlRunnerOf(fx.t.database.raw) })).legacyFiles).toBe(
      false,
    );
    await rm(empty, { recursive: true, force: true });
  });
});
