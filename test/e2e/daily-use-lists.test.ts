// Issue 15, items 1 and 2 in a real browser: the ticket list shows each ticket's topic and finds it
// by search (the filter lives in the URL, so a link reproduces the view), a dense table beside the
// cards (the choice remembered), the project page's recent tickets name their topic; a context item
// opens from the project page, renders its note and facts, is edited (and analysed again), and a
// viewer sees no edit or delete buttons. Screenshots land in test-results/screenshots/.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ContextItemDetail, ContextItemView, ExecuteAccepted, ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer, type WatchedPage } from "./harness.js";

const TOPICS = ["Riverbend Q3 results", "Harbor expansion plan", "Customer churn drivers"] as const;
const NOTE =
  "# Fleet update\n\nFuel costs fell 9% to $1.2 million in Q3 2026.\n\n- Two new routes opened\n- The depot move is the main risk";
const EDITED = "# Fleet update (revised)\n\nFuel costs fell 11% to $1.1 million in Q3 2026. The depot moves on 12 January 2027.";

let server: TestServer;
let browser: Browser;
let project: ProjectView;
const opened: WatchedPage[] = [];

async function open(options?: Parameters<typeof openPage>[2]): Promise<WatchedPage> {
  const watched = await openPage(browser, server, options);
  opened.push(watched);
  return watched;
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const projects = await apiJson<{ items: ProjectView[] }>(server, "GET", "/api/projects");
  project = projects.body.items[0]!;
  for (const [i, topic] of TOPICS.entries()) {
    const recipe = i === 2 ? { agent: "research", slug: "research-brief" } : { agent: "reporting", slug: "executive-summary-deck" };
    const res = await apiJson<ExecuteAccepted>(server, "POST", `/api/work/${recipe.agent}/execute`, {
      project_id: project.id,
      recipe_slug: recipe.slug,
      parameters: { topic },
    });
    expect(res.status).toBe(202);
  }
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

describe("lists you can tell apart", () => {
  it("cards show each ticket's topic and who started it; search narrows them and the URL reproduces it", async () => {
    const { page } = await open();
    await page.goto(`/projects/${project.id}/work-tickets`);
    const cards = page.locator(".ticket-card");
    for (const topic of TOPICS) await cards.filter({ hasText: topic }).waitFor();
    await expect(cards.filter({ hasText: TOPICS[0] }).textContent()).resolves.toContain("by E2E Owner");
    await screenshot(page, "daily-use-list-cards");

    await page.getByRole("searchbox").fill("harb");
    await page.waitForURL(/[?&]q=harb/);
    await cards.filter({ hasText: TOPICS[0] }).waitFor({ state: "detached" });
    await cards.filter({ hasText: TOPICS[1] }).waitFor();
    await expect(cards.count()).resolves.toBe(1);
    await expect(cards.first().textContent()).resolves.toContain(TOPICS[1]);

    // The same link in a fresh tab shows the same view.
    const again = await open();
    await again.page.goto(page.url());
    await again.page.locator(".ticket-card").filter({ hasText: TOPICS[1] }).waitFor();
    await expect(again.page.locator(".ticket-card").count()).resolves.toBe(1);
    await expect(again.page.getByRole("searchbox").inputValue()).resolves.toBe("harb");

    // A time range too: nothing is older than a day here, so "last 24 hours" keeps it, and it joins the URL.
    await page.getByLabel("Created").selectOption("24h");
    await page.waitForURL(/[?&]since=24h/);
    await cards.filter({ hasText: TOPICS[1] }).waitFor();
  });

  it("the table view lists topic, status, recipe and submitter densely; the choice is remembered", async () => {
    const { page } = await open();
    await page.goto(`/projects/${project.id}/work-tickets`);
    await page.locator(".ticket-card").first().waitFor();
    await page.getByRole("button", { name: "Table" }).click();
    await page.waitForURL(/[?&]view=table/);
    const table = page.getByRole("table", { name: "Tickets" });
    await table.waitFor();
    for (const topic of TOPICS) await table.getByRole("link", { name: topic }).waitFor();
    const row = table.locator("tr", { hasText: TOPICS[2] });
    await expect(row.textContent()).resolves.toMatch(/Research brief.*E2E Owner/i);
    await screenshot(page, "daily-use-list-table");

    // Remembered: the plain list URL opens as a table in this browser.
    await page.goto(`/projects/${project.id}/work-tickets`);
    await page.getByRole("table", { name: "Tickets" }).waitFor();
    await expect(page.getByRole("button", { name: "Table" }).getAttribute("aria-pressed")).resolves.toBe("true");
  });

  it("the project page's recent tickets show their topics", async () => {
    const { page } = await open();
    await page.goto(`/projects/${project.id}`);
    const recent = page.getByRole("list", { name: "Recent tickets" });
    for (const topic of TOPICS) await recent.getByText(topic).waitFor();
  });
});

describe("context you can read", () => {
  it("an item opens from the project page, shows its note rendered and its facts, and is edited and analysed again", async () => {
    const added = await apiJson<ContextItemView>(server, "POST", `/api/projects/${project.id}/context`, {
      title: "Fleet update",
      body: NOTE,
    });
    expect(added.status).toBe(201);
    const { page } = await open();
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("list", { name: "Context items" }).getByRole("link", { name: "Fleet update" }).click();
    await page.locator(`article[data-context-id="${added.body.id}"]`).waitFor();

    const rendered = page.getByTestId("rendered-note");
    await rendered.getByRole("heading", { name: "Fleet update" }).waitFor();
    await rendered.getByRole("listitem").filter({ hasText: "Two new routes opened" }).waitFor();
    const figures = page.getByRole("table", { name: "Figures" });
    await figures.getByRole("cell", { name: "$1.2 million" }).waitFor();
    await screenshot(page, "daily-use-context-item");

    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Title *").fill("Fleet update, revised");
    await page.getByLabel(/^Text \*/).fill(EDITED);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { level: 1, name: "Fleet update, revised" }).waitFor();
    await figures.getByRole("cell", { name: "$1.1 million" }).waitFor();
    await expect(figures.getByRole("cell", { name: "$1.2 million" }).count()).resolves.toBe(0);
    await rendered.getByRole("heading", { name: "Fleet update (revised)" }).waitFor();
    await page.getByTestId("facts").getByText("12 January 2027").waitFor();
    await screenshot(page, "daily-use-context-item-edited");

    const stored = await apiJson<ContextItemDetail>(server, "GET", `/api/projects/${project.id}/context/${added.body.id}`);
    expect(stored.body).toMatchObject({ title: "Fleet update, revised", original: EDITED });
  });

  it("a viewer reads the item but is offered no edit or delete", async () => {
    const item = await apiJson<ContextItemView>(server, "POST", `/api/projects/${project.id}/context`, {
      title: "Viewer check",
      body: NOTE,
    });
    const email = "viewer@example.test";
    const password = "correct horse battery viewer";
    expect((await apiJson(server, "POST", "/api/users", { email, name: "Vera Viewer", password })).status).toBe(201);
    expect((await apiJson(server, "POST", `/api/projects/${project.id}/members`, { email, role: "viewer" })).status).toBe(201);
    const login = await fetch(new URL("/api/auth/login", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("worksmith_session="))!;
    const value = cookie.split(";")[0]!.slice("worksmith_session=".length);

    const watched = await open({ signedIn: false });
    await watched.context.addCookies([{ name: "worksmith_session", value, url: server.url, httpOnly: true, sameSite: "Lax" }]);
    const { page } = watched;
    await page.goto(`/projects/${project.id}/context/${item.body.id}`);
    await page.getByTestId("rendered-note").getByRole("heading", { name: "Fleet update" }).waitFor();
    await page.getByTestId("facts").waitFor();
    await expect(page.getByRole("button", { name: "Edit" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /Delete/ }).count()).resolves.toBe(0);
  });
});

describe("deleting a project", () => {
  it("an owner deletes it from the members page once its work is done; while a ticket waits, the page says why not", async () => {
    const scratch = await apiJson<ProjectView>(server, "POST", "/api/projects", { name: "Scratch project", description: "" });
    expect(scratch.status).toBe(201);
    const waiting = await apiJson<ExecuteAccepted>(server, "POST", "/api/work/reporting/execute", {
      project_id: scratch.body.id,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "Scratch", review_outline: true },
    });
    expect(waiting.status).toBe(202);

    const watched = await open();
    // The refused delete below is a 409 the browser logs as a failed resource load.
    watched.allow.push(/status of 409/);
    const { page } = watched;
    await page.goto(`/projects/${scratch.body.id}/members`);
    await page.getByRole("heading", { name: "Delete this project" }).waitFor();
    await page.getByRole("button", { name: "Delete project" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByText("The project still has work in progress").waitFor();
    await screenshot(page, "project-delete-refused");
    expect((await apiJson(server, "GET", `/api/projects/${scratch.body.id}`)).status).toBe(200);

    expect((await apiJson(server, "POST", `/api/work/tickets/${waiting.body.work_ticket_id}/cancel`)).status).toBeLessThan(300);
    // The question stays open after the refusal: asking again is one click.
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.waitForURL(/\/projects$/);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await expect(page.getByText("Scratch project").count()).resolves.toBe(0);
    expect((await apiJson(server, "GET", `/api/projects/${scratch.body.id}`)).status).toBe(404);
  });
});
