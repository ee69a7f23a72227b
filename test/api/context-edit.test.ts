// Context you can read and change (issue 15, item 2): an item answers with the facts read from it;
// a note's title and text can be edited and are analysed again (the clean text, the facts and the
// search all follow the new text); an uploaded file keeps its extracted text; viewers may neither
// edit nor delete (403). Both drivers; analysis runs inline (a pool of size 0).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentPool } from "../../src/agents/pool/index.js";
import { createApi } from "../../src/api/app.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { loadConfig } from "../../src/config.js";
import { searchContext } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { ContextItemDetail, ContextItemView } from "../../src/domain/contract.js";
import { silentLogger } from "../helpers/api-app.js";
import { clientFor, createTestUser, grantRole, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const FIRST = "# Q3 update\n\nRevenue rose 12% to $5.1 million in Q3 2026. The Oslo office opened on 3 October 2026.";
const SECOND = "# Retention\n\nMonthly churn fell from 6% to 4% in October 2026. The main risk is the billing migration.";

describe.each(DRIVERS)("context items: read, edit, delete on %s", (driver) => {
  let t: TestDatabase;
  let owner: TestClient;
  let member: TestClient;
  let viewer: TestClient;
  let projectId: string;
  let otherProjectId: string;

  const itemPath = (id: string, project = projectId) => `/api/projects/${project}/context/${id}`;
  const send = (client: TestClient, method: string, path: string, body?: unknown) =>
    client.request(path, {
      method,
      ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
  async function read(id: string) {
    const res = await owner.request(itemPath(id));
    expect(res.status).toBe(200);
    return ContextItemDetail.parse(await res.json());
  }
  async function addNote(title: string, body: string) {
    const res = await send(owner, "POST", `/api/projects/${projectId}/context`, { title, body });
    expect(res.status).toBe(201);
    return ContextItemView.parse(await res.json());
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const ownerUser = await createTestUser(t.database);
    const memberUser = await createTestUser(t.database);
    const viewerUser = await createTestUser(t.database);
    projectId = (await createProject(t.database.db, { name: "P", description: "" }, ownerUser.id)).id;
    otherProjectId = (await createProject(t.database.db, { name: "Other", description: "" }, ownerUser.id)).id;
    await grantRole(t.database, projectId, memberUser.id, "member");
    await grantRole(t.database, projectId, viewerUser.id, "viewer");
    const config = loadConfig({ WORKSMITH_DATA_DIR: await mkdtemp(join(tmpdir(), "ws-ctx-edit-")) });
    const pool = createAgentPool({ size: 0 });
    const api = createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
      (a) => registerContextRoutes(a, { database: t.database, config, pool }),
    ]);
    owner = clientFor(api, ownerUser);
    member = clientFor(api, memberUser);
    viewer = clientFor(api, viewerUser);
  });
  afterAll(async () => t.cleanup());

  it("an item answers with the facts its analysis read", async () => {
    const note = await addNote("Q3 update", FIRST);
    const item = await read(note.id);
    expect(item.facts).not.toBeNull();
    expect(item.facts!.figures.map((f) => f.value)).toEqual(expect.arrayContaining(["12%", "$5.1 million"]));
    expect(item.facts!.figures.find((f) => f.value === "$5.1 million")).toMatchObject({
      sentence: expect.stringContaining("Revenue rose"),
    });
    expect(item.facts!.events.map((e) => e.date)).toContain("3 October 2026");
  });

  it("editing a note's text analyses it again: clean text, facts and search follow the new text", async () => {
    const note = await addNote("Q3 update", FIRST);
    const res = await send(member, "PATCH", itemPath(note.id), { title: "Retention note", body: SECOND });
    expect(res.status).toBe(200);
    expect(ContextItemView.parse(await res.json())).toMatchObject({
      id: note.id,
      title: "Retention note",
      bytes: Buffer.byteLength(SECOND),
    });

    const item = await read(note.id);
    expect(item).toMatchObject({ title: "Retention note", original: SECOND, internal: false });
    expect(item.text).toContain("Monthly churn fell");
    expect(item.text).not.toContain("Revenue");
    // The structure as safe Markdown: the heading kept, the text escaped.
    expect(item.markdown).toMatch(/^# Retention\n\nMonthly churn fell from 6% to 4% in October 2026\\\./);
    const values = item.facts!.figures.map((f) => f.value);
    expect(values).toEqual(expect.arrayContaining(["4%"]));
    expect(values).not.toContain("$5.1 million");
    expect(item.facts!.statements.some((s) => s.kind === "risk" && s.text.includes("billing migration"))).toBe(true);

    const hits = await searchContext(t.database.db, projectId, "churn billing");
    expect(hits.map((h) => h.id)).toContain(note.id);
    const old = await searchContext(t.database.db, projectId, "Oslo office");
    expect(old.map((h) => h.id)).not.toContain(note.id);
  });

  it("a title alone, internal alone, or both with the text: each keeps what it does not name", async () => {
    const note = await addNote("Draft", FIRST);
    expect((await send(owner, "PATCH", itemPath(note.id), { title: "Final" })).status).toBe(200);
    expect(await read(note.id)).toMatchObject({ title: "Final", original: FIRST });
    expect((await send(owner, "PATCH", itemPath(note.id), { internal: true })).status).toBe(200);
    expect(await read(note.id)).toMatchObject({ title: "Final", original: FIRST, internal: true });
    expect((await send(owner, "PATCH", itemPath(note.id), { body: SECOND, internal: false })).status).toBe(200);
    expect(await read(note.id)).toMatchObject({ title: "Final", original: SECOND, internal: false });
  });

  it("bad edits are 422 naming the field; an empty change is 422", async () => {
    const note = await addNote("Note", FIRST);
    const empty = await send(owner, "PATCH", itemPath(note.id), {});
    expect(empty.status).toBe(422);
    const blank = await send(owner, "PATCH", itemPath(note.id), { title: "  ", body: "" });
    expect(blank.status).toBe(422);
    const fields = ((await blank.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(["body", "title"]);
    expect(await read(note.id)).toMatchObject({ title: "Note", original: FIRST });
  });

  it("an uploaded file keeps its extracted text: title and text edits are 422, internal may change", async () => {
    const form = new FormData();
    form.append("file", new File(["# Pricing\n\nThe list price is 29 euros per month."], "pricing.md", { type: "text/markdown" }));
    const up = await owner.request(`/api/projects/${projectId}/context`, { method: "POST", body: form });
    expect(up.status).toBe(201);
    const file = ContextItemView.parse(await up.json());
    const edit = await send(owner, "PATCH", itemPath(file.id), { body: "The list price is 19 euros." });
    expect(edit.status).toBe(422);
    expect(((await edit.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["body"]);
    expect((await send(owner, "PATCH", itemPath(file.id), { internal: true })).status).toBe(200);
    const item = await read(file.id);
    expect(item).toMatchObject({ kind: "file", internal: true });
    expect(item.original).toContain("29 euros per month");
  });

  it("a chat export or meeting transcript added without saying is internal; said, the person's choice stands", async () => {
    const chat =
      "Ana Silva  10:02 AM\nThe launch sold 1,200 units :tada:\nTheo Lind  10:04 AM\nLet's not tell the distributor the margin yet.";
    const upload = async (internal?: string) => {
      const form = new FormData();
      form.append("file", new File([chat], "launch-channel.txt", { type: "text/plain" }));
      if (internal !== undefined) form.append("internal", internal);
      const res = await owner.request(`/api/projects/${projectId}/context`, { method: "POST", body: form });
      expect(res.status).toBe(201);
      return ContextItemView.parse(await res.json());
    };
    expect((await upload()).internal).toBe(true);
    expect((await upload("false")).internal).toBe(false);

    const transcript =
      "Priya Shah (00:01:02): So the floor price stays at $180.\n\nJonah Price (00:01:40): And we drop the spring bundle in May.";
    const pasted = await send(owner, "POST", `/api/projects/${projectId}/context`, { title: "Pricing call", body: transcript });
    expect(ContextItemView.parse(await pasted.json()).internal).toBe(true);
    const chosen = await send(owner, "POST", `/api/projects/${projectId}/context`, {
      title: "Pricing call",
      body: transcript,
      internal: false,
    });
    expect(ContextItemView.parse(await chosen.json()).internal).toBe(false);
    // Anything else stays as it was: not internal unless said.
    expect((await addNote("Plain", FIRST)).internal).toBe(false);
  });

  it("viewers may read but neither edit nor delete (403); nothing changes", async () => {
    const note = await addNote("Viewer test", FIRST);
    expect((await viewer.request(itemPath(note.id))).status).toBe(200);
    const edit = await send(viewer, "PATCH", itemPath(note.id), { body: SECOND });
    expect(edit.status).toBe(403);
    expect(edit.headers.get("content-type")).toContain("application/problem+json");
    expect((await send(viewer, "PATCH", itemPath(note.id), { internal: true })).status).toBe(403);
    expect((await send(viewer, "DELETE", itemPath(note.id))).status).toBe(403);
    expect(await read(note.id)).toMatchObject({ title: "Viewer test", original: FIRST, internal: false });
  });

  it("delete removes the item; another project's path to it is 404", async () => {
    const note = await addNote("Doomed", FIRST);
    expect((await send(owner, "PATCH", itemPath(note.id, otherProjectId), { title: "x" })).status).toBe(404);
    expect((await send(owner, "DELETE", itemPath(note.id, otherProjectId))).status).toBe(404);
    expect((await send(member, "DELETE", itemPath(note.id))).status).toBe(204);
    expect((await owner.request(itemPath(note.id))).status).toBe(404);
    expect((await send(owner, "PATCH", itemPath(note.id), { title: "x" })).status).toBe(404);
  });
});
