// Script and markup injected through context, parameters and filenames never executes in the UI.
// A real `worksmith serve` (own data dir, no demo project, the builtin agents unpaced) gets hostile
// text through every way text enters it — a project's name and description, a note's title and body,
// an uploaded .md file's name and content, recipe parameters — runs tickets on it to completion, and
// Debian's chromium visits every page that shows the results, once under the page's CSP and once with
// it bypassed (so the rendering alone is on trial). On each page: no payload ran (window.__pwned
// unset, no dialog, no CSP violation), no element the payloads would create exists (no on* attribute,
// no javascript: URL, no iframe, no payload <script>), and the payload IS on the page as text — so the
// test proves it was rendered inert, not dropped. (Checked against a deliberately injected
// <img onerror> and javascript: link: every one of these checks fails on it.)
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContextItemView, ExecuteAccepted, OutputView, ProjectView, TicketView } from "../../src/domain/contract.js";
import { apiJson, authHeaders, ensureWebBuilt, launchBrowser, openPage, startServer, type TestServer } from "./harness.js";

const RUN_TIMEOUT_MS = 60_000;

// No dots: the builtin agents split sentences at "window.", which would cut a payload in two.
// Handlers assign the global __pwned (window.__pwned in sloppy mode) or open a dialog.
const P = {
  img: `<img src=x onerror="__pwned=1">`,
  svg: `<svg onload=__pwned=1>`,
  script: `<script>__pwned=1</script>`,
  jsLink: `[x](javascript:__pwned=1)`,
  iframe: `"><iframe srcdoc="<img src=x onerror=alert(1)>"></iframe>`,
  details: `<details open ontoggle=__pwned=1>`,
  // Filenames lose everything up to the last / or \, so this one carries neither.
  fileImg: `<img src=x onerror=alert(7)>`,
  svgAlert: `<svg onload=alert(8)>`,
} as const;
// A note's body is read as Markdown, where "__x__" is emphasis and a link keeps only its text: the
// payloads inside the body use dialogs instead, so they reach the outputs whole.
const B = {
  img: `<img src=x onerror="alert(2)">`,
  svg: `<svg onload=alert(3)>`,
  details: `<details open ontoggle=alert(4)>`,
} as const;

const PROJECT = { name: `Apollo ${P.img} ${P.iframe}`, description: `${P.script} ${P.jsLink} ${P.details}` };
const NOTE = {
  title: `Status ${P.svg} ${P.iframe}`,
  body: [
    `# Apollo ${P.script} status`,
    "",
    `The Apollo migration moved 42 services in March 2026 ${B.img} and cut latency by 18%.`,
    `Hosting costs for the Apollo migration dropped to $12,400 a month, see ${P.jsLink} for the invoice.`,
    `The Apollo migration risk is the billing service ${B.svg}, scheduled for May 2026.`,
    `The Apollo migration budget is $80,000 ${B.details}, of which 25% is for research.`,
    "",
  ].join("\n"),
};
const UPLOAD = {
  filename: `${P.fileImg}.md`,
  content: `# Budget ${P.svgAlert}\n\nThe Apollo migration budget rose to $95,000 in April 2026 ${P.iframe}.\n`,
};
const RUNS = [
  { agent: "research", recipe: "research-brief", topic: `Apollo migration ${P.img}` },
  { agent: "research", recipe: "comparison-table", topic: `Apollo migration ${P.svgAlert}` },
  { agent: "content", recipe: "blog-post", topic: `Apollo migration ${P.iframe}` },
] as const;

interface Ran {
  recipe: string;
  topic: string;
  ticket: TicketView;
  outputs: OutputView[];
}

let server: TestServer;
let browser: Browser;
let project: ProjectView;
let upload: ContextItemView;
let noteItem: ContextItemView;
const ran: Ran[] = [];

