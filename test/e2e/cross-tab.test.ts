// One live connection per browser (issue 15 item 6), in Debian's chromium: two tabs of one browser
// context on a project hold one SSE stream between them (the server's own gauge says so), a completion
// toasts in one tab only, and when the tab holding the stream closes mid-run the other takes over and
// still sees the run finish — the events said during the handover included. Desktop notifications
// are offered by a button (never asked for on load) and shown only for work started in this browser
// that finishes while the tab is hidden (the browser's visibility and Notification are stood in for:
// headless Chromium has no hidden tabs and shows no notifications).
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteAccepted, ProjectView } from "../../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, screenshot, startServer, type TestServer, type WatchedPage } from "./harness.js";

const STEP_DELAY_MS = 800;
const RUN_TIMEOUT_MS = 60_000;

let server: TestServer;
let browser: Browser;
let project: ProjectView;
const opened: WatchedPage[] = [];
const extraProblems: string[] = [];

/** The server's count of open SSE subscribers (GET /metrics, worksmith_sse_connections). */
async function openStreams(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("worksmith_sse_connections "));
  if (!line) throw new Error("worksmith_sse_connections missing from /metrics");
  return Number(line.split(" ")[1]);
}

async function submit(topic: string): Promise<string> {
  const res = await apiJson<ExecuteAccepted>(server, "POST", "/api/work/reporting/execute", {
    project_id: project.id,
    recipe_slug: "executive-summary-deck",
    parameters: { topic, slide_count: 4 },
  });
  expect(res.status).toBe(202);
  return res.body.work_ticket_id;
}

/** A second tab in the same browser context (same storage, same BroadcastChannel, same locks). */
async function secondTab(first: WatchedPage): Promise<Page> {
  const page = await first.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") extraProblems.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => extraProblems.push(`pageerror: ${e.message}`));
  return page;
}

const ticketsUrl = () => `/projects/${project.id}/work-tickets`;

async function listReady(page: Page): Promise<void> {
  await page.goto(ticketsUrl());
  await page.locator("ul.ticket-list, .empty").first().waitFor();
}

function cardStatus(page: Page, ticketId: string) {
  return page
    .locator(`a.ticket-card[data-ticket-id='${ticketId}']`)
    .getAttribute("data-status", { timeout: 2000 })
    .catch(() => null);
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([startServer({ WORKSMITH_BUILTIN_STEP_DELAY_MS: String(STEP_DELAY_MS) }), launchBrowser()]);
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
  const problems = [...opened.flatMap((w) => w.unexpected()), ...extraProblems.splice(0)];
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
  expect(problems, "browser console errors / page errors").toEqual([]);
});

