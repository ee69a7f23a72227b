// The deck recipe's outline review in the browser (issue 16): configure with "Review the outline",
// the track page shows "Needs your input" with the drafted outline in a form drawn from the answer
// schema; an invalid answer is named beside its field; the edited outline is submitted and the deck
// is built from it, the page following the ticket live from waiting to completed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputView, ProjectView, TicketView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer } from "./harness.js";

let server: TestServer;
let browser: Browser;
let project: ProjectView;

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer({ WORKSMITH_BUILTIN_STEP_DELAY_MS: "200" }), launchBrowser()]);
  const projects = await apiJson<{ items: ProjectView[] }>(server, "GET", "/api/projects");
  const demo = projects.body.items[0];
  if (!demo) throw new Error("the demo project was not seeded");
  project = demo;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("outline review", () => {
  it("shows the question on the track page, takes the edited outline, and builds it", async () => {
    const watched = await openPage(browser, server);
    const { page } = watched;
    // The refused answer below is a 422 the browser logs as a failed resource load.
    watched.allow.push(/status of 422/);
    await page.goto(`/projects/${project.id}/work-tickets/new/configure?recipe=executive-summary-deck`);
    await page.getByLabel("Topic").fill("Q3 results");
    await page.getByLabel("Review the outline before the file is built").check();
    await page.getByRole("button", { name: /Start work/ }).click();
    await page.waitForURL(/\/track$/);
    const ticketId = await page.locator("article.track").getAttribute("data-ticket-id");
    expect(ticketId).toBeTruthy();

    // The ticket waits: the chip says so, and the question with its form appears without a reload.
    await page.getByRole("heading", { name: "Needs your input" }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator("article.track").getAttribute("data-status")).toBe("waiting");
    expect(await page.locator(".chip").first().textContent()).toContain("Needs your input");
    const outline = page.getByLabel("Outline");
    const drafted = await outline.inputValue();
    expect(drafted).toMatch(/^## /);
    await screenshot(page, "outline-review-question");

    // An emptied outline is refused by the server, named beside the field; the ticket keeps waiting.
    await outline.fill("");
    await page.getByRole("button", { name: "Submit answer" }).click();
    await expect.poll(() => outline.getAttribute("aria-invalid")).toBe("true");
    expect((await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`)).body.status).toBe("waiting");

    const firstSlide = drafted.split("\n\n")[0]!;
    const edited = `${firstSlide.replace(/^## .*$/m, "## Reviewed in the browser")}\n- Written by the reviewer`;
    await outline.fill(edited);
    await page.getByRole("button", { name: "Submit answer" }).click();

    // Followed live: the question goes, the outputs arrive.
    await page.getByRole("heading", { name: "Outputs" }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole("heading", { name: "Needs your input" }).count()).toBe(0);
    const outputs = await apiJson<OutputView[] | { items: OutputView[] }>(server, "GET", `/api/work/tickets/${ticketId}/outputs`);
    const list = Array.isArray(outputs.body) ? outputs.body : outputs.body.items;
    const deck = list.find((o) => o.output_type === "presentation");
    expect(deck?.body).toContain("Reviewed in the browser");
    const outlineOutput = list.find((o) => o.output_type === "deck_outline");
    expect(outlineOutput?.body).toContain("Written by the reviewer");
    await screenshot(page, "outline-review-done");
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 180_000);

  it("tells the person watching the ticket list: a 'needs your input' toast and the chip on the card", async () => {
    const watched = await openPage(browser, server);
    const { page } = watched;
    await page.goto(`/projects/${project.id}/work-tickets`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    const submitted = await apiJson<{ work_ticket_id: string }>(server, "POST", "/api/work/reporting/execute", {
      project_id: project.id,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "Churn", review_outline: true },
    });
    expect(submitted.status).toBe(202);
    const toast = page.locator(".toast", { hasText: "needs your input" });
    await toast.waitFor({ timeout: 60_000 });
    expect(await toast.textContent()).toContain("Executive summary deck needs your input — Churn");
    await page.locator(`[data-status="waiting"]`).first().waitFor();
    await screenshot(page, "outline-review-list-toast");
    await apiJson(server, "POST", `/api/work/tickets/${submitted.body.work_ticket_id}/cancel`);
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 120_000);
});
