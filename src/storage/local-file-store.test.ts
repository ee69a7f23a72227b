import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidFileKeyError, isFileKey, newTicketFileKey } from "./file-store.js";
import { createDataDirFileStore } from "./local-file-store.js";
import { loadOrCreateSecret } from "./secret.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "store-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("file keys", () => {
  it("are minted from a ticket id and accepted only in our shape", () => {
    const ticket = randomUUID();
    const key = newTicketFileKey(ticket, "pdf");
    expect(key).toMatch(new RegExp(`^tickets/${ticket}/[0-9a-f-]{36}\\.pdf$`));
    expect(isFileKey(key)).toBe(true);
    for (const bad of [
      "../etc/passwd",
      `tickets/${ticket}/../../secret`,
      `tickets/${ticket}/${randomUUID()}.exe`,
      `/tickets/${ticket}/${randomUUID()}.pdf`,
      `tickets/${ticket}/${randomUUID()}.pdf/`,
      `tickets\\${ticket}\\${randomUUID()}.pdf`,
      `tickets/${ticket}/${randomUUID()}.pdf\n`,
      "report.pdf",
    ]) {
      expect(isFileKey(bad), bad).toBe(false);
    }
    expect(() => newTicketFileKey("../x", "pdf")).toThrow(InvalidFileKeyError);
  });
});

describe("local file store", () => {
  it("puts, gets, streams and checks files under <dataDir>/files", async () => {
    const store = createDataDirFileStore(dir);
    const key = newTicketFileKey(randomUUID(), "md");
    expect(await store.exists(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
    await store.put(key, Buffer.from("# Hello\n"), "text/markdown");
    expect(await store.exists(key)).toBe(true);
    const got = await store.get(key);
    expect(got?.bytes).toBe(8);
    expect((await got!.read()).toString()).toBe("# Hello\n");
    const streamed = Buffer.from(await new Response(got!.stream()).arrayBuffer()).toString();
    expect(streamed).toBe("# Hello\n");
    expect(await readFile(join(dir, "files", ...key.split("/")), "utf8")).toBe("# Hello\n");
    // No temporary files left behind.
    expect(await readdir(join(dir, "files", ...key.split("/").slice(0, 2)))).toHaveLength(1);
  });

  it("refuses keys that are not ours before touching the filesystem", async () => {
    const store = createDataDirFileStore(dir);
    await expect(store.put("../../evil.md", Buffer.from("x"), "text/plain")).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(store.get("../secret")).rejects.toBeInstanceOf(InvalidFileKeyError);
    await expect(store.exists("tickets/x/y.md")).rejects.toBeInstanceOf(InvalidFileKeyError);
  });
});

describe("loadOrCreateSecret", () => {
  it("uses the configured secret, else creates one once and keeps it (0600)", async () => {
    const data = join(dir, "data");
    expect(await loadOrCreateSecret(data, "configured-secret-123456")).toBe("configured-secret-123456");
    const first = await loadOrCreateSecret(data);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(await loadOrCreateSecret(data)).toBe(first);
    expect((await stat(join(data, "secret"))).mode & 0o777).toBe(0o600);
    const [a, b] = await Promise.all([loadOrCreateSecret(join(dir, "race")), loadOrCreateSecret(join(dir, "race"))]);
    expect(a).toBe(b);
  });
});
