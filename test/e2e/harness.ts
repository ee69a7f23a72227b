// End-to-end harness: builds the web app once (when dist/web is missing or older than its sources),
// starts a real `worksmith serve` on a free port with its own temp data dir, creates its owner account
// through the real setup route, and drives Debian's chromium through playwright-core with that
// owner's session cookie (the sign-in pages have their own tests). Every page records console errors
// and page errors; a test fails on any it did not expect.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page, type Route } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = join(ROOT, "test-results", "screenshots");
export const VIEWPORTS = { desktop: { width: 1280, height: 860 }, phone: { width: 390, height: 844 } } as const;

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Build dist/web unless it is newer than web/ and src/domain (what the bundle is made of). */
export function ensureWebBuilt(): void {
  const index = join(ROOT, "dist/web/index.html");
  const sources = Math.max(newestMtime(join(ROOT, "web")), newestMtime(join(ROOT, "src/domain")));
  if (existsSync(index) && statSync(index).mtimeMs > sources) return;
  // A lock directory serialises concurrent builders (two test files, or a bench beside a test).
  const lock = join(ROOT, "dist", ".web-build.lock");
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 180_000) throw new Error("timed out waiting for another web build");
      spawnSync("sleep", ["0.5"]);
    }
  }
  try {
    if (existsSync(index) && statSync(index).mtimeMs > sources) return;
    // The production bundle, as `npm start` serves it: vitest sets NODE_ENV=test, which would make
    // Vite ship React's development build (bigger, slower — and not what users run).
    const result = spawnSync(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The account every test server is set up with (the first account: administrator, owner of the demo project). */
export const OWNER = { email: "owner@example.test", name: "E2E Owner", password: "correct horse battery staple" } as const;

/** The owner's credentials, as the setup route and the tokens route handed them out. */
export interface Owner {
  email: string;
  /** The `worksmith_session` cookie exactly as the server set it. */
  session: { name: string; value: string; httpOnly: boolean; sameSite: "Lax" | "Strict" | "None"; attributes: string };
  /** An API token (`wsk_…`) for the test's own requests. */
  token: string;
}

export interface TestServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  owner: Owner;
  stop(): Promise<void>;
}

/**
 * Create the owner of a fresh install the way the setup page does (POST /api/auth/setup from the
 * server's own origin), keep the session cookie it sets, and create an API token with that session.
 */
export async function setUpOwner(baseURL: string): Promise<Owner> {
  const origin = new URL(baseURL).origin;
  const setup = await fetch(new URL("/api/auth/setup", baseURL), {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(OWNER),
  });
  if (setup.status !== 201) throw new Error(`owner setup answered ${setup.status}: ${await setup.text()}`);
  const header = setup.headers.getSetCookie().find((c) => c.startsWith("worksmith_session="));
  if (!header) throw new Error(`owner setup set no session cookie (set-cookie: ${setup.headers.getSetCookie().join(" | ")})`);
  const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
  const value = pair.slice(pair.indexOf("=") + 1);
  const sameSite = /^SameSite=(\w+)$/i.exec(attributes.find((a) => /^SameSite=/i.test(a)) ?? "")?.[1]?.toLowerCase();
  const session: Owner["session"] = {
    name: "worksmith_session",
    value,
    httpOnly: attributes.some((a) => a.toLowerCase() === "httponly"),
    sameSite: sameSite === "strict" ? "Strict" : sameSite === "none" ? "None" : "Lax",
    attributes: attributes.join("; "),
  };
  const created = await fetch(new URL("/api/tokens", baseURL), {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie: `${session.name}=${value}` },
    body: JSON.stringify({ name: "e2e" }),
  });
  if (created.status !== 201) throw new Error(`token creation answered ${created.status}: ${await created.text()}`);
  const { token } = (await created.json()) as { token: string };
  return { email: OWNER.email, session, token };
}

/** A `worksmith serve` process on PGlite in a fresh temp dir and a free port, with no account yet. */
export interface SpawnedServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM (SIGKILL after 15 s), then remove the data dir. */
  stop: () => Promise<void>;
}

/**
 * Start `worksmith serve`; resolves once it printed its URL. A fresh install: it asks for its owner.
 * Given `dataDir`, it serves that directory (a restart after a kill) and `stop` leaves it in place.
 */
export async function spawnServer(env: Record<string, string> = {}, options: { dataDir?: string } = {}): Promise<SpawnedServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "worksmith-e2e-"));
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      WORKSMITH_DATA_DIR: dataDir,
      WORKSMITH_SEED_DEMO: "true",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[0]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, dataDir, process: child, stop };
}

/**
 * Start `worksmith serve` (PGlite in a fresh temp dir, free port) and set up its owner account;
 * resolves once the server printed its URL and the owner can sign in.
 */
