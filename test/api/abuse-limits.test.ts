// The abuse limits at the HTTP edge, on both drivers: request bodies over WORKSMITH_MAX_BODY_BYTES
// (413, nothing written; context uploads have their own limit), submissions and retries sharing one
// token bucket per session or API token (429 + Retry-After), concurrent SSE streams per session or
// token (429 on the one over the cap, a slot back when a stream closes), the same-origin rule for
// changes made with a session cookie (403), and sign-in attempts per email (429 + Retry-After; a wrong
// password and an unknown email answer alike). Streams and Content-Length run over a real socket.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import type { Api } from "../../src/api/openapi.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { registerStreamRoutes } from "../../src/api/routes/streams.js";
import { createApiToken } from "../../src/auth/accounts.js";
import { loadConfig } from "../../src/config.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { cancelTicket, submitTicket } from "../../src/engine/index.js";
import { createEventHub, type EventHub } from "../../src/events/index.js";
import { syncRecipes } from "../../src/recipes/load.js";
import { silentLogger } from "../helpers/api-app.js";
import { createTestUser, grantRole, type TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { sqlRows } from "../helpers/sql.js";

/** `app.request()` resolves paths against http://localhost: the Origin our own pages would send there. */
const ORIGIN = "http://localhost";
const RECIPE = "executive-summary-deck";
/** createTestUser's password. */
const PASSWORD = "correct horse battery";

interface Problem {
  status: number;
  title: string;
  detail?: string;
}

async function problemOf(res: Response): Promise<Problem> {
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  const body = (await res.json()) as Problem;
  expect(body.status).toBe(res.status);
  return body;
}

/** Retry-After as whole seconds within [1, max]. */
function expectRetryAfter(res: Response, max: number): number {
  const value = res.headers.get("retry-after");
  expect(value).toMatch(/^\d+$/);
  const seconds = Number(value);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(max);
  return seconds;
}

function sessionCookieOf(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("worksmith_session="));
  if (!header) throw new Error(`no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return header.split(";")[0]!;
}

/** The app on a loopback port with @hono/node-server: real sockets, real disconnects, real Content-Length. */
async function serveOnSocket(app: Api): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  // undici closes idle keep-alive sockets after 4 s; a server closing them at 5 s races it on a busy
  // machine (ECONNRESET on the next request). Let the client always be the one that closes.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 60_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

interface OpenStream {
  status: number;
  res: Response;
  /** The first bytes of a 200 (the retry hint), or the whole body of a refusal. */
  text: string;
  close(): Promise<void>;
}

/** Opens an SSE stream and keeps it open (after reading its first bytes) until `close`. */
async function openStream(url: string, headers: Record<string, string>): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
  if (res.status !== 200 || !res.body) return { status: res.status, res, text: await res.text(), close: async () => undefined };
  const reader = res.body.getReader();
  const first = await reader.read();
  return {
    status: res.status,
    res,
    text: new TextDecoder().decode(first.value),
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

async function eventually<T>(attempt: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== null) return result;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(DRIVERS)("abuse limits on %s", (driver) => {
  let t: TestDatabase;
  let projectId: string;
  /** The install's owner, signed in through POST /api/auth/setup: a browser session. */
  let ownerCookie: string;
  let member: TestUser;
  const cleanups: (() => Promise<void>)[] = [];

  function apiWith(env: Record<string, string>, streams?: { hub: EventHub }): Api {
    const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused", ...env });
    return createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
      (a) => registerContextRoutes(a, { database: t.database, config }),
      ...(streams
        ? [
            (a: Api) =>
              registerStreamRoutes(a, { database: t.database, hub: streams.hub, maxStreamsPerPrincipal: config.maxStreamsPerPrincipal }),
          ]
        : []),
    ]);
  }

  /** Rows per table, over every table of the schema (users, sessions, tokens and members included). */
  async function rowCounts(): Promise<Record<string, number>> {
    const tables = await sqlRows<{ name: string }>(
      t.database.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const query = tables.map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n FROM "${name}"`).join(" UNION ALL ");
    const rows = await sqlRows<{ name: string; n: number }>(t.database.db, sql.raw(query));
    return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
  }

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    await syncRecipes(t.database);
    // A fresh install: its owner account comes from the setup page, which signs the browser in.
    const res = await apiWith({}).request("/api/auth/setup", {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email: "owner@example.test", name: "Owner", password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    const owner = (await res.json()) as { id: string };
    ownerCookie = sessionCookieOf(res);
    projectId = (await createProject(t.database.db, { name: "Limits", description: "" }, owner.id)).id;
    member = await createTestUser(t.database);
    await grantRole(t.database, projectId, member.id, "member");
  });
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    await t.cleanup();
  });

  describe("request bodies over WORKSMITH_MAX_BODY_BYTES", () => {
    const MAX_BODY = 4096;
    const MAX_UPLOAD = 16_384;
    let app: Api;
    let socketUrl: string;
    let endedTicket: string;

    beforeAll(async () => {
      app = apiWith({ WORKSMITH_MAX_BODY_BYTES: String(MAX_BODY), WORKSMITH_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) });
      const served = await serveOnSocket(app);
      cleanups.push(() => served.close());
      socketUrl = served.url;
      const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: RECIPE, parameters: { topic: "x" } });
      await cancelTicket(t.database, ticket.id);
      endedTicket = ticket.id;
    });

    const big = "x".repeat(MAX_BODY + 100);
    const oversized: [string, string, () => unknown][] = [
      ["POST", "/api/projects", () => ({ name: "Big", description: big })],
      ["POST", "/api/work/reporting/execute", () => ({ project_id: projectId, recipe_slug: RECIPE, parameters: { topic: big } })],
      ["POST", "/api/work/tickets/{ended}/retry", () => ({ parameters: { topic: big } })],
      ["POST", "/api/projects/{project}/members", () => ({ email: "nobody@example.test", role: "viewer", note: big })],
      ["PATCH", "/api/projects/{project}/members/{member}", () => ({ role: "viewer", note: big })],
      ["POST", "/api/tokens", () => ({ name: big })],
      ["POST", "/api/users", () => ({ email: "new@example.test", password: big })],
      ["POST", "/api/auth/login", () => ({ email: member.email, password: big })],
    ];
    const pathOf = (p: string) => p.replace("{ended}", endedTicket).replace("{project}", projectId).replace("{member}", member.id);

    it.each(oversized)(
      "%s %s: 413 problem+json, in-process (no Content-Length) and on a socket (Content-Length), nothing written",
      async (method, path, body) => {
        const before = await rowCounts();
        const init = (headers: Record<string, string>) => ({
          method,
          headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
          body: JSON.stringify(body()),
        });
        const inProcess = await app.request(pathOf(path), init({ authorization: `Bearer ${member.token}` }));
        expect(inProcess.status).toBe(413);
        expect((await problemOf(inProcess)).title).toBe("Too large");
        const onSocket = await fetch(socketUrl + pathOf(path), init({ authorization: `Bearer ${member.token}` }));
        expect(onSocket.status).toBe(413);
        await problemOf(onSocket);
        // A browser session is limited the same way.
        const withCookie = await app.request(pathOf(path), init({ cookie: ownerCookie }));
        expect(withCookie.status).toBe(413);
        expect(await rowCounts()).toEqual(before);
      },
    );

    it("a chunked body without Content-Length is cut off at the limit too", async () => {
      const before = await rowCounts();
      const chunk = new TextEncoder().encode(`{"name":"chunked","description":"${"y".repeat(1000)}`);
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          if (sent++ < 20) c.enqueue(chunk);
          else {
            c.enqueue(new TextEncoder().encode('"}'));
            c.close();
          }
        },
      });
      const res = await fetch(`${socketUrl}/api/projects`, {
        method: "POST",
        headers: { "content-type": "application/json", ...member.headers },
        body,
        duplex: "half",
      } as RequestInit);
      expect(res.status).toBe(413);
      await problemOf(res);
      expect(await rowCounts()).toEqual(before);
    });

    it("a body under the limit is taken (the limit, not the route, refused the ones above)", async () => {
      const res = await app.request("/api/projects", {
        method: "POST",
        headers: { "content-type": "application/json", ...member.headers },
        body: JSON.stringify({ name: "Small enough", description: "x".repeat(MAX_BODY - 200) }),
      });
      expect(res.status).toBe(201);
    });

    it("context uploads have their own limit (WORKSMITH_MAX_UPLOAD_BYTES): a note over the body limit is taken, one over the upload limit is 413", async () => {
      const note = (bytes: number) => ({
        method: "POST",
        headers: { "content-type": "application/json", ...member.headers },
        body: JSON.stringify({ title: "Notes", body: "z".repeat(bytes) }),
      });
      const taken = await app.request(`/api/projects/${projectId}/context`, note(MAX_BODY * 2));
      expect(taken.status).toBe(201);
      const before = await rowCounts();
      for (const res of [
        await app.request(`/api/projects/${projectId}/context`, note(MAX_UPLOAD + 70_000)),
        await fetch(`${socketUrl}/api/projects/${projectId}/context`, note(MAX_UPLOAD + 70_000)),
      ]) {
        expect(res.status).toBe(413);
        await problemOf(res);
      }
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe("submissions per session or token (WORKSMITH_SUBMIT_RATE_PER_MINUTE=3)", () => {
    const RATE = 3;
    let app: Api;
    let user: TestUser;
    const submit = (headers: Record<string, string>) =>
      app.request("/api/work/reporting/execute", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ project_id: projectId, recipe_slug: RECIPE, parameters: { topic: "rate" } }),
      });
    const retry = (ticketId: string, headers: Record<string, string>) =>
      app.request(`/api/work/tickets/${ticketId}/retry`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: "{}",
      });

    beforeAll(async () => {
      app = apiWith({ WORKSMITH_SUBMIT_RATE_PER_MINUTE: String(RATE) });
      user = await createTestUser(t.database);
      await grantRole(t.database, projectId, user.id, "member");
    });

    it(`${RATE} submissions pass; the next is 429 with Retry-After, and writes nothing`, async () => {
      for (let i = 0; i < RATE; i++) expect((await submit(user.headers)).status).toBe(202);
      const before = await rowCounts();
      const refused = await submit(user.headers);
      expect(refused.status).toBe(429);
      // 3 a minute: the next token is 20 s away.
      expectRetryAfter(refused, 60 / RATE);
      expect((await problemOf(refused)).title).toBe("Too many submissions");
      expect(await rowCounts()).toEqual(before);
    });

    it("counts per token: a second token of the same account, and a browser session of it, have their own budgets", async () => {
      const second = await createApiToken(t.database, user.id, "second");
      expect((await submit({ authorization: `Bearer ${second.token}` })).status).toBe(202);
      const signIn = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: user.email, password: PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      expect((await submit({ cookie: sessionCookieOf(signIn), origin: ORIGIN })).status).toBe(202);
      // …while the first token is still refused.
      expect((await submit(user.headers)).status).toBe(429);
    });

    it("retry draws on the same budget as submit", async () => {
      const third = await createApiToken(t.database, user.id, "third");
      const headers = { authorization: `Bearer ${third.token}` };
      const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: RECIPE, parameters: { topic: "to retry" } });
      await cancelTicket(t.database, ticket.id);
      expect((await retry(ticket.id, headers)).status).toBe(202);
      expect((await submit(headers)).status).toBe(202);
      expect((await retry(ticket.id, headers)).status).toBe(202);
      const before = await rowCounts();
      const refusedRetry = await retry(ticket.id, headers);
      expect(refusedRetry.status).toBe(429);
      expectRetryAfter(refusedRetry, 60 / RATE);
      await problemOf(refusedRetry);
      expect((await submit(headers)).status).toBe(429);
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe("concurrent SSE streams per session or token (WORKSMITH_MAX_STREAMS_PER_PRINCIPAL=3)", () => {
    const CAP = 3;
    let url: string;
    let hub: EventHub;
    let live: string[];
    let ended: string;

    beforeAll(async () => {
      hub = createEventHub({ database: t.database, logger: silentLogger });
      await hub.start();
      cleanups.push(() => hub.stop());
      const served = await serveOnSocket(apiWith({ WORKSMITH_MAX_STREAMS_PER_PRINCIPAL: String(CAP) }, { hub }));
      cleanups.push(() => served.close());
      url = served.url;
      live = [];
      for (let i = 0; i < 2; i++)
        live.push((await submitTicket(t.database, { projectId, recipeSlug: RECIPE, parameters: { topic: `live ${i}` } })).ticket.id);
      ended = (await submitTicket(t.database, { projectId, recipeSlug: RECIPE, parameters: { topic: "ended" } })).ticket.id;
      await cancelTicket(t.database, ended);
    });

    const streamUrls = () => [
      `${url}/api/projects/${projectId}/events`,
      `${url}/api/work/tickets/${live[0]}/stream`,
      `${url}/api/work/tickets/${live[1]}/stream`,
    ];

    it(`${CAP} streams open; the next (either route) is 429; another token of the same account still opens one; closing a stream frees its slot`, async () => {
      const token = (await createApiToken(t.database, member.id, "streams")).token;
      const headers = { authorization: `Bearer ${token}` };
      const open: OpenStream[] = [];
      try {
        for (const u of streamUrls()) {
          const s = await openStream(u, headers);
          expect(s.status).toBe(200);
          expect(s.text).toContain("retry:");
          open.push(s);
        }
        for (const u of [`${url}/api/projects/${projectId}/events`, `${url}/api/work/tickets/${live[0]}/stream`]) {
          const refused = await openStream(u, headers);
          expect(refused.status).toBe(429);
          expect(refused.res.headers.get("content-type")).toContain("application/problem+json");
          expect((JSON.parse(refused.text) as Problem).title).toBe("Too many open streams");
          expectRetryAfter(refused.res, 60);
        }
        const other = await openStream(streamUrls()[0]!, member.headers);
        expect(other.status).toBe(200);
        open.push(other);

        // Hang up one: the server notices the closed socket and gives the slot back.
        await open.shift()!.close();
        const reopened = await eventually(async () => {
          const s = await openStream(streamUrls()[0]!, headers);
          return s.status === 200 ? s : null;
        });
        open.push(reopened);
        expect((await openStream(streamUrls()[1]!, headers)).status).toBe(429);
      } finally {
        for (const s of open) await s.close();
      }
    });

    it("a ticket stream that ends by itself (terminal status) gives its slot back", async () => {
      const token = (await createApiToken(t.database, member.id, "ending")).token;
      const headers = { authorization: `Bearer ${token}` };
      const open: OpenStream[] = [];
      try {
        for (let round = 0; round < CAP + 2; round++) {
          const res = await fetch(`${url}/api/work/tickets/${ended}/stream`, { headers: { accept: "text/event-stream", ...headers } });
          expect(res.status).toBe(200);
          expect(await res.text()).toContain("event: end");
        }
        // Every slot is free again: the cap's worth of live streams opens.
        const opened = await eventually(async () => {
          const s = await openStream(streamUrls()[0]!, headers);
          if (s.status === 200) open.push(s);
          return open.length === CAP ? open.length : null;
        });
        expect(opened).toBe(CAP);
        expect((await openStream(streamUrls()[1]!, headers)).status).toBe(429);
      } finally {
        for (const s of open) await s.close();
      }
    });

    // Hono answers HEAD by running the GET handler and dropping the body without cancelling it; a
    // stream started for it would never finish, and CAP HEAD requests would lock the token out.
    it("HEAD on a stream route takes no stream slot", async () => {
      const token = (await createApiToken(t.database, member.id, "head")).token;
      const headers = { authorization: `Bearer ${token}` };
      for (let i = 0; i < CAP; i++) {
        const head = await fetch(streamUrls()[0]!, { method: "HEAD", headers });
        expect(head.status).toBe(200);
      }
      const s = await openStream(streamUrls()[0]!, headers);
      await s.close();
      expect(s.status).toBe(200);
    });
  });

  describe("changes with a session cookie must come from our own pages", () => {
    let app: Api;
    beforeAll(() => {
      app = apiWith({ WORKSMITH_PUBLIC_URL: "https://worksmith.example.com" });
    });
    const createProjectWith = (headers: Record<string, string>) =>
      app.request("/api/projects", {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "CSRF probe", description: "" }),
      });

    it.each([
      ["no Origin", {}],
      ["a foreign Origin", { origin: "https://evil.example" }],
      ["Origin: null", { origin: "null" }],
      ["our host on another port", { origin: "http://localhost:8080" }],
      ["a look-alike host", { origin: "http://localhost.evil.example" }],
      ["Sec-Fetch-Site: cross-site, even with our Origin", { origin: ORIGIN, "sec-fetch-site": "cross-site" }],
      ["Sec-Fetch-Site: same-site, even with our Origin", { origin: ORIGIN, "sec-fetch-site": "same-site" }],
    ])("POST with %s → 403, nothing written", async (_, headers) => {
      const before = await rowCounts();
      const res = await createProjectWith({ cookie: ownerCookie, ...headers });
      expect(res.status).toBe(403);
      expect((await problemOf(res)).title).toBe("Cross-site request refused");
      expect(await rowCounts()).toEqual(before);
    });

    it("PATCH and DELETE are held to the same rule", async () => {
      const before = await rowCounts();
      const patch = await app.request(`/api/projects/${projectId}/members/${member.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie: ownerCookie, origin: "https://evil.example" },
        body: JSON.stringify({ role: "viewer" }),
      });
      expect(patch.status).toBe(403);
      const del = await app.request(`/api/projects/${projectId}/members/${member.id}`, {
        method: "DELETE",
        headers: { cookie: ownerCookie },
      });
      expect(del.status).toBe(403);
      const logout = await app.request("/api/auth/logout", { method: "POST", headers: { cookie: ownerCookie } });
      expect(logout.status).toBe(403);
      expect(await rowCounts()).toEqual(before);
      // The session survived the refused sign-out, and the member is still a member.
      const members = await app.request(`/api/projects/${projectId}/members`, { headers: { cookie: ownerCookie } });
      expect(members.status).toBe(200);
      expect(JSON.stringify(await members.json())).toContain(member.id);
      // Sign-in and setup (no session yet) from a foreign page are refused: a browser always sends an
      // Origin on a POST ("null" from an opaque or no-referrer page). Only a request with no Origin,
      // no Sec-Fetch-Site and no cookie — a script such as curl — signs in without one (plain-clients.test.ts).
      for (const path of ["/api/auth/login", "/api/auth/setup"]) {
        for (const origin of ["https://evil.example", "null"]) {
          const res = await app.request(path, {
            method: "POST",
            headers: { "content-type": "application/json", origin },
            body: JSON.stringify({ email: member.email, password: PASSWORD }),
          });
          expect(res.status).toBe(403);
        }
      }
    });

    it("our Origin, Sec-Fetch-Site: same-origin, or the public URL's origin → the change is made; reads need neither", async () => {
      const allowed: Record<string, string>[] = [
        { origin: ORIGIN },
        { "sec-fetch-site": "same-origin" },
        { origin: "https://worksmith.example.com" },
      ];
      for (const headers of allowed) {
        const res = await createProjectWith({ cookie: ownerCookie, ...headers });
        expect(res.status).toBe(201);
      }
      const read = await app.request("/api/projects", { headers: { cookie: ownerCookie } });
      expect(read.status).toBe(200);
    });

    it("an API token needs no Origin (a script), and a foreign Origin does not stop it: no browser attaches a token by itself", async () => {
      expect((await createProjectWith(member.headers)).status).toBe(201);
      expect((await createProjectWith({ ...member.headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" })).status).toBe(
        201,
      );
    });

    it("sign-in with our Origin sets an httpOnly, SameSite=Lax session cookie", async () => {
      const res = await app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: member.email, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith("worksmith_session="))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\//);
      const changed = await createProjectWith({ cookie: sessionCookieOf(res), origin: ORIGIN });
      expect(changed.status).toBe(201);
    });
  });

  describe("sign-in attempts (10 per email per 5 minutes)", () => {
    let app: Api;
    let user: TestUser;
    const login = (email: string, password: string) =>
      app.request("/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email, password }),
      });

    beforeAll(async () => {
      app = apiWith({});
      user = await createTestUser(t.database);
    });

    it("a wrong password and an unknown email answer alike: 401, the same body, no cookie", async () => {
      const wrongPassword = await login(user.email, "not the password");
      const unknownEmail = await login("nobody-at-all@example.test", "not the password");
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      expect(wrongPassword.headers.get("content-type")).toBe(unknownEmail.headers.get("content-type"));
      expect(await wrongPassword.text()).toBe(await unknownEmail.text());
      expect(wrongPassword.headers.getSetCookie()).toEqual([]);
      expect(unknownEmail.headers.getSetCookie()).toEqual([]);
    });

    it("the 11th attempt for one email within 5 minutes is 429 with Retry-After, even with the right password; other emails are not held up", async () => {
      // The previous test spent one attempt on this email.
      for (let i = 1; i < 10; i++) expect((await login(user.email, `wrong ${i}`)).status).toBe(401);
      const before = await rowCounts();
      const refused = await login(user.email, PASSWORD);
      expect(refused.status).toBe(429);
      // A burst of 10, then one attempt per 30 s.
      expectRetryAfter(refused, 30);
      expect((await problemOf(refused)).title).toBe("Too many sign-in attempts");
      expect(refused.headers.getSetCookie()).toEqual([]);
      expect(await rowCounts()).toEqual(before);
      // The same address in other letter case or with spaces is the same email.
      expect((await login(`  ${user.email.toUpperCase()} `, PASSWORD)).status).toBe(429);
      // Another account signs in as usual.
      expect((await login(member.email, PASSWORD)).status).toBe(200);
    });
  });
});
