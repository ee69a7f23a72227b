// One contract, every store: local, postgres on both drivers, and s3 against a local S3-compatible
// server (s3rver, in its own process). What a caller may rely on whichever store an install runs.
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidFileKeyError, type FileStore, type StoredObject } from "../../src/storage/index.js";
import { openStoreFixture, patternBytes, patternSlice, STORE_NAMES, type StoreFixture } from "./store-fixtures.js";

async function text(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function keysOf(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of store.list()) keys.push(file.key);
  return keys;
}

describe.each(STORE_NAMES)("file store contract: %s", (name) => {
  let fx: StoreFixture;
  beforeAll(async () => {
    fx = await openStoreFixture(name);
  }, 120_000);
  afterAll(async () => {
    await fx?.cleanup();
  });

  it("puts bytes and reads them back whole, streamed and as bytes, with their size and a quoted ETag", async () => {
    const key = fx.newKey("md");
    expect(await fx.store.exists(key)).toBe(false);
    expect(await fx.store.get(key)).toBeNull();
    const put = await fx.store.put(key, Buffer.from("# Hello\n"), "text/markdown");
    expect(put).toEqual({ bytes: 8, sha256: createHash("sha256").update("# Hello\n").digest("hex") });
    expect(put.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await fx.store.exists(key)).toBe(true);
    const got = (await fx.store.get(key))!;
    expect(got.bytes).toBe(8);
    expect(got.etag).toMatch(/^".+"$/);
    expect((await got.read()).toString()).toBe("# Hello\n");
    expect((await text(got.stream())).toString()).toBe("# Hello\n");
  });

  it("streams a body in from pieces of any size and out across its chunk boundaries", async () => {
    const size = 1_234_567; // several postgres chunks, not a multiple of any
    const key = fx.newKey("pdf");
    const put = await fx.store.put(key, patternBytes(size, 99_991), "application/pdf");
    expect(put.bytes).toBe(size);
    const got = (await fx.store.get(key))!;
    expect(got.bytes).toBe(size);
    expect((await text(got.stream())).equals(patternSlice(0, size - 1))).toBe(true);
  });

  it("reads byte ranges: the first byte, across a chunk boundary, the last byte, one whole chunk", async () => {
    const size = 700_001;
    const key = fx.newKey("pptx");
    await fx.store.put(key, patternBytes(size), "application/octet-stream");
    const got = (await fx.store.get(key)) as StoredObject;
    for (const [start, end] of [
      [0, 0],
      [262_100, 262_200],
      [size - 1, size - 1],
      [262_144, 524_287],
      [1, size - 2],
    ] as const) {
      const part = await text(got.stream({ start, end }));
      expect(part.length, `${start}-${end}`).toBe(end - start + 1);
      expect(part.equals(patternSlice(start, end)), `${start}-${end}`).toBe(true);
    }
  });

  it("keeps an empty file", async () => {
    const key = fx.newKey("txt");
    await fx.store.put(key, Buffer.alloc(0), "text/plain");
    const got = (await fx.store.get(key))!;
    expect(got.bytes).toBe(0);
    expect((await got.read()).length).toBe(0);
  });

  it("replaces a file put again under the same key, with another ETag", async () => {
    const key = fx.newKey("json");
    await fx.store.put(key, Buffer.from('{"v":1}'), "application/json");
    const first = (await fx.store.get(key))!;
    await fx.store.put(key, Buffer.from('{"v":22}'), "application/json");
    const second = (await fx.store.get(key))!;
    expect((await second.read()).toString()).toBe('{"v":22}');
    expect(second.bytes).toBe(8);
    expect(second.etag).not.toBe(first.etag);
    expect((await keysOf(fx.store)).filter((k) => k === key)).toHaveLength(1);
  });

  it("lists what it holds and deletes (a missing file's delete is no error)", async () => {
    const a = fx.newKey("csv");
    const b = fx.newKey("csv");
    await fx.store.put(a, Buffer.from("a,b\n"), "text/csv");
    await fx.store.put(b, Buffer.from("c,d\n"), "text/csv");
    const listed = await keysOf(fx.store);
    expect(listed).toEqual(expect.arrayContaining([a, b]));
    const info = [];
    for await (const f of fx.store.list()) if (f.key === a) info.push(f);
    expect(info[0]?.bytes).toBe(4);
    expect(info[0]?.modifiedAt.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    await fx.store.delete(a);
    await fx.store.delete(a);
    expect(await fx.store.exists(a)).toBe(false);
    expect(await fx.store.get(a)).toBeNull();
    expect(await fx.store.exists(b)).toBe(true);
    expect(await keysOf(fx.store)).not.toContain(a);
  });

  it("refuses keys that are not ours before touching anything", async () => {
    const ticket = randomUUID();
    for (const bad of ["../../evil.md", `tickets/${ticket}/../x.md`, `tickets/${ticket}/${randomUUID()}.exe`, "tickets/x/y.md"]) {
      await expect(fx.store.put(bad, Buffer.from("x"), "text/plain"), bad).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(fx.store.get(bad), bad).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(fx.store.exists(bad), bad).rejects.toBeInstanceOf(InvalidFileKeyError);
      await expect(fx.store.delete(bad), bad).rejects.toBeInstanceOf(InvalidFileKeyError);
    }
  });

  it("a failed upload leaves nothing under its key", async () => {
    const key = fx.newKey("pdf");
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.alloc(300_000, 1);
      throw new Error("the source broke");
    }
    await expect(fx.store.put(key, failing(), "application/pdf")).rejects.toThrow("the source broke");
    expect(await fx.store.exists(key)).toBe(false);
    expect(await keysOf(fx.store)).not.toContain(key);
  });
});
