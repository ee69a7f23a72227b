// Accounts and project isolation through the HTTP contract, on both drivers: a fresh install asks for
// its owner; a second account sees nothing of a project until invited; viewers read but cannot act;
// tokens are shown once, work as Bearer and stop working when revoked.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { registerOutputRoutes } from "../../src/api/routes/outputs.js";
import { registerStreamRoutes } from "../../src/api/routes/streams.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { workOutputs } from "../../src/db/schema.js";
import type {
  ExecuteAccepted,
  MemberView,
  OutputView,
  ProjectView,
  SessionView,
  TokenCreated,
  TokenView,
  UserView,
} from "../../src/domain/contract.js";
import { createEventHub, type EventHub } from "../../src/events/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { createDataDirFileStore, newTicketFileKey } from "../../src/storage/index.js";
import { postJson, silentLogger } from "../helpers/api-app.js";
import { clientFor, type TestClient, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

const ORIGIN = "http://localhost";
const json = { "content-type": "application/json", origin: ORIGIN };
const OWNER = { email: "Owner@Example.test", name: "Olga Owner", password: "correct horse battery" };

describe.each(DRIVERS)("accounts and project isolation on %s", (driver) => {
  let t: TestDatabase;
  let api: Api;
  let hub: EventHub;
  let demoProjectId: string;
  let ownerCookie: string;
  let plain: TestUser;
  let second: TestUser;
  let asOwner: TestClient;
  let asSecond: TestClient;
  let ticketId: string;
  let downloadUrl: string;
  let store: ReturnType<typeof createDataDirFileStore>;

  /** A browser-style request: the session cookie and the page's Origin. */
  function withCookie(cookie: string, path: string, init: RequestInit = {}) {
    return api.request(path, { ...init, headers: { ...json, cookie, ...(init.headers as Record<string, string> | undefined) } });
  }

  async function signUpUser(email: string): Promise<TestUser> {
    const created = await withCookie(ownerCookie, "/api/users", {
      method: "POST",
      body: JSON.stringify({ email, password: "another long password" }),
    });
    expect(created.status).toBe(201);
    const login = await api.request("/api/auth/login", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email, password: "another long password" }),
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login);
    const token = (await (
      await withCookie(cookie, "/api/tokens", { method: "POST", body: JSON.stringify({ name: "cli" }) })
    ).json()) as TokenCreated;
    const user = (await login.json()) as UserView;
    return { id: user.id, email: user.email, token: token.token, headers: { authorization: `Bearer ${token.token}` } };
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    // The demo project of a fresh install exists before any account.
    demoProjectId = (await createProject(t.database.db, { name: "Demo", description: "" })).id;
    const dataDir = await mkdtemp(join(tmpdir(), "ws-access-"));
    const config = loadConfig({ WORKSMITH_DATA_DIR: dataDir });
    store = createDataDirFileStore(dataDir);
    hub = createEventHub({ database: t.database });
    await hub.start();
    api = createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
      (a) => registerContextRoutes(a, { database: t.database, config }),
      (a) => registerOutputRoutes(a, { database: t.database, store, secret: "access-test-secret-0123456789", downloadTtlS: 900 }),
      (a) => registerStreamRoutes(a, { database: t.database, hub, heartbeatMs: 60_000 }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    await t?.cleanup();
  });

  it("a fresh install asks for its owner; the first account owns the demo project; a second setup is refused", async () => {
    const before = (await (await api.request("/api/auth/session")).json()) as SessionView;
    // The limits are told before anyone signs in (the web app checks an upload's size before sending it).
    expect(before).toEqual({ user: null, setup_required: true, limits: { max_upload_bytes: loadConfig({}).maxUploadBytes } });
    expect((await api.request("/api/projects")).status).toBe(401);

    const setup = await api.request("/api/auth/setup", { method: "POST", headers: json, body: JSON.stringify(OWNER) });
    expect(setup.status).toBe(201);
    const cookieHeader = setup.headers.get("set-cookie") ?? "";
    expect(cookieHeader).toMatch(/^worksmith_session=[A-Za-z0-9_-]{40,};/);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Lax/i);
    expect(cookieHeader).not.toMatch(/Secure/i); // plain http here; Secure when the request is https
    ownerCookie = cookieOf(setup);
    const user = (await setup.json()) as UserView;
    expect(user).toMatchObject({ email: "owner@example.test", name: "Olga Owner", is_admin: true });

    const session = (await (await withCookie(ownerCookie, "/api/auth/session")).json()) as SessionView;
    expect(session).toMatchObject({ user: { email: "owner@example.test" }, setup_required: false });
    const projects = (await (await withCookie(ownerCookie, "/api/projects")).json()) as { items: ProjectView[] };
    expect(projects.items.map((p) => [p.id, p.role])).toEqual([[demoProjectId, "owner"]]);

    const again = await api.request("/api/auth/setup", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ ...OWNER, email: "intruder@example.test" }),
    });
    expect(again.status).toBe(409);
    const [users] = await sqlRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM users`);
    expect(Number(users?.n)).toBe(1);
  });

  it("signs in with the right password only, and signing out ends the session", async () => {
    const wrong = await api.request("/api/auth/login", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: OWNER.email, password: "not the password" }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const right = await api.request("/api/auth/login", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ email: "  OWNER@example.TEST ", password: OWNER.password }),
    });
    expect(right.status).toBe(200);
    const cookie = cookieOf(right);
    expect((await withCookie(cookie, "/api/projects")).status).toBe(200);
    expect((await withCookie(cookie, "/api/auth/logout", { method: "POST" })).status).toBe(204);
    expect((await withCookie(cookie, "/api/projects")).status).toBe(401);
    const after = (await (await withCookie(cookie, "/api/auth/session")).json()) as SessionView;
    expect(after.user).toBeNull();
    // The other session (from setup) is untouched.
    expect((await withCookie(ownerCookie, "/api/projects")).status).toBe(200);
  });

  it("tokens are shown once, work as Bearer, and stop working when revoked", async () => {
    const res = await withCookie(ownerCookie, "/api/tokens", { method: "POST", body: JSON.stringify({ name: "laptop" }) });
    expect(res.status).toBe(201);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const created = (await res.json()) as TokenCreated;
    expect(created.token).toMatch(/^wsk_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    const listed = (await (await withCookie(ownerCookie, "/api/tokens")).json()) as { items: TokenView[] };
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const [stored] = await sqlRows<{ token_hash: string }>(t.database.db, sql`SELECT token_hash FROM api_tokens WHERE id = ${created.id}`);
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(created.token);

    const bearer = { authorization: `Bearer ${created.token}` };
    expect((await api.request("/api/projects", { headers: bearer })).status).toBe(200);
    const used = (await (await withCookie(ownerCookie, "/api/tokens")).json()) as { items: TokenView[] };
    expect(used.items.find((x) => x.id === created.id)?.last_used_at).not.toBeNull();

    expect((await withCookie(ownerCookie, `/api/tokens/${created.id}`, { method: "DELETE" })).status).toBe(204);
    const revoked = await api.request("/api/projects", { headers: bearer });
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await api.request("/api/projects", { headers: { authorization: "Bearer wsk_made_up" } })).status).toBe(401);
    expect((await api.request("/api/projects", { headers: { authorization: "Basic b3duZXI6cGFzcw==" } })).status).toBe(401);
  });

  it("only the administrator creates accounts", async () => {
    plain = await signUpUser("plain@example.test");
    // An account made by the administrator is not one: it cannot create accounts.
    const refused = await postJson(clientFor(api, plain), "/api/users", { email: "x@example.test", password: "long enough password" });
    expect(refused.status).toBe(403);
    const dup = await withCookie(ownerCookie, "/api/users", {
      method: "POST",
      body: JSON.stringify({ email: "PLAIN@example.test", password: "long enough password" }),
    });
    expect(dup.status).toBe(409);
    const short = await withCookie(ownerCookie, "/api/users", {
      method: "POST",
      body: JSON.stringify({ email: "y@example.test", password: "short" }),
    });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["password"]);
  });

  it("a second account sees nothing of a project until invited: every route answers 404, as for a random id", async () => {
    // The installer's own token, for the owner's side of the story.
    const ownerToken = (await (
      await withCookie(ownerCookie, "/api/tokens", { method: "POST", body: JSON.stringify({ name: "o" }) })
    ).json()) as TokenCreated;
    asOwner = clientFor(api, {
      id: "",
      email: OWNER.email,
      token: ownerToken.token,
      headers: { authorization: `Bearer ${ownerToken.token}` },
    });
    second = await signUpUser("second@example.test");
    asSecond = clientFor(api, second);

    const accepted = (await (
      await postJson(asOwner, "/api/work/reporting/execute", {
        project_id: demoProjectId,
        recipe_slug: "status-report",
        parameters: { topic: "Q3" },
      })
    ).json()) as ExecuteAccepted;
    ticketId = accepted.work_ticket_id;
    const note = await postJson(asOwner, `/api/projects/${demoProjectId}/context`, { title: "Secret plan", body: "Only for the team." });
    expect(note.status).toBe(201);
    const noteId = ((await note.json()) as { id: string }).id;
    const fileKey = newTicketFileKey(ticketId, "pdf");
    await store.put(fileKey, Buffer.from("%PDF"), "application/pdf");
    await t.database.db.insert(workOutputs).values({
      ticketId,
      projectId: demoProjectId,
      title: "Deck",
      body: "# Deck",
      fileKey,
      fileFormat: "pdf",
      filename: "deck.pdf",
      mime: "application/pdf",
      bytes: 4,
      generationMethod: "skill",
      agentType: "reporting",
      outputType: "report",
    });
    const outputs = (await (await asOwner.request(`/api/work/tickets/${ticketId}/outputs`)).json()) as { items: OutputView[] };
    downloadUrl = outputs.items[0]?.download_url ?? "";
    expect(downloadUrl).toMatch(/^\/api\/downloads\//);

    const random = "00000000-0000-4000-8000-000000000000";
    const probes: [string, string, unknown?][] = [
      ["GET", `/api/projects/{project}`],
      ["GET", `/api/projects/{project}/context`],
      ["GET", `/api/projects/{project}/members`],
      ["GET", `/api/projects/{project}/events`],
      ["POST", `/api/projects/{project}/context`, { title: "x", body: "y" }],
      ["DELETE", `/api/projects/{project}/context/${noteId}`],
      ["POST", `/api/projects/{project}/members`, { email: "second@example.test", role: "owner" }],
      ["GET", `/api/work/tickets/{ticket}`],
      ["GET", `/api/work/tickets/{ticket}/outputs`],
      ["GET", `/api/work/tickets/{ticket}/stream`],
      ["POST", `/api/work/tickets/{ticket}/cancel`],
      ["POST", `/api/work/tickets/{ticket}/retry`, {}],
      ["GET", `/api/work/tickets?project_id={project}`],
      ["POST", `/api/work/reporting/execute`, { project_id: "{project}", recipe_slug: "status-report", parameters: { topic: "x" } }],
    ];
    for (const [method, template, body] of probes) {
      const answers: { status: number; title: string }[] = [];
      for (const [project, ticket] of [
        [demoProjectId, ticketId],
        [random, random],
      ] as const) {
        const fill = (s: string) => s.replaceAll("{project}", project).replaceAll("{ticket}", ticket);
        const init: RequestInit = { method };
        if (body !== undefined) init.body = fill(JSON.stringify(body));
        if (body !== undefined) init.headers = { "content-type": "application/json" };
        const res = await asSecond.request(fill(template), init);
        answers.push({ status: res.status, title: ((await res.json()) as { title: string }).title });
      }
      expect(answers[0], `${method} ${template} for a non-member`).toEqual(answers[1]);
      expect(answers[0]?.status, `${method} ${template}`).toBe(404);
    }
    expect((await asSecond.request(downloadUrl)).status).toBe(404);
    expect(((await (await asSecond.request("/api/projects")).json()) as { items: unknown[] }).items).toEqual([]);
    expect(((await (await asSecond.request("/api/work/tickets")).json()) as { items: unknown[] }).items).toEqual([]);
    // Nothing the non-member sent was written.
    const [counts] = await sqlRows<{ tickets: number; context: number; members: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM work_tickets) AS tickets, (SELECT count(*)::int FROM context_items) AS context,
                 (SELECT count(*)::int FROM project_members) AS members`,
    );
    expect({ tickets: Number(counts?.tickets), context: Number(counts?.context), members: Number(counts?.members) }).toEqual({
      tickets: 1,
      context: 1,
      members: 1,
    });
  });

  it("invited as a viewer: reads everything, cannot submit, cancel, retry, edit context or manage members (403)", async () => {
    const invite = await postJson(asOwner, `/api/projects/${demoProjectId}/members`, { email: "SECOND@example.test", role: "viewer" });
    expect(invite.status).toBe(201);
    expect(((await invite.json()) as MemberView).role).toBe("viewer");
    expect(
      (await postJson(asOwner, `/api/projects/${demoProjectId}/members`, { email: "second@example.test", role: "viewer" })).status,
    ).toBe(409);
    const nobody = await postJson(asOwner, `/api/projects/${demoProjectId}/members`, { email: "nobody@example.test" });
    expect(nobody.status).toBe(422);

    const project = (await (await asSecond.request(`/api/projects/${demoProjectId}`)).json()) as ProjectView;
    expect(project.role).toBe("viewer");
    expect((await asSecond.request(`/api/work/tickets/${ticketId}`)).status).toBe(200);
    expect((await asSecond.request(`/api/work/tickets/${ticketId}/outputs`)).status).toBe(200);
    expect((await asSecond.request(`/api/projects/${demoProjectId}/context`)).status).toBe(200);
    expect((await asSecond.request(`/api/projects/${demoProjectId}/members`)).status).toBe(200);
    const download = await asSecond.request(downloadUrl);
    expect(download.status).toBe(200);
    expect(await download.text()).toBe("%PDF");
    const stream = await asSecond.request(`/api/work/tickets/${ticketId}/stream`);
    expect(stream.status).toBe(200);
    await stream.body?.cancel();

    const forbidden: [string, string, unknown?][] = [
      ["POST", "/api/work/reporting/execute", { project_id: demoProjectId, recipe_slug: "status-report", parameters: { topic: "x" } }],
      ["POST", `/api/work/tickets/${ticketId}/cancel`],
      ["POST", `/api/work/tickets/${ticketId}/retry`, {}],
      ["POST", `/api/projects/${demoProjectId}/context`, { title: "x", body: "y" }],
      ["POST", `/api/projects/${demoProjectId}/members`, { email: "owner@example.test", role: "viewer" }],
      ["PATCH", `/api/projects/${demoProjectId}/members/${second.id}`, { role: "owner" }],
    ];
    for (const [method, path, body] of forbidden) {
      const init: RequestInit = { method };
      if (body !== undefined) Object.assign(init, { body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      const res = await asSecond.request(path, init);
      expect(res.status, `${method} ${path} as a viewer`).toBe(403);
    }
    const [row] = await sqlRows<{ tickets: number }>(t.database.db, sql`SELECT count(*)::int AS tickets FROM work_tickets`);
    expect(Number(row?.tickets)).toBe(1);
  });

  it("a member works; the last owner can neither leave nor be demoted; a member may leave", async () => {
    const promote = await asOwner.request(`/api/projects/${demoProjectId}/members/${second.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "member" }),
    });
    expect(promote.status).toBe(200);
    const submitted = await postJson(asSecond, "/api/work/reporting/execute", {
      project_id: demoProjectId,
      recipe_slug: "status-report",
      parameters: { topic: "by the member" },
    });
    expect(submitted.status).toBe(202);
    const [req] = await sqlRows<{ requested_by: string }>(
      t.database.db,
      sql`SELECT r.requested_by FROM work_requests r JOIN work_tickets w ON w.request_id = r.id
          WHERE w.id = ${((await submitted.json()) as ExecuteAccepted).work_ticket_id}`,
    );
    expect(req?.requested_by).toBe(second.id);
    // A member still cannot manage members.
    expect((await postJson(asSecond, `/api/projects/${demoProjectId}/members`, { email: "plain@example.test" })).status).toBe(403);

    const members = (await (await asOwner.request(`/api/projects/${demoProjectId}/members`)).json()) as { items: MemberView[] };
    const ownerId = members.items.find((m) => m.role === "owner")?.user_id ?? "";
    const demote = await asOwner.request(`/api/projects/${demoProjectId}/members/${ownerId}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "viewer" }),
    });
    expect(demote.status).toBe(409);
    expect((await asOwner.request(`/api/projects/${demoProjectId}/members/${ownerId}`, { method: "DELETE" })).status).toBe(409);

    expect((await asSecond.request(`/api/projects/${demoProjectId}/members/${second.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await asSecond.request(`/api/projects/${demoProjectId}`)).status).toBe(404);
  });

  it("a project created by an account is owned by it and invisible to others", async () => {
    const res = await postJson(asSecond, "/api/projects", { name: "Second's own" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as ProjectView;
    expect(created.role).toBe("owner");
    expect((await asOwner.request(`/api/projects/${created.id}`)).status).toBe(404);
    const mine = (await (await asSecond.request("/api/projects")).json()) as { items: ProjectView[] };
    expect(mine.items.map((p) => p.id)).toEqual([created.id]);
  });
});

function cookieOf(res: Response): string {
  const header = res.headers.get("set-cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  if (!pair.startsWith("worksmith_session=")) throw new Error(`no session cookie in ${header}`);
  return pair;
}