export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const { url, dataDir, process: child, stop } = await spawnServer(env);
  const owner = await setUpOwner(url).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { url, dataDir, process: child, owner, stop };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A page that remembers every console error and uncaught page error. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Console errors matching one of these are expected (e.g. the 404 a not-found page is built on). */
  allow: RegExp[];
  unexpected(): string[];
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
  /** Put the owner's session cookie into the context (default); false opens the app signed out. */
  signedIn?: boolean;
  /** Ignore the page's Content-Security-Policy, to test what the app's rendering alone prevents. */
  bypassCSP?: boolean;
}

/** A fresh browser context on the server, signed in as its owner unless asked not to be. */
export async function openPage(browser: Browser, server: TestServer, options: PageOptions = {}): Promise<WatchedPage> {
  const { viewport = VIEWPORTS.desktop, colorScheme = "light", signedIn = true, bypassCSP = false } = options;
  const context = await browser.newContext({ baseURL: server.url, viewport, acceptDownloads: true, colorScheme, bypassCSP });
  if (signedIn) {
    const { name, value, httpOnly, sameSite } = server.owner.session;
    await context.addCookies([{ name, value, url: server.url, httpOnly, sameSite }]);
  }
  const page = await context.newPage();
  const watched: WatchedPage = {
    page,
    context,
    problems: [],
    allow: [],
    unexpected() {
      return this.problems.filter((p) => !this.allow.some((re) => re.test(p)));
    },
  };
  page.on("console", (message) => {
    if (message.type() === "error") watched.problems.push(`console.error: ${message.text()} @ ${message.location().url}`);
  });
  page.on("pageerror", (error) => watched.problems.push(`pageerror: ${error.message}`));
  return watched;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}

/**
 * Hold the page's next `method` request to `url` (a route glob) in the browser until `release()`, so
 * a test can look at the page while that request is pending for as long as it needs (a fixed delay
 * races a loaded machine). `arrived` resolves once the request has been made.
 */
export async function holdRequest(page: Page, url: string, method: string): Promise<{ arrived: Promise<void>; release: () => void }> {
  let arrive = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken = false;
  const hold = async (route: Route): Promise<void> => {
    if (taken || route.request().method() !== method) return route.fallback();
    taken = true;
    arrive();
    await released;
    await route.continue();
    // Not before: the last route gone turns interception off, which lets a paused request go at once.
    await page.unroute(url, hold);
  };
  await page.route(url, hold);
  return { arrived, release };
}

/** Screenshot the same URL at desktop and phone width (in a fresh context, so the phone layout is real). */
export async function screenshotBoth(
  browser: Browser,
  server: TestServer,
  path: string,
  name: string,
  ready: (page: Page) => Promise<void>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    const watched = await openPage(browser, server, { viewport });
    await watched.page.goto(path);
    await ready(watched.page);
    await screenshot(watched.page, `${name}-${label}`);
    problems.push(...watched.unexpected());
    await watched.context.close();
  }
  return problems;
}

/** `Authorization: Bearer` with the owner's API token: the test's own requests, as scripts make them. */
export function authHeaders(server: TestServer): { authorization: string } {
  return { authorization: `Bearer ${server.owner.token}` };
}

/** JSON from the API (the test's own client with the owner's token, not the browser's). */
export async function apiJson<T>(server: TestServer, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: { ...authHeaders(server), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/** Every event of a ticket (id and type), from its stream replayed from the start; it ends after the terminal status. */
export async function ticketEvents(server: TestServer, ticketId: string): Promise<{ id: number; type: string }[]> {
  const res = await fetch(new URL(`/api/work/tickets/${ticketId}/stream?after=0`, server.url), {
    headers: authHeaders(server),
    signal: AbortSignal.timeout(30_000),
  });
  if (res.status !== 200) throw new Error(`ticket stream answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  const events: { id: number; type: string }[] = [];
  for (const frame of text.split(/\n\n/)) {
    const id = /^id: ?(\d+)$/m.exec(frame);
    const type = /^event: ?(\w+)$/m.exec(frame);
    if (id && type && type[1] !== "end") events.push({ id: Number(id[1]), type: type[1]! });
  }
  return events;
}

/** Accessibility basics on the current page: labelled form controls, named links and buttons. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const describe = (el: Element): string => el.outerHTML.slice(0, 120);
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
      if (el.type === "hidden") continue;
      const named = (el.labels?.length ?? 0) > 0 || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby");
      if (!named) problems.push(`unlabelled control: ${describe(el)}`);
    }
    for (const el of document.querySelectorAll("a, button")) {
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
      if (!name) problems.push(`nameless ${el.tagName.toLowerCase()}: ${describe(el)}`);
      if (el.tagName === "A" && !el.getAttribute("href")) problems.push(`link without href: ${describe(el)}`);
    }
    return problems;
  });
}
