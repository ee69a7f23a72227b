// The notifications bell in Chromium against a real server: a ticket the signed-in person started
// finishes, and — without a reload — the bell's unread count becomes 1 (the notification came through
// the browser's one live connection); the list names the ticket and links to it; "Mark all read" clears
// the count, which stays cleared after a reload. Screenshot: test-results/screenshots/notifications-*.png.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted, ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer } from "../e2e/harness.js";

describe("notifications bell", () => {
  let server: TestServer;
  let browser: Browser;
  let projectId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    server = await startServer({ WORKSMITH_SEED_DEMO: "false" });
    browser = await launchBrowser();
    projectId = (await apiJson<ProjectView>(server, "POST", "/api/projects", { name: "Team", description: "" })).body.id;
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a finished ticket live with an unread count, and marks all read", async () => {
    const watched = await openPage(browser, server);
    const { page } = watched;
    await page.goto(`/projects/${projectId}/schedules`);
    const bell = page.locator("summary.notifications-button");
    await bell.waitFor();
    expect(await bell.getAttribute("aria-label")).toBe("Notifications, none unread");
    // The page has subscribed to the notifications stream before the ticket starts (the leader opens it).
    await bell.click();
    await page.getByText(/Nothing yet/).waitFor();
    await page.getByLabel("Tell me here").waitFor();
    expect(await page.getByLabel("Tell me here").isChecked()).toBe(true);
    await bell.click();

    const res = await apiJson<ExecuteAccepted>(server, "POST", "/api/work/reporting/execute", {
      project_id: projectId,
      recipe_slug: "status-report",
      parameters: { topic: "The week" },
    });
    expect(res.status).toBe(202);
    const count = page.getByTestId("unread-count");
    await count.waitFor({ timeout: 60_000 });
    expect(await count.textContent()).toBe("1");
    expect(await bell.getAttribute("aria-label")).toBe("Notifications, 1 unread");

    await bell.click();
    const item = page.locator(".notification-unread");
    await item.waitFor();
    expect(await item.textContent()).toMatch(/Status report finished/);
    expect(await item.locator("a").getAttribute("href")).toBe(`/projects/${projectId}/work-tickets/${res.body.work_ticket_id}/track`);
    await screenshot(page, "notifications-desktop");
    await page.getByRole("button", { name: "Mark all read" }).click();
    await count.waitFor({ state: "detached" });
    await page.reload();
    await bell.waitFor();
    expect(await bell.getAttribute("aria-label")).toBe("Notifications, none unread");
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 180_000);
});
