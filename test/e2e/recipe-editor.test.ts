// Writing a recipe in the browser and running it in the same minute (issue 18): the owner builds a
// recipe with three fields in the editor, sees them in the live preview, saves it, runs it from its
// configure page, and finds it in the gallery with its stats and version. A real `worksmith serve`
// (PGlite) driven by Debian's chromium; any console error fails the test.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiJson, ensureWebBuilt, holdRequest, launchBrowser, openPage, screenshot, startServer, type TestServer } from "./harness.js";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the recipe editor", () => {
  it("builds a recipe with three fields, previews it, runs it and shows it in the gallery with its stats", async () => {
    const projects = await apiJson<{ items: { id: string }[] }>(server, "GET", "/api/projects");
    const projectId = projects.body.items[0]!.id;
    const watched = await openPage(browser, server);
    const { page } = watched;

    await page.goto(`/projects/${projectId}/work-tickets/new`);
    await page.getByRole("link", { name: "+ New recipe" }).click();
    await page.getByRole("heading", { name: "New recipe" }).waitFor();
    await page.getByLabel("Name").first().fill("Weekly customer digest");
    expect(await page.getByLabel("Slug").inputValue()).toBe("weekly-customer-digest");
    await page.getByLabel("Description").fill("What customers said this week, in a short digest.");
    await page.getByLabel("Agent type").selectOption("content");

    // The starter field is the topic; add a choice and a number.
    await page.getByRole("button", { name: "+ Add a field" }).click();
    const second = page.getByTestId("parameter-1");
    await second.getByLabel("Title").fill("Tone");
    await second.getByLabel("Name").fill("tone");
    await second.getByLabel("Kind").selectOption("choice");
    await second.getByLabel("Options (one per line)").fill("plain\nwarm");
    await second.getByLabel("Default").fill("warm");
    await page.getByRole("button", { name: "+ Add a field" }).click();
    const third = page.getByTestId("parameter-2");
    await third.getByLabel("Title").fill("Items");
    await third.getByLabel("Name").fill("items");
    await third.getByLabel("Kind").selectOption("number");
    await third.getByLabel("Minimum").fill("1");
    await third.getByLabel("Maximum").fill("10");
    await third.getByLabel("Default").fill("5");

    // The preview draws the form people will fill in, live.
    const preview = page.getByRole("complementary", { name: "Preview of the form" });
    await preview.getByRole("heading", { name: "Weekly customer digest" }).waitFor();
    await preview.getByLabel("Topic").waitFor();
    expect(await preview.getByLabel("Tone").inputValue()).toBe("warm");
    expect(await preview.getByLabel("Items").inputValue()).toBe("5");
    await screenshot(page, "recipe-editor");

    // A mistake is named at its field before anything is sent.
    await third.getByLabel("Default").fill("50");
    await page.getByRole("button", { name: "Create recipe" }).click();
    await page.getByText("must be within the bounds").first().waitFor();
    await third.getByLabel("Default").fill("5");

    await page.getByRole("button", { name: "Create recipe" }).click();
    await page.waitForURL(/\/configure\?recipe=weekly-customer-digest/);
    // The URL changes before the lazy configure page replaces the editor: wait for the editor to go,
    // or "Topic" also names the editor's "Move Topic up" button.
    await page.getByRole("button", { name: "Move Topic up" }).waitFor({ state: "detached" });
    await page.getByRole("textbox", { name: "Topic", exact: true }).fill("Week 48");
    await page.getByRole("button", { name: "Start work →" }).click();
    await page.waitForURL(/\/track$/);
    await page.locator('article.track[data-status="completed"]').waitFor({ timeout: 60_000 });

    await page.goto(`/projects/${projectId}/work-tickets/new`);
    const card = page.locator('[data-recipe="weekly-customer-digest"]');
    await card.waitFor();
    // The stats are cached for a few seconds on the server: reload until the run shows.
    for (let i = 0; i < 20 && !(await card.textContent())?.includes("1 run"); i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await card.waitFor();
    }
    expect(await card.textContent()).toContain("1 run · 100% succeed");
    await page.getByText("A team recipe · v1").waitFor();
    await screenshot(page, "recipe-gallery");

    // Archive it from the editor: gone from the gallery, listed under Archived recipes, restored from there.
    await page.getByRole("link", { name: "Edit Weekly customer digest" }).click();
    await page.getByRole("heading", { name: "Edit “Weekly customer digest”" }).waitFor();
    // The archive request is held in the browser while the form is looked at: Archive and Save once
    // shared one busy flag, so archiving relabelled the Save button "Saving…".
    const archiving = await holdRequest(page, "**/api/recipes/*/archive", "POST");
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await archiving.arrived;
    await page.locator(".form-actions button[type=submit]:disabled").waitFor();
    expect(await page.getByRole("button", { name: "Saving…" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Save new version", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Archiving…", exact: true }).isDisabled()).toBe(true);
    archiving.release();
    await page.getByRole("heading", { name: "New work request" }).waitFor();
    await page.getByText("Archived recipes (1)").click();
    expect(await card.count()).toBe(0);
    await page.getByRole("button", { name: "Restore" }).click();
    await card.waitFor();
    expect(watched.unexpected(), JSON.stringify(watched.unexpected())).toEqual([]);
  }, 180_000);
});