async function waitForEnd(ticketId: string): Promise<TicketView> {
  const until = Date.now() + RUN_TIMEOUT_MS;
  for (;;) {
    const { body } = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`);
    if (["completed", "failed", "cancelled"].includes(body.status)) return body;
    if (Date.now() > until) throw new Error(`ticket ${ticketId} is still ${body.status}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

beforeAll(async () => {
  ensureWebBuilt();
  [server, browser] = await Promise.all([
    startServer({ WORKSMITH_BUILTIN_STEP_DELAY_MS: "0", WORKSMITH_SEED_DEMO: "false" }),
    launchBrowser(),
  ]);
  const created = await apiJson<ProjectView>(server, "POST", "/api/projects", PROJECT);
  expect(created.status).toBe(201);
  project = created.body;
  expect(project.name).toBe(PROJECT.name); // stored as sent: nothing was "cleaned" on the way in

  const note = await apiJson<ContextItemView>(server, "POST", `/api/projects/${project.id}/context`, NOTE);
  expect(note.status).toBe(201);
  expect(note.body.title).toBe(NOTE.title);
  noteItem = note.body;

  const form = new FormData();
  form.set("file", new Blob([UPLOAD.content], { type: "text/markdown" }), UPLOAD.filename);
  const res = await fetch(new URL(`/api/projects/${project.id}/context`, server.url), {
    method: "POST",
    headers: authHeaders(server),
    body: form,
  });
  expect(res.status).toBe(201);
  upload = (await res.json()) as ContextItemView;
  expect(upload).toMatchObject({ filename: UPLOAD.filename, title: P.fileImg });

  for (const run of RUNS) {
    const accepted = await apiJson<ExecuteAccepted>(server, "POST", `/api/work/${run.agent}/execute`, {
      project_id: project.id,
      recipe_slug: run.recipe,
      parameters: { topic: run.topic },
    });
    expect(accepted.status).toBe(202);
    const ticket = await waitForEnd(accepted.body.work_ticket_id);
    expect(ticket.status, `${run.recipe}: ${ticket.metadata.error_message ?? ""}`).toBe("completed");
    const outputs = await apiJson<{ items: OutputView[] }>(server, "GET", `/api/work/tickets/${ticket.id}/outputs`);
    ran.push({ recipe: run.recipe, topic: run.topic, ticket, outputs: outputs.body.items });
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Everything on the page that payload markup would have created, described for the failure message. */
async function injectedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element): string => el.outerHTML.slice(0, 160);
    for (const el of document.querySelectorAll("*")) {
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) found.push(`event handler attribute ${attr.name}: ${describe(el)}`);
        if (/^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value)) found.push(`script URL in ${attr.name}: ${describe(el)}`);
      }
      if (/^(IFRAME|FRAME|OBJECT|EMBED|BASE)$/.test(el.tagName)) found.push(`<${el.tagName.toLowerCase()}>: ${describe(el)}`);
      if (el.tagName === "IMG" && el.getAttribute("src") === "x") found.push(`payload image: ${describe(el)}`);
    }
    for (const script of document.querySelectorAll("script")) {
      const ours = script.src
        ? new URL(script.src).origin === location.origin && new URL(script.src).pathname.startsWith("/assets/")
        : true;
      if (!ours || script.text.includes("__pwned")) found.push(`script: ${describe(script)}`);
    }
    return found;
  });
}

interface Visit {
  name: string;
  path: string;
  ready: (page: Page) => Promise<void>;
  /** Payload text the page must show, as text. */
  shows: string[];
}

