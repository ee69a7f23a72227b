// The account pages end to end (issue 7): a fresh install asks for an owner account, and a second user
// sees nothing of a project until invited. A real `worksmith serve` started WITHOUT an owner (the
// harness's startServer creates one through the API, which would skip the setup page), driven by
// Debian's chromium. Any console error or page error a test did not expect fails it.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureWebBuilt, launchBrowser, screenshot, spawnServer, VIEWPORTS, type SpawnedServer } from "./harness.js";

const OWNER = { email: "ada@example.test", name: "Ada Lovelace", password: "correct horse battery" } as const;
const SECOND = { email: "vic@example.test", name: "Vic Viewer", password: "viewer password 1" } as const;
const DEMO_PROJECT = "Halvorsen Q3";

let server: SpawnedServer;
let browser: Browser;
/** Shared by the tests in order: the first finds the demo project, the second needs its URL. */
let projectPath = "";

interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Console errors matching one of these are expected (the 4xx a page is built on). */
  allow: RegExp[];
}
const opened: Watched[] = [];

async function open(): Promise<Watched> {
  const context = await browser.newContext({ baseURL: server.url, viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  const watched: Watched = { page, context, problems: [], allow: [] };
  page.on("console", (m) => {
    if (m.type() === "error") watched.problems.push(`console.error: ${m.text()} @ ${m.location().url}`);
  });
  page.on("pageerror", (e) => watched.problems.push(`pageerror: ${e.message}`));
  opened.push(watched);
  return watched;
}

async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([spawnServer(), launchBrowser()]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  const problems = opened.flatMap((w) => w.problems.filter((p) => !w.allow.some((re) => re.test(p))));
  for (const w of opened.splice(0)) await w.context.close().catch(() => undefined);
  expect(problems, "browser console errors / page errors").toEqual([]);
});

describe("the account pages", () => {
  it("a fresh install asks for the owner account, then signs the owner in to the demo project", async () => {
    const watched = await open();
    const { page, context } = watched;
    // The 422 of the too-long password below is the server's answer the form is built on.
    watched.allow.push(/status of 422 .*\/api\/auth\/setup/);

    await page.goto("/");
    await page.waitForURL("**/setup");
    await page.getByRole("heading", { name: "Create the owner account" }).waitFor();

    // Too short: the page checks the contract's floor itself, before any request.
    const setupCalls: number[] = [];
    page.on("response", (res) => {
      if (res.url().endsWith("/api/auth/setup")) setupCalls.push(res.status());
    });
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Name").fill(OWNER.name);
    await page.locator("#setup-password").fill("short");
    await page.getByLabel("Confirm password").fill("short");
    await page.getByRole("button", { name: "Create account and continue" }).click();
    await expect.poll(() => page.locator("#setup-password-error").textContent()).toContain("At least 10 characters");
    expect(await page.locator("#setup-password").getAttribute("aria-invalid")).toBe("true");
    expect(setupCalls).toEqual([]);

    // Too long (the contract's ceiling is 200, which only the server checks): the server's field error.
    const tooLong = "x".repeat(201);
    await page.locator("#setup-password").fill(tooLong);
    await page.getByLabel("Confirm password").fill(tooLong);
    await page.getByRole("button", { name: "Create account and continue" }).click();
    await page.locator("#setup-password-error").waitFor();
    await expect.poll(() => setupCalls).toEqual([422]);
    const serverMessage = (await page.locator("#setup-password-error").textContent()) ?? "";
    expect(serverMessage).not.toContain("At least 10 characters");
    expect(serverMessage).toMatch(/200/);
    await screenshot(page, "auth-setup-server-error");

    await page.locator("#setup-password").fill(OWNER.password);
    await page.getByLabel("Confirm password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account and continue" }).click();
    await page.waitForURL("**/projects");
    const demo = page.getByRole("link", { name: new RegExp(DEMO_PROJECT) });
    await demo.waitFor();
    expect(setupCalls).toEqual([422, 201]);
    projectPath = new URL((await demo.getAttribute("href")) ?? "", server.url).pathname;
    expect(projectPath).toMatch(/^\/projects\/[0-9a-f-]{36}$/);

    // Reloading keeps the session; the setup page is gone for good.
    await page.reload();
    await page.getByRole("link", { name: new RegExp(DEMO_PROJECT) }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/projects");
    await page.goto("/setup");
    await page.waitForURL("**/projects");

    // The session cookie exists but scripts cannot read it.
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "worksmith_session");
    expect(session?.httpOnly).toBe(true);
    expect(await page.evaluate(() => document.cookie)).not.toContain("worksmith_session");

    // The owner can start work in the demo project (the second test checks a viewer cannot).
    await page.goto(projectPath);
    await page.getByRole("heading", { name: "Context" }).waitFor();
    // The top bar fills in once the project (with the caller's role) has loaded.
    await page.locator(".topbar .crumb").getByText(DEMO_PROJECT).waitFor();
    expect(await page.getByRole("link", { name: "New work request" }).count()).toBe(1);
    expect(await page.locator(".topbar .badge-view-only").count()).toBe(0);
  });

  it("an API token is shown once and revocable; a second user sees the project only once invited, read-only", async () => {
    expect(projectPath, "the first test found the demo project").not.toBe("");
    const owner = await open();
    const { page } = owner;
    await page.goto("/login");
    await signIn(page, OWNER);
    await page.waitForURL("**/projects");

    // The top bar names the person by the name given at setup, not by their email.
    expect(await page.locator(".user-menu-button").innerText()).toContain(OWNER.name);

    // A token: shown once, in full, in the read-only field.
    await page.locator(".user-menu-button").click();
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { name: "Account", level: 1 }).waitFor();
    await page.getByText("No API tokens yet").waitFor();
    await page.getByRole("button", { name: "New token" }).click();
    await page.getByLabel("Name").fill("laptop CLI");
    await page.getByRole("button", { name: "Create token" }).click();
    const tokenField = page.getByLabel("Your new API token");
    await tokenField.waitFor();
    const token = await tokenField.inputValue();
    expect(token).toMatch(/^wsk_/);
    expect(await tokenField.getAttribute("readonly")).not.toBeNull();
    await page.getByRole("button", { name: /Done/ }).click();
    await tokenField.waitFor({ state: "detached" });

    // Listed by name with only its prefix; the full token is nowhere in the page, even after a reload.
    const rows = page.locator("table[aria-label='API tokens'] tbody tr");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(await rows.first().locator("td").first().textContent()).toBe("laptop CLI");
    const shownPrefix = ((await rows.first().locator("code").textContent()) ?? "").replace(/…$/, "");
    expect(shownPrefix.length).toBeGreaterThan(3);
    expect(shownPrefix.length).toBeLessThan(token.length);
    expect(token.startsWith(shownPrefix)).toBe(true);
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await rows.first().waitFor();
    expect(await page.content()).not.toContain(token);

    // It works as a Bearer credential, until revoked.
    const before = await fetch(new URL("/api/projects", server.url), { headers: bearer(token) });
    expect(before.status).toBe(200);
    const listed = (await before.json()) as { items: { name: string }[] };
    expect(listed.items.map((p) => p.name)).toContain(DEMO_PROJECT);
    await page.getByRole("button", { name: "Revoke laptop CLI" }).click();
    await page
      .getByRole("group", { name: /Revoke\?/ })
      .getByRole("button", { name: "Revoke" })
      .click();
    await page.getByText("No API tokens yet").waitFor();
    const after = await fetch(new URL("/api/projects", server.url), { headers: bearer(token) });
    expect(after.status).toBe(401);

    // A second account, created by the owner (the administrator).
    await page.locator(".user-menu-button").click();
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    await page.getByRole("button", { name: "New account" }).click();
    await page.getByLabel("Email").fill(SECOND.email);
    await page.getByLabel("Name").fill(SECOND.name);
    await page.getByLabel("Initial password").fill(SECOND.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.locator("table[aria-label='Accounts'] tbody tr").filter({ hasText: SECOND.email }).waitFor();

    // Sign out, sign in as the second user: no projects, and the demo project's URL is "not found".
    await page.locator(".user-menu-button").click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((u) => u.pathname === "/login");
    await signIn(page, SECOND);
    await page.waitForURL("**/projects");
    await page.locator(".empty-title").getByText("No projects yet").waitFor();
    expect(await page.getByRole("link", { name: new RegExp(DEMO_PROJECT) }).count()).toBe(0);
    expect(await page.locator(".user-menu-button").getAttribute("aria-label")).toContain(SECOND.email);
    // A non-member gets 404 for the project (not 403: its existence is not revealed).
    // The overview's own fetches (context, recent tickets) start beside the project's and get 404 too.
    const projectId = projectPath.split("/").pop() ?? "";
    owner.allow.push(
      new RegExp(`status of 404 .*/api/projects/${projectId}(/context)?$`),
      new RegExp(`status of 404 .*/api/work/tickets\\?project_id=${projectId}&`),
    );
    await page.goto(projectPath);
    await page.getByRole("heading", { name: "Project not found" }).waitFor();
    expect(await page.getByText(DEMO_PROJECT).count()).toBe(0);
    await screenshot(page, "auth-second-user-not-found");

    // The owner (another browser) invites the second user as a viewer on the members page.
    const inviter = await open();
    await inviter.page.goto(projectPath + "/members");
    await inviter.page.waitForURL("**/login?next=**");
    await signIn(inviter.page, OWNER);
    await inviter.page.waitForURL("**/members");
    await inviter.page.locator("table[aria-label='Members'] tbody tr").first().waitFor();
    await inviter.page.getByLabel("Email").fill(SECOND.email);
    await inviter.page.getByLabel("Role", { exact: true }).selectOption("viewer");
    await inviter.page.getByRole("button", { name: "Add member" }).click();
    await inviter.page.getByLabel(`Role of ${SECOND.email}`).waitFor();
    expect(await inviter.page.getByLabel(`Role of ${SECOND.email}`).inputValue()).toBe("viewer");
    // The only owner is offered no Remove and no lower role (a project keeps an owner); others are.
    expect(await inviter.page.getByRole("button", { name: `Remove ${OWNER.email}` }).count()).toBe(0);
    expect(await inviter.page.getByLabel(`Role of ${OWNER.email}`).isDisabled()).toBe(true);
    expect(await inviter.page.getByRole("button", { name: `Remove ${SECOND.email}` }).count()).toBe(1);

    // Now the second user sees it, marked "View only", with no way to start work.
    await page.goto("/projects");
    const card = page.getByRole("link", { name: new RegExp(DEMO_PROJECT) });
    await card.waitFor();
    expect(await card.locator(".badge-view-only").count()).toBe(1);
    expect(await card.locator(".badge-view-only").textContent()).toBe("View only");
    await card.click();
    await page.getByRole("heading", { name: "Context" }).waitFor();
    await page.locator(".topbar .badge-view-only").waitFor();
    expect(await page.locator(".topbar").getByText(DEMO_PROJECT).isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "New work request" }).count()).toBe(0);
    await screenshot(page, "auth-viewer-overview");
  });
});
