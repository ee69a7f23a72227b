// The Schedules page in Chromium against a real server: "every Monday 09:00 Europe/Oslo: status
// report" made in the browser with the recipe's own parameter form, its next five runs shown at 09:00
// in that zone, a missing parameter and a bad cron refused next to their fields, pause. Screenshots in test-results/screenshots/schedules-*.png.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer } from "../e2e/harness.js";

describe("schedules page", () => {
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

  it("creates a Monday 09:00 Oslo schedule, shows its next runs, refuses a bad cron, pauses", async () => {
    const watched = await openPage(browser, server);
    const { page } = watched;
    await page.goto(`/projects/${projectId}/schedules`);
    await page.getByRole("heading", { name: /Schedules/ }).waitFor();
    await page.getByRole("button", { name: "New schedule" }).click();
    await page.getByLabel("Recipe", { exact: true }).selectOption("status-report");
    await page.getByLabel("Name").fill("Weekly status");
    await page.getByLabel("When (cron)").fill("0 25 * * 1");
    await page.getByLabel("Time zone").fill("Europe/Oslo");
    // The recipe's own form (the configure page's): a required parameter left empty is refused next to it.
    await page.getByRole("button", { name: "Create schedule" }).click();
    await page.getByText("Topic is required").waitFor();
    await page.getByLabel("Topic", { exact: false }).first().fill("The week");
    await page.getByRole("button", { name: "Create schedule" }).click();
    await page.getByText(/hour/i).first().waitFor();
    watched.allow.push(/422/);
    await page.getByLabel("When (cron)").fill("0 9 * * 1");
    await page.getByRole("button", { name: "Create schedule" }).click();
    const item = page.locator("[data-schedule-id]");
    await item.waitFor();
    const runs = await item.locator("ol time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime") ?? ""));
    expect(runs).toHaveLength(5);
    for (const r of runs) {
      expect(
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "Europe/Oslo",
          weekday: "short",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        }).format(new Date(r)),
      ).toBe("Mon 09:00");
    }
    await screenshot(page, "schedules-desktop");
    // The PATCH is held in the browser for 500 ms before it leaves, so a wait that ends before its
    // answer reads the row unpaused on every run (it did, 2 runs of 2), not 1 run in 3 under load.
    await page.route("**/api/schedules/*", async (route) => {
      if (route.request().method() === "PATCH") await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await item.getByRole("button", { name: "Pause" }).click();
    // The badge, by its exact text. `getByText("Paused")` is a case-insensitive substring match, and
    // while the PATCH is pending the actions row reads "PauseDelete this schedule? …" (the Pause button,
    // then the busy Delete's question): the wait ended before the PATCH was answered, and under load the
    // read below got into the database ahead of the update — the "read-after-write anomaly" of 5a77b31.
    // Traced: the browser showed the badge only after the PATCH's answer, sent after the update ran.
    await item.getByText("Paused", { exact: true }).waitFor();
    const stored = await apiJson<{ items: { enabled: boolean; name: string }[] }>(server, "GET", `/api/projects/${projectId}/schedules`);
    expect(stored.body.items).toEqual([
      expect.objectContaining({ name: "Weekly status", enabled: false, parameters: expect.objectContaining({ topic: "The week" }) }),
    ]);
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 120_000);
});
