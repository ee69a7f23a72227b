// Context uploads and signed output downloads through the HTTP contract, on both drivers.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { registerOutputRoutes } from "../../src/api/routes/outputs.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { workOutputs } from "../../src/db/schema.js";
import type { ContextItemView, OutputView } from "../../src/domain/contract.js";
import { submitTicket } from "../../src/engine/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createDataDirFileStore, newTicketFileKey } from "../../src/storage/index.js";
import { silentLogger } from "../helpers/api-app.js";
import { sqlRows } from "../helpers/sql.js";
import { clientFor, createTestUser, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const SECRET = "test-secret-that-is-long-enough";
const MAX_UPLOAD = 64 * 1024;

describe.each(DRIVERS)("context and outputs API on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;
  let clock = new Date();

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    const owner = await createTestUser(t.database);
    projectId = (await createProject(t.database.db, { name: "P", description: "" }, owner.id)).id;
    const dataDir = await mkdtemp(join(tmpdir(), "ws-api-"));
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir, WORKSMITH_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) });
    const store = createDataDirFileStore(dataDir);
    app = clientFor(
      createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
        (a) => registerContextRoutes(a, { database: t.database, config }),
        (a) => registerOutputRoutes(a, { database: t.database, store, secret: SECRET, downloadTtlS: 900, now: () => clock }),
      ]),
      owner,
    );
    // One ticket with a file output and a text output, written as the engine's emitOutput would.
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "executive-summary-deck", parameters: { topic: "x" } });
    const key = newTicketFileKey(ticket.id, "pdf");
    await store.put(key, Buffer.from("%PDF-1.4 fake but stored"), "application/pdf");
    await t.database.db.insert(workOutputs).values([
      {
        ticketId: ticket.id,
        projectId,
        title: "Report",
        body: "# Report",
        fileKey: key,
        fileFormat: "pdf",
        filename: "Q3 report – final.pdf",
        mime: "application/pdf",
        bytes: 24,
        generationMethod: "skill",
        agentType: "reporting",
        outputType: "report",
        createdAt: new Date(Date.now() - 1000),
      },
      {
        ticketId: ticket.id,
        projectId,
        title: "Summary",
        body: "Just text",
        generationMethod: "text",
        agentType: "reporting",
        outputType: "summary",
      },
    ]);
    ticketId = ticket.id;
  });
  let ticketId: string;
  afterAll(async () => t.cleanup());

  const contextCount = async () =>
    Number((await sqlRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM context_items`))[0]?.n);

  function upload(name: string, content: string | Buffer, type = "text/plain") {
    const form = new FormData();
    form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)], { type }), name);
    return app.request(`/api/projects/${projectId}/context`, { method: "POST", body: form });
  }

  it("adds a JSON note and an uploaded markdown file, lists and deletes them", async () => {
    const note = await app.request(`/api/projects/${projectId}/context`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "Kickoff", body: "Budget is $1.2 million." }),
    });
    expect(note.status).toBe(201);
    const file = await upload("../../etc/plan.md", "# Plan\nShip in March 2027.", "text/markdown");
    expect(file.status).toBe(201);
    const item = (await file.json()) as ContextItemView;
    expect(item.kind).toBe("file");
    expect(item.filename).toBe("plan.md");
    const listed = (await (await app.request(`/api/projects/${projectId}/context`)).json()) as { items: ContextItemView[] };
    expect(listed.items.map((i) => i.kind).sort()).toEqual(["file", "note"]);
    expect((await app.request(`/api/projects/${projectId}/context/${item.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await app.request(`/api/projects/${projectId}/context/${item.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("refuses bad uploads with 413 / 415 / 422 / 400 and writes nothing", async () => {
    const before = await contextCount();
    const big = await upload("big.txt", Buffer.alloc(MAX_UPLOAD + 200 * 1024, "a"));
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toContain("application/problem+json");
    expect((await upload("tool.exe", Buffer.from([0x4d, 0x5a, 0, 1, 2]), "application/octet-stream")).status).toBe(415);
    const empty = await upload("empty.md", "   \n ");
    expect(empty.status).toBe(422);
    expect(((await empty.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("file");
    const blank = await app.request(`/api/projects/${projectId}/context`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: "", body: "" }),
    });
    expect(blank.status).toBe(422);
    expect(
      (
        await app.request(`/api/projects/${projectId}/context`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{",
        })
      ).status,
    ).toBe(400);
    expect(
      (await app.request(`/api/projects/${projectId}/context`, { method: "POST", headers: { "content-type": "text/xml" }, body: "<a/>" }))
        .status,
    ).toBe(415);
    expect((await app.request(`/api/projects/00000000-0000-4000-8000-000000000000/context`)).status).toBe(404);
    expect(await contextCount()).toBe(before);
  });

  it("lists a ticket's outputs with a signed link only for files; the link downloads with type and filename", async () => {
    const res = await app.request(`/api/work/tickets/${ticketId}/outputs`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: OutputView[] };
    expect(items.map((i) => i.title)).toEqual(["Report", "Summary"]);
    expect(items[1]!.download_url).toBeNull();
    const url = items[0]!.download_url!;
    expect(url).toMatch(/^\/api\/downloads\//);
    const file = await app.request(url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toContain("filename*=UTF-8''Q3%20report%20%E2%80%93%20final.pdf");
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("%PDF-1.4 fake but stored");
  });

  it("a tampered or expired link → 403", async () => {
    const { items } = (await (await app.request(`/api/work/tickets/${ticketId}/outputs`)).json()) as { items: OutputView[] };
    const url = items[0]!.download_url!;
    const token = url.split("/").pop()!;
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(Buffer.from(payload!, "base64url").toString().replace(/:\d+$/, ":9999999999")).toString("base64url");
    for (const bad of [`${forged}.${mac}`, `${payload}.${mac!.slice(0, -2)}xx`, "garbage", "../../etc/passwd"]) {
      const res = await app.request(`/api/downloads/${encodeURIComponent(bad)}`);
      expect(res.status).toBe(403);
    }
    clock = new Date(Date.now() + 901_000);
    try {
      const expired = await app.request(url);
      expect(expired.status).toBe(403);
      expect(((await expired.json()) as { detail: string }).detail).toContain("expired");
    } finally {
      clock = new Date();
    }
  });
});
