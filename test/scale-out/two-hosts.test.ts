// Two Worksmith hosts with no shared disk on one PostgreSQL (issue 19, item 3): host A runs `serve`
// with its worker, host B runs `serve --no-worker`; each has its own data directory and neither is
// given WORKSMITH_SECRET. A ticket submitted through B is run by A's worker; its file downloads through
// B (with links signed by either host, whole and by range), and its stream follows from both hosts
// with the same events. Once with the default store on PostgreSQL (`postgres`), once with `s3` (a
// local S3-compatible server). Neither data directory ever holds a file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { TicketEvent } from "../../src/domain/events.js";
import { readSse } from "../events/sse-reader.js";
import { createTestDatabase } from "../helpers/pg-admin.js";
import { startLocalS3, type LocalS3 } from "../storage/s3-server.js";
import { startHost, type Host } from "./host.js";

describe.each(["postgres", "s3"] as const)("two hosts, no shared disk, files in %s", (storeKind) => {
  let db: { url: string; drop(): Promise<void> };
  let s3: LocalS3 | null = null;
  let a: Host;
  let b: Host;
  let token = "";
  let failed = false;

  const call = async <T>(host: Host, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(new URL(path, host.url!), {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${host.name} ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    if (storeKind === "s3") s3 = await startLocalS3();
    // Slow enough steps that both streams are open while the ticket runs.
    const env = { DATABASE_URL: db.url, WORKSMITH_BUILTIN_STEP_DELAY_MS: "150", ...(s3?.env ?? {}) };
    // A first, so it migrates alone; then B.
    a = await startHost("a", "serve", env);
    b = await startHost("b", "serve --no-worker", env);
    const setup = await fetch(new URL("/api/auth/setup", a.url!), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(a.url!).origin },
      body: JSON.stringify({ email: "owner@example.test", name: "Owner", password: "correct horse battery" }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers
      .getSetCookie()
      .find((c) => c.startsWith("worksmith_session="))!
      .split(";")[0]!;
    const made = await fetch(new URL("/api/tokens", a.url!), {
      method: "POST",
      headers: { cookie, origin: new URL(a.url!).origin, "content-type": "application/json" },
      body: JSON.stringify({ name: "test" }),
    });
    token = ((await made.json()) as { token: string }).token;
  }, 300_000);

  afterAll(async () => {
    // A failure is read from the hosts' own logs.
    if (failed) for (const host of [a, b]) if (host) console.log(`--- host ${host.name}\n${host.output().slice(-6000)}`);
    await b?.stop();
    await a?.stop();
    await s3?.stop();
    await db?.drop();
  });

  it("a ticket run on A downloads through B and streams from both", { timeout: 240_000 }, async () => {
    onTestFailed(() => {
      failed = true;
    });
    // Through B: a project, a note, and the ticket (B has no worker; only A can run it).
    const project = await call<{ id: string }>(b, "POST", "/api/projects", { name: "Scale-out", description: "" });
    await call(b, "POST", `/api/projects/${project.id}/context`, {
      title: "Q3 numbers",
      body: "Revenue grew 12% to $4.2M in Q3. Churn fell to 2.1%. The launch slipped to November.",
    });
    const submitted = await call<{ work_ticket_id: string }>(b, "POST", "/api/work/reporting/execute", {
      project_id: project.id,
      recipe_slug: "status-report",
      parameters: { topic: "Q3 status" },
    });
    const id = submitted.work_ticket_id;
    const streamOf = (host: Host) =>
      readSse(`${host.url}/api/work/tickets/${id}/stream`, {
        headers: { authorization: `Bearer ${token}` },
        timeoutMs: 120_000,
      });
    const [onA, onB] = await Promise.all([streamOf(a), streamOf(b)]);
    for (const read of [onA, onB]) {
      expect(read.status).toBe(200);
      expect(read.ended).toBe(true);
    }
    const eventsOf = (read: typeof onA) =>
      read.messages.filter((m) => m.event !== "end").map((m) => ({ id: m.id, event: TicketEvent.parse(JSON.parse(m.data)) }));
    const fromA = eventsOf(onA);
    const fromB = eventsOf(onB);
    expect(fromB.map((e) => e.id)).toEqual(fromA.map((e) => e.id));
    const statuses = fromA.flatMap((e) => (e.event.type === "status" ? [e.event.data.status] : []));
    expect(statuses.at(-1)).toBe("completed");
    expect(statuses).toContain("running");
    expect(fromA.some((e) => e.event.type === "output")).toBe(true);

    // Links signed by A open through B and links signed by B through A: one secret, in the database.
    type Outputs = { items: { download_url: string | null; bytes: number | null; file_format: string | null }[] };
    const viaA = (await call<Outputs>(a, "GET", `/api/work/tickets/${id}/outputs`)).items.find((o) => o.download_url);
    const viaB = (await call<Outputs>(b, "GET", `/api/work/tickets/${id}/outputs`)).items.find((o) => o.download_url);
    expect(viaA?.file_format).toBe("pdf");
    const get = (host: Host, path: string, headers: Record<string, string> = {}) =>
      fetch(new URL(path, host.url!), { headers: { authorization: `Bearer ${token}`, ...headers } });
    const whole = await get(b, viaA!.download_url!);
    expect(whole.status).toBe(200);
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
    expect(bytes.length).toBe(viaA!.bytes);
    const etag = whole.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    const fromOther = await get(a, viaB!.download_url!);
    expect(fromOther.status).toBe(200);
    expect(Buffer.from(await fromOther.arrayBuffer()).equals(bytes)).toBe(true);
    expect(fromOther.headers.get("etag")).toBe(etag);

    // A resumed download through B: the rest of the file from byte 100, the same version.
    const rest = await get(b, viaA!.download_url!, { range: "bytes=100-", "if-range": etag! });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe(`bytes 100-${bytes.length - 1}/${bytes.length}`);
    expect(Buffer.from(await rest.arrayBuffer()).equals(bytes.subarray(100))).toBe(true);
    // A resume against another version gets the whole file; a range past the end, 416.
    const stale = await get(b, viaA!.download_url!, { range: "bytes=100-", "if-range": '"another version"' });
    expect(stale.status).toBe(200);
    expect(Buffer.from(await stale.arrayBuffer()).length).toBe(bytes.length);
    const past = await get(a, viaB!.download_url!, { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${bytes.length}`);

    // No file on either host's disk.
    for (const host of [a, b]) expect(existsSync(join(host.dataDir, "files")), host.name).toBe(false);
    expect(b.output()).not.toContain('"level":50');
  });
});
