// The configure form in Debian's chromium under the app's real CSP (issue 15 item 7): an empty
// required field is caught in the browser (field error, no request), a 100 KB topic is kept whole,
// counted against its limit and refused with the limit named, Back after Start work returns the filled
// form, and an error heading is plain words even when what answered sent only an HTTP phrase.
import type { Browser, Page, Request } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer, type WatchedPage } from "./harness.js";

let server: TestServer;
let browser: Browser;
let project: ProjectView;
const opened: WatchedPage[] = [];

async function open(): Promise<WatchedPage> {
  const watched = await openPage(browser, server);
  opened.push(watched);
  return watched;
}

const configureUrl = () => `/projects/${project.id}/work-tickets/new/configure?recipe=executive-summary-deck`;

/** Every submit the page sends (POST to the work API), from now on. */
function countSubmits(page: Page): () => number {
  const sent: Request[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().includes("/api/work/")) sent.push(r);
  });
  return () => sent.length;
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer({ WORKSMITH_BUILTIN_STEP_DELAY_MS: "300" }), launchBrowser()]);
  const projects = await apiJson<{ items: ProjectView[] }>(server, "GET", "/api/projects");
  const demo = projects.body.items[0];
  if (!demo) throw new Error("the demo project was not seeded");
  project = demo;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  const problems = opened.flatMap((w) => w.unexpected());
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
  expect(problems, "browser console errors / page errors").toEqual([]);
});

describe("the configure form", () => {
  it("catches an empty required field in the browser: the field's error, nothing sent", async () => {
    const { page } = await open();
    await page.goto(configureUrl());
    const submits = countSubmits(page);
    expect(await page.getByLabel("Topic").inputValue()).toBe("");
    await page.getByRole("button", { name: /Start work/ }).click();
    await expect.poll(() => page.locator("#param-topic-error").textContent()).toContain("Topic is required");
    expect(await page.getByLabel("Topic").getAttribute("aria-invalid")).toBe("true");
    // Focus goes to the field to fix.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("param-topic");
    await page.waitForTimeout(500);
    expect(submits()).toBe(0);
  });

  it("keeps a 100 KB topic whole, counts it against the limit and refuses it naming the limit", async () => {
    const { page } = await open();
    await page.goto(configureUrl());
    const submits = countSubmits(page);
    await expect.poll(() => page.locator("#param-topic-count").textContent()).toBe("0 / 200");
    await page.getByLabel("Topic").fill("Q3");
    expect(await page.locator("#param-topic-count").textContent()).toBe("2 / 200");
    const big = "x".repeat(100_000);
    await page.getByLabel("Topic").fill(big);
    // Not cut to 200 characters behind the person's back.
    expect((await page.getByLabel("Topic").inputValue()).length).toBe(100_000);
    expect(await page.locator("#param-topic-count").textContent()).toBe("100,000 / 200 — 99,800 over the limit of 200 characters");
    await page.getByRole("button", { name: /Start work/ }).click();
    await expect.poll(() => page.locator("#param-topic-error").textContent()).toContain("Topic must be at most 200 characters");
    await screenshot(page, "configure-over-limit");
    await page.waitForTimeout(500);
    expect(submits()).toBe(0);
  });

  it("returns the filled form on Back after Start work; a fresh visit starts from the defaults", async () => {
    const { page } = await open();
    await page.goto(configureUrl());
    await page.getByLabel("Topic").fill("Keep me across Back");
    await page.getByLabel("Audience").selectOption("board");
    await page.getByRole("button", { name: /Start work/ }).click();
    await page.waitForURL(/\/track$/);
    // The URL changes as the navigation starts; the form is only gone once the track page shows (a
    // slow machine still loading its code keeps the form mounted, and Back would return to it as it
    // was, with nothing to restore).
    await page.locator("article.track").waitFor();
    await page.goBack();
    await page.waitForURL(/\/configure\?/);
    await expect.poll(() => page.getByLabel("Topic").inputValue()).toBe("Keep me across Back");
    expect(await page.getByLabel("Audience").inputValue()).toBe("board");
    await page.getByTestId("draft-restored").waitFor();

    // A new visit from the gallery is a new request: the defaults, not the one already started.
    await page.goto(`/projects/${project.id}/work-tickets/new`);
    await page.locator(`a[href*='recipe=executive-summary-deck']`).first().click();
    await page.waitForURL(/\/configure\?/);
    await page.getByLabel("Topic").waitFor();
    expect(await page.getByLabel("Topic").inputValue()).toBe("");

    // An unsent draft is kept when leaving by a link and coming back.
    await page.getByLabel("Topic").fill("Not sent yet");
    await page.goto(`/projects/${project.id}/work-tickets`);
    await page.goto(configureUrl());
    await expect.poll(() => page.getByLabel("Topic").inputValue()).toBe("Not sent yet");
  });

  it("heads an error with plain words when what answered sent only an HTTP phrase", async () => {
    const watched = await open();
    const { page } = watched;
    watched.allow.push(/503|Failed to load resource/);
    await page.route("**/api/recipes/executive-summary-deck*", (route) =>
      route.fulfill({ status: 503, contentType: "text/html", body: "<h1>Service Unavailable</h1>" }),
    );
    await page.goto(configureUrl());
    const heading = page.locator(".error-box .error-title");
    await heading.waitFor();
    expect(await heading.textContent()).toBe("Not available right now");
    expect(await page.locator(".error-box").textContent()).not.toMatch(/Service Unavailable/i);
  });
});
