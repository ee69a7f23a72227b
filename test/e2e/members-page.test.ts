// The members page's row actions in Chromium against a real server: a member's role and their Remove
// share a row, and each pending request shows on its own control only. (The row once had one pending
// flag: changing a role showed "Remove from project? Keep / Removing…" while the PATCH was out.)
// Each request is held in the browser until the pending row has been looked at. Screenshots in
// test-results/screenshots/members-*.png.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberView, ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, holdRequest, launchBrowser, openPage, screenshot, startServer, type TestServer } from "./harness.js";

const OTHER = { email: "rowan@example.test", name: "Rowan Member", password: "another long password" } as const;

describe("members page", () => {
  let server: TestServer;
  let browser: Browser;
  let projectId: string;

  beforeAll(async () => {
    ensureWebBuilt();
    [server, browser] = await Promise.all([startServer({ WORKSMITH_SEED_DEMO: "false" }), launchBrowser()]);
    projectId = (await apiJson<ProjectView>(server, "POST", "/api/projects", { name: "Team", description: "" })).body.id;
    expect((await apiJson(server, "POST", "/api/users", OTHER)).status).toBe(201);
    expect((await apiJson(server, "POST", `/api/projects/${projectId}/members`, { email: OTHER.email, role: "viewer" })).status).toBe(201);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows a pending role change on the role only, and a pending removal on Remove only", async () => {
    const watched = await openPage(browser, server);
    const { page } = watched;
    await page.goto(`/projects/${projectId}/members`);
    const role = page.getByLabel(`Role of ${OTHER.email}`, { exact: true });
    await role.waitFor();
    const row = page.locator("tr", { has: role });
    const removeButton = row.getByRole("button", { name: `Remove ${OTHER.email}`, exact: true });

    const change = await holdRequest(page, "**/api/projects/*/members/*", "PATCH");
    await role.selectOption("member");
    await change.arrived;
    await row.locator("select:disabled").waitFor();
    expect(await row.getByText("Remove from project?").count()).toBe(0);
    expect(await row.getByText("Removing…").count()).toBe(0);
    await screenshot(page, "members-role-pending");
    // Remove waits for the role change (one change at a time per row).
    expect(await removeButton.isDisabled()).toBe(true);
    change.release();
    await page.locator(`tr[data-role="member"]`, { has: role }).waitFor();
    expect(await role.isEnabled()).toBe(true);
    const stored = await apiJson<{ items: MemberView[] }>(server, "GET", `/api/projects/${projectId}/members`);
    expect(stored.body.items.find((m) => m.email === OTHER.email)?.role).toBe("member");

    const remove = await holdRequest(page, "**/api/projects/*/members/*", "DELETE");
    await removeButton.click();
    await row.getByRole("group", { name: "Remove from project?" }).getByRole("button", { name: "Remove", exact: true }).click();
    await remove.arrived;
    await row.getByRole("button", { name: "Removing…", exact: true }).waitFor();
    expect(await role.isDisabled()).toBe(true);
    remove.release();
    await role.waitFor({ state: "detached" });
    const after = await apiJson<{ items: MemberView[] }>(server, "GET", `/api/projects/${projectId}/members`);
    expect(after.body.items.map((m) => m.email)).not.toContain(OTHER.email);
    expect(watched.unexpected()).toEqual([]);
    await watched.context.close();
  }, 120_000);
});