describe("one live connection per browser", () => {
  it("two tabs hold one stream and a completion toasts once", async () => {
    expect(await openStreams()).toBe(0);
    const first = await openPage(browser, server);
    opened.push(first);
    await listReady(first.page);
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(1);

    const second = await secondTab(first);
    await listReady(second);
    // Both tabs are live (the second sees a ticket appear) on the one stream the first opened.
    const ticketId = await submit("Two tabs, one stream");
    for (const page of [first.page, second]) {
      await expect.poll(() => cardStatus(page, ticketId), { timeout: 15_000 }).not.toBeNull();
    }
    expect(await openStreams()).toBe(1);

    for (const page of [first.page, second]) {
      await expect.poll(() => cardStatus(page, ticketId), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
    }
    const toasts = () =>
      Promise.all([first.page, second].map((p) => p.locator(".toasts .toast", { hasText: "completed — Two tabs, one stream" }).count()));
    await expect.poll(async () => (await toasts()).reduce((a, b) => a + b, 0), { timeout: 10_000 }).toBe(1);
    // Give a second toast every chance to appear: it must not.
    await second.waitForTimeout(1500);
    expect((await toasts()).reduce((a, b) => a + b, 0)).toBe(1);
    // The toast tells this run apart from others of the recipe: it names the topic.
    const shownIn = (await toasts())[0] === 1 ? first.page : second;
    expect(await shownIn.locator(".toasts .toast").first().textContent()).toContain(
      "Executive summary deck completed — Two tabs, one stream",
    );
    await screenshot(shownIn, "cross-tab-toast");
    expect(await openStreams()).toBe(1);
  });

  it("ten tabs on a project hold one stream", async () => {
    const first = await openPage(browser, server);
    opened.push(first);
    await listReady(first.page);
    const others: Page[] = [];
    for (let i = 0; i < 9; i++) {
      const page = await secondTab(first);
      await listReady(page);
      others.push(page);
    }
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(1);
    // Every tab is live on it: a new ticket shows up in the last tab opened.
    const ticketId = await submit("Ten tabs");
    await expect.poll(() => cardStatus(others.at(-1)!, ticketId), { timeout: 15_000 }).not.toBeNull();
    expect(await openStreams()).toBe(1);
    for (const page of others) await page.close();
    await first.page.close();
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(0);
  }, 120_000);

  it("when the tab holding the stream closes mid-run, the other takes over and still sees the run end", async () => {
    const first = await openPage(browser, server);
    opened.push(first);
    await listReady(first.page);
    const second = await secondTab(first);
    await listReady(second);
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(1);
    // The first tab leads: the second is waiting in line for the leader lock (it asks for the lock
    // once its page has started, which may be a moment after its list is drawn on a busy machine).
    const waiting = () =>
      second.evaluate(async () => {
        const snapshot = await navigator.locks.query();
        return (snapshot.pending ?? []).filter((l) => l.name === "worksmith:live-leader").length;
      });
    await expect.poll(waiting, { timeout: 10_000 }).toBe(1);

    const ticketId = await submit("Handover");
    await expect.poll(() => cardStatus(second, ticketId), { timeout: 15_000 }).toBe("running");
    await first.page.close();
    // The old stream went with the tab; the new leader opened its own.
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => cardStatus(second, ticketId), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
    // The next event after the handover reached the remaining tab: its completion toasted there.
    // (By its topic: a ticket of an earlier test may finish and toast while this one runs.)
    await second.locator(".toasts .toast", { hasText: "completed — Handover" }).waitFor({ timeout: 10_000 });

    // And a run that starts after the handover is followed live too.
    const next = await submit("After the handover");
    await expect.poll(() => cardStatus(second, next), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
    await second.close();
    await expect.poll(openStreams, { timeout: 10_000 }).toBe(0);
  });

  it("offers desktop notifications by a button, never asking on load", async () => {
    const watched = await openPage(browser, server);
    opened.push(watched);
    const ticketId = await submit("Offer");
    await watched.page.goto(`/projects/${project.id}/work-tickets/${ticketId}/track`);
    const offer = watched.page.getByRole("button", { name: "Notify me when it finishes" });
    await offer.waitFor({ timeout: 15_000 });
    expect(await watched.page.evaluate(() => Notification.permission)).toBe("default");
    await watched.context.grantPermissions(["notifications"]);
    await offer.click();
    await watched.page.getByText("You will get a desktop notification").waitFor();
  });

  it("shows a desktop notification for work started here that finishes while no tab is looked at", async () => {
    const watched = await openPage(browser, server);
    opened.push(watched);
    await watched.context.grantPermissions(["notifications"]);
    // The browser reports this tab hidden, and the notifications it shows are recorded.
    await watched.context.addInitScript(() => {
      Object.defineProperty(document, "visibilityState", { get: () => "hidden" });
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class Recorded {
        static permission = "granted";
        static requestPermission = () => Promise.resolve("granted");
        onclick: (() => void) | null = null;
        constructor(title: string) {
          shown.push(title);
        }
        close(): void {}
      }
      (window as unknown as { Notification: unknown }).Notification = Recorded;
    });
    const { page } = watched;
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);

    // Not started here: finishes without a notification.
    const elsewhere = await submit("Started elsewhere");
    await listReady(page);
    await expect.poll(() => cardStatus(page, elsewhere), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
    await page.waitForTimeout(1500);
    expect(await shown()).toEqual([]);

    // Started here: one notification when it completes.
    await page.goto(`/projects/${project.id}/work-tickets/new/configure?recipe=executive-summary-deck`);
    await page.getByLabel("Topic").fill("Started here");
    await page.getByRole("button", { name: /Start work/ }).click();
    await page.waitForURL(/\/track$/);
    await page.locator('article.track[data-status="completed"]').waitFor({ timeout: RUN_TIMEOUT_MS });
    await expect.poll(shown, { timeout: 10_000 }).toEqual(["Executive summary deck completed"]);
    await page.waitForTimeout(1000);
    expect(await shown()).toEqual(["Executive summary deck completed"]);
  });
});
