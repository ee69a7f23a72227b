// The web journey end to end (issue 5): a real `worksmith serve` (own data dir, free port, the demo
// project seeded, the builtin agent paced so a run can be watched and cancelled) driven by Debian's
// chromium. Any console error or page error a test did not expect fails it. Screenshots of every page
// at desktop and phone width land in test-results/screenshots/.
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SessionView, type ExecuteAccepted, type ProjectView, type TicketView } from "../../src/domain/contract.js";
import {
  accessibilityProblems,
  apiJson,
  authHeaders,
  ensureWebBuilt,
  launchBrowser,
  openPage,
  OWNER,
  screenshot,
  screenshotBoth,
  startServer,
  ticketEvents,
  type PageOptions,
  type TestServer,
  type WatchedPage,
} from "./harness.js";

/** Builtin agent pacing: each step takes this long, so a run lasts a few seconds (time to watch, cancel, reload). */
const STEP_DELAY_MS = 1200;
const RUN_TIMEOUT_MS = 60_000;

let server: TestServer;
let browser: Browser;
let project: ProjectView;
const opened: WatchedPage[] = [];

async function open(options?: PageOptions): Promise<WatchedPage> {
  const watched = await openPage(browser, server, options);
  opened.push(watched);
  return watched;
}

async function submitViaApi(topic: string): Promise<string> {
  const res = await apiJson<ExecuteAccepted>(server, "POST", "/api/work/reporting/execute", {
    project_id: project.id,
    recipe_slug: "executive-summary-deck",
    parameters: { topic, slide_count: 4 },
  });
  expect(res.status).toBe(202);
  return res.body.work_ticket_id;
}

const trackUrl = (ticketId: string) => `/projects/${project.id}/work-tickets/${ticketId}/track`;

async function waitForStatus(page: Page, status: string, timeout = RUN_TIMEOUT_MS): Promise<void> {
  await page.locator(`article.track[data-status="${status}"]`).waitFor({ timeout });
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
  const problems = opened.flatMap((w) => w.unexpected());
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
  expect(problems, "browser console errors / page errors").toEqual([]);
});

