// The Schedules page in Chromium against a real server: "every Monday 09:00 Europe/Oslo: status
// report" made in the browser with the recipe's own parameter form, its next five runs shown at 09:00
// in that zone, a missing parameter and a bad cron refused next to their fields, pause, delete — each
// pending action shown on its own button only. Screenshots in test-results/screenshots/schedules-*.png.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, holdRequest, launchBrowser, openPage, screenshot, startServer, type TestServer } from "../e2e/harness.js";

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

  it("creates a Monday 09:00 Oslo schedule, shows its next runs, refuses a bad cron, pauses, deletes", async () => {
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
    // Pause, its PATCH held in the browser until the pending row has been looked at. The row's two
    // buttons once shared one pending flag, so while Pause was pending the Delete control showed its
    // question and busy label ("Delete this schedule? Its tickets stay. Keep / Deleting…"): a delete
    // nobody asked for, flashing up for as long as the PATCH took.
    const pause = await holdRequest(page, "**/api/schedules/*", "PATCH");
    await item.getByRole("button", { name: "Pause" }).click();
    await pause.arrived;
    await item.locator("button:disabled").first().waitFor();
    expect(await item.getByText("Delete this schedule?").count()).toBe(0);
    expect(await item.getByText("Deleting…").count()).toBe(0);
    await screenshot(page, "schedules-pause-pending");
    // The pending button says what is under way; Delete waits for it (one change at a time per row).
    expect(await item.getByRole("button", { name: "Pausing…", exact: true }).isDisabled()).toBe(true);
    expect(await item.getByRole("button", { name: "Delete Weekly status", exact: true }).isDisabled()).toBe(true);
    pause.release();
    // The badge, by its exact text. `getByText("Paused")` is a case-insensitive substring match, and
    // while the PATCH was pending the actions row read "PauseDelete this schedule? …" (the Pause button,
    // then the busy Delete's question): the wait ended before the PATCH was answered, and under load the
    // read below got into the database ahead of the update — the "read-after-write anomaly" of 5a77b31.
    // Traced: the browser showed the badge only after the PATCH's answer, sent after the update ran.
    await item.getByText("Paused", { exact: true }).waitFor();
    const stored = await apiJson<{ items: { enabled: boolean; name: string }[] }>(server, "GET", `/api/projects/${projectId}/schedules`);
    expect(stored.body.items).toEqual([
      expect.objectContaining({ name: "Weekly status", enabled: false, parameters: expect.objectContaining({ topic: "The week" }) }),
    ]);

    // Delete, its DELETE held: now Delete is the busy one, and Resume waits without claiming to resume.
    const remove = await holdRequest(page, "**/api/schedules/*", "DELETE");
    await item.getByRole("button", { name: "Delete Weekly status", exact: true }).click();
    await item
      .getByRole("group", { name: "Delete this schedule? Its tickets stay." })
      .getByRole("button", { name: "Delete", exact: true })
      .click();
    await remove.arrived;
    await item.getByRole("button", { name: "Deleting…", exact: true }).waitFor();
    expect(await item.getByRole("button", { name: "Resume", exact: true }).isDisabled()).toBe(true);
    expect(await item.getByText("Resuming…").count()).toBe(0);
    remove.release();
    await page.getByText("No schedules yet", { exact: true }).waitFor();
    expect((await apiJson<{ items: unknown[] }>(server, "GET", `/api/projects/${projectId}/schedules`)).body.items).toEqual([]);
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 120_000);
});
