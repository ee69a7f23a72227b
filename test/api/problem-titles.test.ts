// Issue 15: an error's title is the heading a person reads, so it is plain words — never the HTTP
// reason phrase ("Unsupported Media Type", "Unprocessable Entity") — and an over-long parameter is
// refused with a field error that says the limit, not cut. On both drivers.
import { STATUS_CODES } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { humanTitle, ProblemError, titleFor } from "../../src/api/problem.js";
import type { Problem } from "../../src/domain/contract.js";
import { createTestApi, postJson } from "../helpers/api-app.js";
import type { TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

/** Every reason phrase Node knows, lower-cased ("Not Found" is also plain English: allowed). */
const PHRASES = new Set(
  Object.values(STATUS_CODES)
    .map((p) => (p ?? "").toLowerCase())
    .filter((p) => p && p !== "not found"),
);

function expectHuman(problem: Problem): void {
  expect(PHRASES.has(problem.title.toLowerCase()), `"${problem.title}" is an HTTP reason phrase`).toBe(false);
  expect(problem.title.length).toBeGreaterThan(0);
}

describe("problem titles (unit)", () => {
  it("replaces a reason phrase a thrower used, keeps a thrower's own words", () => {
    expect(humanTitle(413, "Payload too large")).toBe("Too large");
    expect(humanTitle(415, "Unsupported Media Type")).toBe("Wrong kind of content");
    expect(humanTitle(422, "Unprocessable Entity")).toBe("Invalid request");
    expect(humanTitle(429, "Too many sign-in attempts")).toBe("Too many sign-in attempts");
    expect(humanTitle(403, "Forbidden")).toBe("Not allowed");
  });

  it("has a human title for every status it may send", () => {
    for (const status of [400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 502, 503]) {
      const title = titleFor(status);
      expect(PHRASES.has(title.toLowerCase()), `${status}: ${title}`).toBe(false);
    }
    expect(new ProblemError(413, "Payload too large").status).toBe(413);
  });
});

describe.each(DRIVERS)("problem titles over HTTP on %s", (driver) => {
  let t: TestDatabase;
  let app: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    ({ app, projectId } = await createTestApi(t));
  });
  afterAll(async () => t.cleanup());

  async function problemOf(res: Response): Promise<Problem> {
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    return (await res.json()) as Problem;
  }

  it("415: says what to send, under a plain title", async () => {
    const res = await app.request("/api/work/reporting/execute", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "topic=Q3",
    });
    expect(res.status).toBe(415);
    const problem = await problemOf(res);
    expectHuman(problem);
    expect(problem.title).toBe("Wrong kind of content");
    expect(problem.detail).toContain("content-type: application/json");
  });

  it("401 without a token, 404 for an unknown route: plain titles", async () => {
    const anonymous = await app.api.request("/api/projects");
    expect(anonymous.status).toBe(401);
    const unauthorized = await problemOf(anonymous);
    expectHuman(unauthorized);
    expect(unauthorized.title).toBe("Sign-in required");
    const missing = await app.request("/api/no-such-route");
    expect(missing.status).toBe(404);
    expectHuman(await problemOf(missing));
  });

  it("422: a 100 KB topic is refused with a field error that says the limit (nothing stored)", async () => {
    const res = await postJson(app, "/api/work/reporting/execute", {
      project_id: projectId,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "x".repeat(100_000) },
    });
    expect(res.status).toBe(422);
    const problem = await problemOf(res);
    expectHuman(problem);
    expect(problem.errors).toContainEqual({ field: "parameters/topic", message: "Topic must be at most 200 characters" });
  });

  it("422: an empty required topic is named", async () => {
    const res = await postJson(app, "/api/work/reporting/execute", {
      project_id: projectId,
      recipe_slug: "executive-summary-deck",
      parameters: {},
    });
    expect(res.status).toBe(422);
    expect((await problemOf(res)).errors).toContainEqual({ field: "parameters/topic", message: "Topic is required" });
  });
});