describe("the web journey", () => {
  it("goes gallery → configure (a validation error) → track live → completed → preview → download", async () => {
    const watched = await open();
    const { page } = watched;
    await page.goto("/");
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "01-projects-desktop");

    await page.getByRole("link", { name: new RegExp(project.name) }).click();
    await page.getByRole("heading", { name: "Context" }).waitFor();
    await page.locator("ul[aria-label='Context items'] li").first().waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "02-project-desktop");

    await page.getByRole("link", { name: "New work request" }).first().click();
    await page.getByRole("heading", { name: "Reporting" }).waitFor();
    expect(await page.getByRole("heading", { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(["Reporting", "Research", "Content"]),
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "03-gallery-desktop");

    await page.locator("a[data-recipe='executive-summary-deck']").click();
    const topic = page.getByLabel("Topic");
    await topic.waitFor();
    // Defaults come from the schema; the number field carries its bounds.
    expect(await page.getByLabel("Audience").inputValue()).toBe("executives");
    expect(await page.getByLabel("Number of slides").inputValue()).toBe("6");
    expect(await page.getByLabel("Number of slides").getAttribute("min")).toBe("3");
    expect(await page.getByLabel("Include the key figures").isChecked()).toBe(true);

    // A validation error: no topic, too many slides. Shown beside each field, focus on the first.
    // The page's CSP forbids eval, so Ajv cannot compile in the browser and the server's 422 (same
    // messages) is what the form shows; chromium logs that answer as a failed load.
    watched.allow.push(/status of 422 \(Unprocessable Entity\) @ http:\/\/127\.0\.0\.1:\d+\/api\/work\/reporting\/execute$/);
    await page.getByLabel("Number of slides").fill("40");
    await page.getByRole("button", { name: /Start work/ }).click();
    await page.getByRole("alert").waitFor();
    const topicError = page.locator("#param-topic-error");
    await expect.poll(() => topicError.textContent()).toMatch(/Topic (is required|must not be empty)/);
    expect(await page.locator("#param-slide_count-error").textContent()).toMatch(/at most 20/);
    expect(await topic.getAttribute("aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("param-topic");
    expect(page.url()).toContain("/new/configure?recipe=executive-summary-deck");
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "04-configure-errors-desktop");

    // Fixed from the keyboard: type into the focused field, tab on, submit with Enter.
    await page.keyboard.type("Q3 performance");
    await page.getByLabel("Number of slides").fill("4");
    await page.getByLabel("Number of slides").press("Enter");
    await page.waitForURL(/\/work-tickets\/[0-9a-f-]{36}\/track$/, { timeout: 10_000 });
    const ticketId = /work-tickets\/([0-9a-f-]{36})\/track/.exec(page.url())![1]!;

    // Live: the steps tick over while it runs.
    await page.locator("article.track").waitFor();
    await page.locator(".todo-list li").first().waitFor({ timeout: RUN_TIMEOUT_MS });
    await expect.poll(() => page.locator(".progress-label").textContent(), { timeout: RUN_TIMEOUT_MS }).toMatch(/^[1-9]\d* of \d+ steps$/);
    expect(await page.locator("dl.params").textContent()).toContain("Q3 performance");
    await screenshot(page, "05-track-running-desktop");

    await waitForStatus(page, "completed");
    const chip = page.locator(".track-header .chip");
    expect(await chip.textContent()).toContain("Completed");
    const progress = await page.locator(".progress-label").textContent();
    const [done, total] = /(\d+) of (\d+)/
      .exec(progress ?? "")!
      .slice(1)
      .map(Number);
    expect(done).toBe(total);
    expect(await page.locator(".todo-list li[data-step-status='completed']").count()).toBe(total);
    // Finished steps keep their duration.
    for (const d of await page.locator(".todo-list .todo-duration").allTextContents()) expect(d).toMatch(/\d(\.\d)? s|\d+ m \d+ s/);

    // Outputs slid in: the markdown preview is rendered (no raw markdown, no injected HTML) and the file downloads.
    await page.locator(".outputs .markdown").first().waitFor({ timeout: 15_000 });
    expect(await page.locator(".outputs .markdown :is(h1, h2, h3, li, p)").count()).toBeGreaterThan(0);
    expect(await page.locator(".outputs .markdown script").count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, "06-track-completed-desktop");

    const download = page.getByRole("link", { name: /^Download .*\.pptx$/ }).first();
    const href = await download.getAttribute("href");
    expect(href).toBeTruthy();
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const bytes = readFileSync(await file.path());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK"); // a .pptx is a zip
    expect(file.suggestedFilename()).toMatch(/\.pptx$/);
    // The signed link alone opens nothing: the download also needs a member's credentials.
    expect((await fetch(new URL(href!, server.url))).status).toBe(401);
    const response = await fetch(new URL(href!, server.url), { headers: authHeaders(server) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);

    // The direct outputs page and the list show the same ticket.
    await page.getByRole("link", { name: "Direct link" }).click();
    await page.getByRole("heading", { name: /Outputs · / }).waitFor();
    await page.locator(".outputs .file-card").first().waitFor();
    await screenshot(page, "07-outputs-desktop");
    await page.goto(`/projects/${project.id}/work-tickets`);
    const card = page.locator(`a.ticket-card[data-ticket-id='${ticketId}']`);
    await card.waitFor();
    expect(await card.getAttribute("data-status")).toBe("completed");
    expect(await card.textContent()).toMatch(/\d+ outputs?/);
    expect(await card.textContent()).toMatch(/(\d+)\/\1 steps/);
    await screenshot(page, "08-tickets-desktop");
  });

  it("cancels a running ticket from its tracking page", async () => {
    const ticketId = await submitViaApi("Cancel me");
    const { page } = await open();
    await page.goto(trackUrl(ticketId));
    await page.locator(".todo-list li").first().waitFor({ timeout: RUN_TIMEOUT_MS });
    expect(await page.locator("article.track").getAttribute("data-status")).toBe("running");
    await page.getByRole("button", { name: "Cancel" }).click();
    await waitForStatus(page, "cancelled", 30_000);
    expect(await page.locator(".track-header .chip").textContent()).toContain("Cancelled");
    expect(await page.getByRole("button", { name: "Cancel" }).count()).toBe(0);
    // The step that was running stops counting, and is shown — and stored — as stopped, also after a reload.
    expect(await page.locator(".todo-duration.live").count()).toBe(0);
    expect(await page.locator('.todo-list li[data-step-status="stopped"]').count()).toBe(1);
    expect(await page.locator('.todo-list li[data-step-status="in_progress"]').count()).toBe(0);
    await screenshot(page, "09-track-cancelled-desktop");
    const stored = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`);
    expect(stored.body.status).toBe("cancelled");
    expect(stored.body.todos.filter((td) => td.status === "stopped")).toHaveLength(1);
    await page.reload();
    await page.locator('.todo-list li[data-step-status="stopped"]').waitFor();
  });

  it("retries a cancelled ticket, and regenerates with edited parameters", async () => {
    const ticketId = await submitViaApi("Retry me");
    await apiJson(server, "POST", `/api/work/tickets/${ticketId}/cancel`);
    const { page } = await open();
    await page.goto(trackUrl(ticketId));
    await waitForStatus(page, "cancelled", 30_000);

    await page.getByRole("button", { name: "Retry" }).first().click();
    await page.waitForURL((url) => url.pathname.endsWith("/track") && !url.pathname.includes(ticketId));
    const retryId = /work-tickets\/([0-9a-f-]{36})\/track/.exec(page.url())![1]!;
    await page.getByRole("link", { name: "an earlier ticket" }).waitFor();
    await waitForStatus(page, "completed");
    const retried = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${retryId}`);
    expect(retried.body.retry_of).toBe(ticketId);

    // Regenerate with edits: the form comes pre-filled from the ticket.
    await page.getByRole("link", { name: "Edit parameters…" }).click();
    const topic = page.getByLabel("Topic");
    await topic.waitFor();
    expect(await topic.inputValue()).toBe("Retry me");
    expect(await page.getByLabel("Number of slides").inputValue()).toBe("4");
    await screenshot(page, "10-configure-prefilled-desktop");
    await topic.fill("Retry me, edited");
    await page.getByRole("button", { name: /Start again/ }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/track") && !url.pathname.includes(retryId));
    const regenId = /work-tickets\/([0-9a-f-]{36})\/track/.exec(page.url())![1]!;
    expect(await page.locator("dl.params").textContent()).toContain("Retry me, edited");
    await waitForStatus(page, "completed");
    const regen = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${regenId}`);
    expect(regen.body.retry_of).toBe(retryId);
    expect(regen.body.metadata.recipe_parameters.topic).toBe("Retry me, edited");
  });

  it("updates the ticket list live in a second page, with one toast", async () => {
    const list = await open();
    await list.page.goto(`/projects/${project.id}/work-tickets`);
    await list.page.locator("ul.ticket-list, .empty").first().waitFor();
    // Let the project stream connect before the other page submits.
    await list.page.waitForTimeout(1500);

    const other = await open();
    await other.page.goto(`/projects/${project.id}/work-tickets/new/configure?recipe=executive-summary-deck`);
    await other.page.getByLabel("Topic").fill("Live list");
    await other.page.getByRole("button", { name: /Start work/ }).click();
    await other.page.waitForURL(/\/track$/);
    const ticketId = /work-tickets\/([0-9a-f-]{36})\/track/.exec(other.page.url())![1]!;

    const card = list.page.locator(`a.ticket-card[data-ticket-id='${ticketId}']`);
    await card.waitFor({ timeout: 15_000 });
    expect(await list.page.locator("a.ticket-card").first().getAttribute("data-ticket-id")).toBe(ticketId);
    await expect.poll(() => card.getAttribute("data-status"), { timeout: RUN_TIMEOUT_MS }).toBe("completed");
    const toast = list.page.locator(".toasts .toast", { hasText: "completed" });
    await toast.waitFor({ timeout: 10_000 });
    expect(await toast.count()).toBe(1);
    expect(await list.page.locator(".toasts").getAttribute("role")).toBe("status");
    await screenshot(list.page, "11-tickets-live-toast-desktop");
    expect(await toast.getByRole("link").getAttribute("href")).toBe(trackUrl(ticketId));

    // Filters live in the URL, and the filtered view is live too.
    await list.page.getByLabel("Status").selectOption("completed");
    await list.page.waitForURL(/status=completed/);
    await card.waitFor();
    // The old cards go as soon as the filtered answer arrives.
    await expect.poll(() => list.page.locator("a.ticket-card:not([data-status='completed'])").count(), { timeout: 10_000 }).toBe(0);
    await card.waitFor();
    await list.page.getByLabel("Status").selectOption("failed");
    await list.page.getByText("No tickets match these filters").waitFor();
    await list.page.reload();
    expect(await list.page.getByLabel("Status").inputValue()).toBe("failed");
  });

  it("resumes the tracking page after a reload and a dropped stream, without losing or repeating events", async () => {
    const ticketId = await submitViaApi("Reload me");
    const watched = await open();
    const { page } = watched;
    await page.goto(trackUrl(ticketId));
    await page.locator(".todo-list li[data-step-status='completed']").first().waitFor({ timeout: RUN_TIMEOUT_MS });
    expect(await page.locator("article.track").getAttribute("data-status")).toBe("running");
    const before = await page.locator(".todo-list li[data-step-status='completed'] .todo-text").allTextContents();

    // The first stream after the reload is cut: the page says so, then catches up by itself.
    let cut = 0;
    await page.route("**/api/work/tickets/*/stream*", async (route) => {
      if (cut++ === 0) return route.abort("connectionreset");
      return route.continue();
    });
    watched.allow.push(/ERR_CONNECTION_RESET|net::ERR_FAILED/);
    await page.reload();
    await page.getByText("Reconnecting…").waitFor({ timeout: 5000 });
    // Steps done before the reload are still there, done, from the stored state.
    for (const text of before) expect(await page.locator(".todo-list li[data-step-status='completed']", { hasText: text }).count()).toBe(1);
    await waitForStatus(page, "completed");
    expect(await page.getByText("Reconnecting…").count()).toBe(0);

    const snapshot = Number(await page.locator("article.track").getAttribute("data-snapshot-event-id"));
    const applied = ((await page.locator("article.track").getAttribute("data-applied-events")) ?? "")
      .split(",")
      .filter(Boolean)
      .map(Number);
    const log = await ticketEvents(server, ticketId);
    const expected = log.filter((e) => e.id > snapshot);
    // Nothing repeated: strictly increasing, every id after the snapshot.
    expect(applied.every((id, i) => i === 0 || id > applied[i - 1]!)).toBe(true);
    expect(applied.every((id) => id > snapshot)).toBe(true);
    // Nothing lost: every status/output event after the snapshot was applied; todo lists may be
    // coalesced by the server (a newer full list supersedes an older one) but the last one arrives.
    for (const e of expected.filter((x) => x.type !== "todos")) expect(applied).toContain(e.id);
    const lastTodos = expected.filter((x) => x.type === "todos").at(-1);
    if (lastTodos) expect(applied).toContain(lastTodos.id);
    expect(applied.at(-1)).toBe(log.at(-1)!.id);

    // The list on screen is the stored final list: each step once.
    const stored = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`);
    const shown = await page.locator(".todo-list li .todo-text").allTextContents();
    expect(shown).toEqual((stored.body.metadata.final_todos ?? stored.body.todos).map((t) => t.content));
    expect(new Set(shown).size).toBe(shown.length);
  });

  it("signs the browser in with the owner's httpOnly, SameSite=Lax session cookie; without it the API refuses the browser", async () => {
    // What the harness copied into the browser is what the setup route set.
    expect(server.owner.session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(server.owner.session.attributes).toMatch(/(^|; )Path=\/(;|$)/);
    const { page } = await open();
    await page.goto("/");
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    // The session works for the page's own requests, yet no script on the page can read it.
    const session = SessionView.parse(await page.evaluate(async () => (await fetch("/api/auth/session")).json() as Promise<unknown>));
    expect(session).toMatchObject({ user: { email: OWNER.email, is_admin: true }, setup_required: false });
    expect(await page.evaluate(() => document.cookie)).not.toContain("worksmith_session");
    expect((await page.context().cookies()).find((c) => c.name === "worksmith_session")?.httpOnly).toBe(true);

    // A signed-out browser on the same origin (a page that needs no account) gets 401 from the API.
    const signedOut = await open({ signedIn: false });
    await signedOut.page.goto("/api/health");
    const answers = await signedOut.page.evaluate(async () => {
      const projects = await fetch("/api/projects");
      const submit = await fetch("/api/projects", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const who = (await (await fetch("/api/auth/session")).json()) as { user: unknown };
      return { projects: projects.status, submit: submit.status, user: who.user };
    });
    expect(answers).toEqual({ projects: 401, submit: 401, user: null });
    // Chromium logs the refused loads; they are the point of this check.
    signedOut.allow.push(/status of 401 \(Unauthorized\) @ http:\/\/127\.0\.0\.1:\d+\/api\/projects/);
  });

  it("refuses a file over the upload limit before sending it, saying the size and the limit", async () => {
    const { page } = await open();
    const posted: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().includes("/context")) posted.push(r.url());
    });
    await page.goto(`/projects/${project.id}`);
    await page.getByRole("button", { name: "Upload file" }).waitFor();
    // 10 MB is the default limit; one byte more is refused in the browser.
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, "a");
    await page
      .getByLabel("Upload a context file (.md, .txt, .vtt, .srt, .csv, .pdf, .html, .json)")
      .setInputFiles({ name: "big-notes.txt", mimeType: "text/plain", buffer: big });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("File too large");
    expect(await alert.innerText()).toContain("big-notes.txt (10.0 MB) is over the 10.0 MB upload limit.");
    expect(posted).toEqual([]);
  });

  it("shows clear not-found pages for an unknown project, ticket, recipe and path", async () => {
    const watched = await open();
    const { page } = watched;
    // These pages are built on the server's 404 answers, which chromium logs as failed loads.
    watched.allow.push(/status of 404 \(Not Found\) @ http:\/\/127\.0\.0\.1:\d+\/api\//);
    const missing = "00000000-0000-4000-8000-000000000000";
    await page.goto(`/projects/${missing}`);
    await page.getByRole("heading", { name: "Project not found" }).waitFor();
    await screenshot(page, "12-not-found-project-desktop");
    await page.goto(`/projects/${project.id}/work-tickets/${missing}/track`);
    await page.getByRole("heading", { name: "Ticket not found" }).waitFor();
    await page.goto(`/projects/${project.id}/work-tickets/${missing}/outputs`);
    await page.getByRole("heading", { name: "Ticket not found" }).waitFor();
    await page.goto(`/projects/${project.id}/work-tickets/new/configure?recipe=no-such-recipe`);
    await page.getByRole("heading", { name: "Recipe not found" }).waitFor();
    await page.goto("/nowhere/at/all");
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    expect(await page.getByRole("link", { name: "Back to projects" }).count()).toBe(1);
  });

  it("renders every page readably at desktop and phone width", async () => {
    // A completed ticket to show (the journey made one; alone, this test makes its own).
    const done = await apiJson<{ items: TicketView[] }>(
      server,
      "GET",
      `/api/work/tickets?project_id=${project.id}&status=completed&limit=1`,
    );
    let ticket = done.body.items[0];
    if (!ticket) {
      const id = await submitViaApi("Q3 performance");
      await expect
        .poll(async () => (await apiJson<TicketView>(server, "GET", `/api/work/tickets/${id}`)).body.status, {
          timeout: RUN_TIMEOUT_MS,
          interval: 250,
        })
        .toBe("completed");
      ticket = (await apiJson<TicketView>(server, "GET", `/api/work/tickets/${id}`)).body;
    }
    const pages: [string, string, (p: Page) => Promise<void>][] = [
      ["projects", "/projects", (p) => p.locator(".card").first().waitFor()],
      [
        "project",
        `/projects/${project.id}`,
        async (p) => {
          await p.locator("ul[aria-label='Context items']").waitFor();
          await p.locator("ul[aria-label='Recent tickets']").waitFor();
        },
      ],
      ["gallery", `/projects/${project.id}/work-tickets/new`, (p) => p.locator(".recipe-card").first().waitFor()],
      [
        "configure",
        `/projects/${project.id}/work-tickets/new/configure?recipe=comparison-table`,
        (p) => p.locator("form .field").first().waitFor(),
      ],
      ["track", trackUrl(ticket.id), (p) => p.locator(".outputs .markdown").first().waitFor()],
      ["tickets", `/projects/${project.id}/work-tickets`, (p) => p.locator(".ticket-card").first().waitFor()],
      ["outputs", `/projects/${project.id}/work-tickets/${ticket.id}/outputs`, (p) => p.locator(".outputs .markdown").first().waitFor()],
    ];
    for (const [name, path, ready] of pages) {
      const problems = await screenshotBoth(browser, server, path, `20-${name}`, async (p) => {
        await ready(p);
        // Readable at phone width: nothing wider than the viewport.
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} overflows horizontally`).toBeLessThanOrEqual(0);
        expect(await accessibilityProblems(p)).toEqual([]);
      });
      expect(problems, `${name}: console errors`).toEqual([]);
    }
    // Dark mode follows the OS.
    const dark = await openPage(browser, server, { colorScheme: "dark" });
    opened.push(dark);
    await dark.page.goto(trackUrl(ticket.id));
    await dark.page.locator(".outputs .markdown").first().waitFor();
    expect(await dark.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(11, 11, 13)");
    await screenshot(dark.page, "21-track-dark-desktop");
  }, 300_000);
});