describe("script and markup injected through context, parameters and filenames", () => {
  it("were kept as sent, and cleaned before any agent read them: no output carries the note's markup, the sources still name the hostile titles", () => {
    const markdown = ran.flatMap((r) => r.outputs.filter((o) => o.file_format === "markdown").map((o) => o.body));
    expect(markdown.length).toBeGreaterThanOrEqual(RUNS.length);
    for (const body of markdown) {
      // Unescaped markup (no backslash before "<") would be the note's payloads copied into an output.
      expect(body).not.toMatch(/(^|[^\\])<(img|svg|details|script|iframe)\b/i);
      for (const payload of Object.values(B)) expect(body).not.toContain(payload);
    }
    // Titles are names, shown escaped as text: the preview's renderer still meets the payloads.
    expect(markdown.some((body) => body.includes("\\<svg onload="))).toBe(true);
    for (const r of ran) expect(r.ticket.metadata.recipe_parameters.topic).toBe(r.topic);
    // Both hostile titles are cited somewhere, so the pages below show each of them.
    const cited = new Set(ran.flatMap((r) => r.outputs.flatMap((o) => o.sources.map((src) => src.title))));
    expect([...cited]).toEqual(expect.arrayContaining([NOTE.title, P.fileImg]));
  });

  it("never executes in the UI, and is shown as text on every page that carries it", async () => {
    const [brief, table, blog] = ran as [Ran, Ran, Ran];
    const base = `/projects/${project.id}`;
    const markdownReady = (p: Page) => p.locator(".outputs .markdown").first().waitFor({ timeout: 15_000 });
    const visits: Visit[] = [
      {
        name: "projects",
        path: "/projects",
        ready: (p) => p.locator(".card").first().waitFor(),
        shows: [PROJECT.name, PROJECT.description],
      },
      {
        name: "project overview",
        path: base,
        ready: async (p) => {
          await p.locator("ul[aria-label='Context items'] li").nth(1).waitFor();
          await p.locator("ul[aria-label='Recent tickets'] li").first().waitFor();
        },
        shows: [PROJECT.name, PROJECT.description, NOTE.title, UPLOAD.filename],
      },
      {
        name: "ticket list",
        path: `${base}/work-tickets`,
        ready: (p) =>
          p
            .locator("a.ticket-card")
            .nth(RUNS.length - 1)
            .waitFor(),
        shows: [PROJECT.name],
      },
      ...ran.flatMap((r): Visit[] => {
        const title = r.outputs[0]!.title;
        // The topic shows among the parameters and in the outputs; the context's titles in the sources.
        // Each output names the items it cites; which ones is the agent's choice, so ask the output.
        const cited = [...new Set(r.outputs.flatMap((o) => o.sources.map((src) => src.title)))];
        const shows = [PROJECT.name, r.topic, title, ...cited];
        return [
          { name: `${r.recipe} track`, path: `${base}/work-tickets/${r.ticket.id}/track`, ready: markdownReady, shows },
          { name: `${r.recipe} outputs`, path: `${base}/work-tickets/${r.ticket.id}/outputs`, ready: markdownReady, shows: shows.slice(2) },
        ];
      }),
    ];
    // The previews name the hostile sources (as text) and carry none of the note's body payloads.
    const inPreview: [Ran, string[]][] = [
      [brief, [NOTE.title, P.fileImg].filter((t) => brief.outputs.some((o) => o.sources.some((src) => src.title === t)))],
      [table, [P.fileImg, NOTE.title].filter((t) => table.outputs.some((o) => o.sources.some((src) => src.title === t)))],
      [blog, [P.iframe]],
    ];
    // The item page shows what the cleaner removed: the original, payloads and all, as text.
    visits.push({
      name: "context item",
      path: `${base}/context/${noteItem.id}`,
      ready: async (p) => {
        await p.getByTestId("clean-text").waitFor();
        await p.locator("details.section > summary").click();
      },
      shows: [NOTE.title, B.img, B.svg, B.details, P.script],
    });

    // Twice: under the page's CSP (where markup that got into the DOM would at least be reported),
    // and with the CSP bypassed, where only the app's rendering stands between a payload and running.
    for (const csp of ["enforced", "bypassed"] as const) {
      for (const visit of visits) {
        const where = `${visit.name} (CSP ${csp})`;
        const watched = await openPage(browser, server, { bypassCSP: csp === "bypassed" });
        const { page } = watched;
        const dialogs: string[] = [];
        page.on("dialog", (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`);
          void dialog.dismiss();
        });
        // Markup that reached the DOM shows up as a CSP violation even where the CSP stopped it
        // (inline handlers and scripts: script-src-attr / script-src-elem, blocked "inline"). Our own
        // bundle's eval attempts are not that: zod probes `new Function("")` once to decide whether to
        // JIT, and Ajv compiles with eval on the configure page; both fall back when refused.
        await page.addInitScript(() => {
          const w = window as unknown as { __violations: string[] };
          w.__violations = [];
          document.addEventListener("securitypolicyviolation", (e) => {
            const ownEval = e.blockedURI === "eval" && e.sourceFile.startsWith(`${location.origin}/assets/`);
            if (!ownEval) w.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} @ ${e.sourceFile}:${e.lineNumber}`);
          });
        });
        await page.goto(visit.path);
        await visit.ready(page);
        // onerror / onload / ontoggle fire within a frame or two of insertion.
        await page.waitForTimeout(500);

        const state = await page.evaluate(() => {
          const w = window as unknown as { __pwned?: unknown; __violations: string[] };
          return { pwned: w.__pwned, violations: w.__violations, text: document.body.innerText };
        });
        expect.soft(await injectedElements(page), `${where}: injected elements`).toEqual([]);
        expect.soft(state.pwned, `${where}: window.__pwned`).toBeUndefined();
        expect.soft(dialogs, `${where}: dialogs`).toEqual([]);
        expect.soft(state.violations, `${where}: CSP violations`).toEqual([]);
        for (const text of visit.shows) expect.soft(state.text, `${where} shows ${JSON.stringify(text)} as text`).toContain(text);
        const preview = inPreview.find(([r]) => visit.path.includes(r.ticket.id));
        if (preview) {
          const shown = (await page.locator(".outputs .markdown").allInnerTexts()).join("\n");
          for (const text of preview[1]) expect.soft(shown, `${where}: the markdown preview shows ${JSON.stringify(text)}`).toContain(text);
          for (const payload of Object.values(B))
            expect.soft(shown, `${where}: the preview carries no body payload`).not.toContain(payload);
        }
        expect.soft(watched.unexpected(), `${where}: console errors`).toEqual([]);
        await watched.context.close();
      }
    }
  }, 300_000);

  it("pre-fills the configure form with the hostile topic as a value, not as markup", async () => {
    const [brief] = ran as [Ran];
    const watched = await openPage(browser, server);
    const { page } = watched;
    // The form validates in the browser with Ajv, which compiles with eval; the page's CSP forbids eval,
    // so Ajv logs this and the form leaves validation to the server. Not an injection matter.
    watched.allow.push(/^console\.error: Error compiling schema/);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`/projects/${project.id}/work-tickets/new/configure?recipe=${brief.recipe}&from=${brief.ticket.id}`);
    const topic = page.locator("#param-topic");
    await expect.poll(() => topic.inputValue(), { timeout: 15_000 }).toBe(brief.topic);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await injectedElements(page)).toEqual([]);
    expect(await page.locator("body").innerText()).toContain(PROJECT.name);
    expect(watched.unexpected(), "console errors").toEqual([]);
    await watched.context.close();
  });

  it("is served with headers that keep markup inert: a strict CSP on the page, nosniff everywhere, downloads as attachments", async () => {
    const page = await fetch(new URL(`/projects/${project.id}`, server.url));
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = page.headers.get("content-security-policy");
    expect(csp, "the page has a Content-Security-Policy").toBeTruthy();
    const directives = new Map(
      csp!.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scriptSrc = directives.get("script-src") ?? directives.get("default-src") ?? [];
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc.some((s) => s === "*" || /^(https?:|data:|blob:)$/.test(s))).toBe(false);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'none'"]);
    expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");

    const api = await fetch(new URL(`/api/projects/${project.id}`, server.url), { headers: authHeaders(server) });
    expect(api.headers.get("content-type")).toMatch(/^application\/json/);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");

    // A markdown output whose name and text carry the payloads downloads as a file, never as a page.
    const [brief] = ran as [Ran];
    const output = brief.outputs.find((o) => o.file_format === "markdown" && o.download_url);
    expect(output?.download_url).toBeTruthy();
    const download = await fetch(new URL(output!.download_url!, server.url), { headers: authHeaders(server) });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).not.toMatch(/html|svg|xml/);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await download.text()).toContain("onerror=alert(7)");
  });
});
