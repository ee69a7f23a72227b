// The outputs library, compare and share links in a real browser (issue 15 items 3–5): two runs of one
// recipe (the second a regeneration with another topic) and an unrelated ticket; the library groups the
// two runs as versions of one lineage; compare shows the changed line; a share link opens in a fresh
// browser context with no session and reaches nothing else of the project. Screenshots land in
// test-results/screenshots/ (outputs-library.png, outputs-compare.png: 1280 px wide).
import type { Browser, Response as PwResponse } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted, ProjectView, TicketView } from "../../src/domain/contract.js";
import type { LibraryPage } from "../../src/domain/outputs-library.js";
import {
  apiJson,
  ensureWebBuilt,
  launchBrowser,
  openPage,
  screenshot,
  startServer,
  type PageOptions,
  type TestServer,
  VIEWPORTS,
  type WatchedPage,
} from "./harness.js";

const RUN_TIMEOUT_MS = 90_000;

let server: TestServer;
let browser: Browser;
let project: ProjectView;
const opened: WatchedPage[] = [];
const ids = { first: "", second: "", other: "", deck1: "", deck2: "" };

async function open(options?: PageOptions): Promise<WatchedPage> {
  const watched = await openPage(browser, server, options);
  opened.push(watched);
  return watched;
}

async function waitForCompleted(ticketId: string): Promise<TicketView> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const { body } = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`);
    if (body.status === "completed") return body;
    if (body.status === "failed" || body.status === "cancelled") throw new Error(`ticket ${ticketId} ended ${body.status}`);
    if (Date.now() > deadline) throw new Error(`ticket ${ticketId} still ${body.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function submit(recipe: string, agent: string, topic: string): Promise<string> {
  const res = await apiJson<ExecuteAccepted>(server, "POST", `/api/work/${agent}/execute`, {
    project_id: project.id,
    recipe_slug: recipe,
    parameters: { topic },
  });
  expect(res.status).toBe(202);
  return res.body.work_ticket_id;
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const projects = await apiJson<{ items: ProjectView[] }>(server, "GET", "/api/projects");
  const demo = projects.body.items[0];
  if (!demo) throw new Error("the demo project was not seeded");
  project = demo;
  // Run 1, then a regeneration with an edited topic (run 2), and an unrelated ticket.
  ids.first = await submit("research-brief", "research", "Customer churn drivers");
  await waitForCompleted(ids.first);
  const retry = await apiJson<ExecuteAccepted>(server, "POST", `/api/work/tickets/${ids.first}/retry`, {
    parameters: { topic: "Customer churn drivers in Q3" },
  });
  expect(retry.status).toBe(202);
  ids.second = retry.body.work_ticket_id;
  ids.other = await submit("blog-post", "content", "Why onboarding matters");
  // A deck and its regeneration with another topic: compared slide by slide.
  ids.deck1 = await submit("executive-summary-deck", "reporting", "Q3 results");
  await Promise.all([waitForCompleted(ids.second), waitForCompleted(ids.other), waitForCompleted(ids.deck1)]);
  const deckRetry = await apiJson<ExecuteAccepted>(server, "POST", `/api/work/tickets/${ids.deck1}/retry`, {
    parameters: { topic: "Q3 results and Q4 outlook" },
  });
  ids.deck2 = deckRetry.body.work_ticket_id;
  await waitForCompleted(ids.deck2);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  const problems = opened.flatMap((w) => w.unexpected());
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
  expect(problems, "browser console errors / page errors").toEqual([]);
});

