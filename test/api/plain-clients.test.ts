// What a person with curl meets (issue 15): signing in needs no Origin header when no cookie rides
// along (there is nothing ambient to forge), while a cookie without proof of our origin, or any
// change a browser marks cross-site, is still refused; a JSON route sent another content type says
// what to send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Api } from "../../src/api/openapi.js";
import { createTestApi } from "../helpers/api-app.js";
import type { TestClient, TestUser } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const PASSWORD = "correct horse battery"; // test/helpers/auth.ts

describe.each(DRIVERS)("plain HTTP clients on %s", (driver) => {
  let t: TestDatabase;
  let api: Api;
  let app: TestClient;
  let owner: TestUser;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ api, app, owner } = await createTestApi(t));
  });
  afterAll(async () => t.cleanup());

  const login = (headers: Record<string, string> = {}) =>
    api.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ email: owner.email, password: PASSWORD }),
    });

  it("signs in without an Origin header when no cookie is sent", async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("worksmith_session="))).toBe(true);
  });

  it("still refuses a cookie-carrying change without proof of our origin, and any change a browser marks cross-site", async () => {
    const cookie = ((await login()).headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^worksmith_session=/);
    const withCookie = await api.request("/api/projects", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ name: "Made by a forged request", description: "" }),
    });
    expect(withCookie.status).toBe(403);
    expect((await login({ "sec-fetch-site": "cross-site", origin: "https://evil.example" })).status).toBe(403);
    expect((await login({ origin: "https://evil.example" })).status).toBe(403);
  });

  it("answers a JSON route sent as text/plain with 415 and the content type to send", async () => {
    const res = await app.request("/api/projects", { method: "POST", headers: { "content-type": "text/plain" }, body: "just text" });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { title: string; detail: string };
    expect(body.detail).toContain("application/json");
    const login415 = await api.request("/api/auth/login", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    expect([415, 422]).toContain(login415.status);
    if (login415.status === 415) expect(((await login415.json()) as { detail: string }).detail).toContain("application/json");
  });
});