describe("outputs library in the browser", () => {
  it("lists the outputs of both runs as versions of one lineage, beside the unrelated ticket's", async () => {
    const library = (await apiJson<LibraryPage>(server, "GET", `/api/projects/${project.id}/outputs`)).body;
    const firstOutputs = library.items.filter((o) => o.ticket.id === ids.first);
    const secondOutputs = library.items.filter((o) => o.ticket.id === ids.second);
    expect(firstOutputs.length).toBeGreaterThan(0);
    expect(secondOutputs.length).toBeGreaterThan(0);

    const { page } = await open();
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("link", { name: "Outputs library →" }).click();
    await page.getByRole("heading", { name: "Outputs", level: 1 }).waitFor();
    const lineage = page.locator(`li.lineage[data-lineage-id="${ids.first}"]`);
    await lineage.waitFor();
    await expect(lineage.locator(".lineage-header").textContent()).resolves.toContain("2 versions");
    for (const o of [...firstOutputs, ...secondOutputs]) await lineage.locator(`li[data-output-id="${o.id}"]`).waitFor();
    await expect(lineage.locator(".version-badge").allTextContents()).resolves.toEqual(expect.arrayContaining(["v1", "v2"]));
    // The unrelated ticket is its own lineage.
    await page.locator(`li.lineage[data-lineage-id="${ids.other}"]`).waitFor();
    // Each output links to its ticket.
    const second = secondOutputs[0]!;
    await expect(lineage.locator(`li[data-output-id="${second.id}"] a.library-output-title`).getAttribute("href")).resolves.toBe(
      `/projects/${project.id}/work-tickets/${ids.second}/outputs`,
    );
    await screenshot(page, "outputs-library");

    // Filters and search live in the URL and narrow the list.
    await page.getByLabel("Recipe").selectOption("blog-post");
    await page.waitForURL(/recipe=blog-post/);
    await page.locator(`li.lineage[data-lineage-id="${ids.first}"]`).waitFor({ state: "detached" });
    await page.locator(`li.lineage[data-lineage-id="${ids.other}"]`).waitFor();
    await page.getByLabel("Recipe").selectOption("");
    await page.getByLabel("Search titles").fill("zzz-no-such-title");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByText("No outputs match").waitFor();
  });

  it("compare shows the line the regeneration changed, from the library and from the track page", async () => {
    const { page } = await open();
    await page.goto(`/projects/${project.id}/outputs`);
    const lineage = page.locator(`li.lineage[data-lineage-id="${ids.first}"]`);
    await lineage.getByRole("link", { name: "Compare with v1" }).first().click();
    await page.getByRole("heading", { name: "Compare versions" }).waitFor();
    const changed = page.locator('table.diff tr[data-kind="changed"]');
    await changed.first().waitFor();
    // The edited topic shows as a word-level insertion on the later side.
    const inserted = await page.locator("table.diff ins").allTextContents();
    expect(inserted.join(" ")).toMatch(/Q3|in/);
    await expect(page.locator(".compare-summary").textContent()).resolves.toMatch(/\d+ changed/);
    await screenshot(page, "outputs-compare");
    // One column at phone width: the pickers, the two sides and the rows stack, nothing overflows.
    const phone = await open({ viewport: VIEWPORTS.phone });
    await phone.page.goto(page.url());
    await phone.page.locator('table.diff tr[data-kind="changed"]').first().waitFor();
    await expect(phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await screenshot(phone.page, "outputs-compare-phone");
    await phone.page.goto(`/projects/${project.id}/outputs`);
    await phone.page.locator(`li.lineage[data-lineage-id="${ids.first}"]`).waitFor();
    await expect(phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await screenshot(phone.page, "outputs-library-phone");
    await page.getByRole("button", { name: "Rendered side by side" }).click();
    await page.locator(".compare-rendered-side .markdown").first().waitFor();

    // Decks compare slide by slide: a section per slide, the unchanged ones folded.
    await page.goto(`/projects/${project.id}/outputs?format=pptx`);
    await page.locator(`li.lineage[data-lineage-id="${ids.deck1}"]`).getByRole("link", { name: "Compare with v1" }).click();
    await page.locator("details.diff-section").first().waitFor();
    const labels = await page.locator("details.diff-section > summary strong").allTextContents();
    expect(labels.length).toBeGreaterThan(1);
    expect(labels.every((l) => /^Slide \d+$/.test(l))).toBe(true);
    expect(await page.locator("details.diff-section-changed").count()).toBeGreaterThan(0);
    await screenshot(page, "outputs-compare-deck");

    await page.goto(`/projects/${project.id}/work-tickets/${ids.second}/track`);
    await page.getByRole("link", { name: "Compare with previous run" }).click();
    await page.locator('table.diff tr[data-kind="changed"]').first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/projects/${project.id}/outputs/compare`);
    // The first run has no previous run to compare with.
    await page.goto(`/projects/${project.id}/work-tickets/${ids.first}/track`);
    await page.getByRole("heading", { name: "Share outputs" }).waitFor();
    await expect(page.getByRole("link", { name: "Compare with previous run" }).count()).resolves.toBe(0);
  });

  it("a share link opens without a session and reaches nothing else of the project; revoked, it is gone", async () => {
    const { page } = await open();
    await page.goto(`/projects/${project.id}/work-tickets/${ids.second}/track`);
    await page.getByLabel("Link expires after").selectOption("1");
    await page.getByRole("button", { name: "Create share link" }).click();
    const url = await page.locator("#share-url").inputValue();
    await page.locator(".share-panel").scrollIntoViewIfNeeded();
    await screenshot(page, "outputs-share-panel");
    expect(url).toMatch(new RegExp(`^${server.url}/share/wss_[A-Za-z0-9_-]{43}$`));

    const visitor = await open({ signedIn: false });
    const answers: string[] = [];
    const pending: Promise<void>[] = [];
    visitor.page.on("response", (res: PwResponse) => {
      pending.push(
        res
          .text()
          .then((text) => void answers.push(`${res.url()}\n${text}`))
          .catch(() => undefined),
      );
    });
    await visitor.page.goto(url);
    await expect(visitor.page.locator("#share-title").textContent()).resolves.toMatch(/Research brief/i);
    await visitor.page.locator("ul.outputs li.output").first().waitFor();
    await visitor.page.locator(".markdown").first().waitFor();
    await screenshot(visitor.page, "outputs-share-page");
    await Promise.all(pending);
    const ticket = (await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ids.second}`)).body;
    expect(answers.join("\n")).toContain(ticket.outputs![0]!.title);
    // Downloads (if any file) go through the share, not the members' download route.
    for (const href of await visitor.page.locator("a[download]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
      expect(href).toMatch(/^\/api\/share\/wss_[^/]+\/files\//);
      const res = await visitor.context.request.get(href);
      expect(res.status()).toBe(200);
    }
    const all = answers.join("\n\n");
    for (const secret of [project.id, project.name, ids.first, ids.second, ids.other, server.owner.email, "E2E Owner"]) {
      expect(all, `the share page's answers leak ${secret}`).not.toContain(secret);
    }
    // Nothing else is reachable with the link alone: project pages send the visitor to sign in.
    visitor.allow.push(/401|Unauthorized/);
    const api = await visitor.context.request.get(`/api/projects/${project.id}`);
    expect(api.status()).toBe(401);
    await visitor.page.goto(`/projects/${project.id}`);
    await visitor.page.waitForURL(/\/login/);

    // Revoked from the track page, the link is gone.
    await page.getByRole("button", { name: /^Revoke the link/ }).click();
    await page.getByRole("button", { name: "Revoke", exact: true }).click();
    await page.locator(".share-item .share-state-revoked").first().waitFor();
    visitor.allow.push(/410/);
    await visitor.page.goto(url);
    await visitor.page.getByRole("heading", { name: "This link is no longer available" }).waitFor();
  });
});
