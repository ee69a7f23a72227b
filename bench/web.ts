// `npm run bench:web`: the web app's two budgets (issue 5). 1) The initial JavaScript — every script
// index.html loads or preloads — gzipped (budget 200 KB). 2) The tracking page's time to first state:
// a full navigation to …/track of a finished ticket, measured in the browser as the startTime of the
// `worksmith:track-first-state` performance mark (relative to navigation start), over 20 navigations
// after 3 warm-ups; p50/p95 (budget 300 ms). Localhost, headless Debian chromium, real server; the
// browser carries the owner's session cookie (set up by the e2e harness), as a signed-in user's does.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { ExecuteAccepted, ProjectView, TicketView } from "../src/domain/contract.js";
import { apiJson, ensureWebBuilt, launchBrowser, openPage, ROOT, startServer } from "../test/e2e/harness.js";

const NAVIGATIONS = 20;
const WARMUPS = 3;
const FIRST_STATE_MARK = "worksmith:track-first-state";

function initialJs(): { files: string[]; raw: number; gzipped: number } {
  const dist = join(ROOT, "dist/web");
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzipped = 0;
  for (const f of files) {
    const code = readFileSync(join(dist, f.replace(/^\//, "")));
    raw += code.length;
    gzipped += gzipSync(code, { level: 9 }).length;
  }
  return { files, raw, gzipped };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

async function main(): Promise<void> {
  ensureWebBuilt();
  const js = initialJs();
  console.log(
    `initial JS: ${(js.gzipped / 1024).toFixed(1)} KB gzipped (${(js.raw / 1024).toFixed(1)} KB raw) in ${js.files.length} file(s); budget 200 KB`,
  );

  const server = await startServer({ WORKSMITH_BUILTIN_STEP_DELAY_MS: "0" });
  const browser = await launchBrowser();
  try {
    const projects = await apiJson<{ items: ProjectView[] }>(server, "GET", "/api/projects");
    const project = projects.body.items[0]!;
    const accepted = await apiJson<ExecuteAccepted>(server, "POST", "/api/work/reporting/execute", {
      project_id: project.id,
      recipe_slug: "executive-summary-deck",
      parameters: { topic: "Q3 performance" },
    });
    const ticketId = accepted.body.work_ticket_id;
    for (let i = 0; i < 600; i++) {
      const t = await apiJson<TicketView>(server, "GET", `/api/work/tickets/${ticketId}`);
      if (["completed", "failed", "cancelled"].includes(t.body.status)) {
        console.log(`ticket ${ticketId}: ${t.body.status}, ${t.body.todos.length} steps, ${t.body.metadata.output_count} outputs`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const watched = await openPage(browser, server);
    const url = `/projects/${project.id}/work-tickets/${ticketId}/track`;
    const firstState: number[] = [];
    const domContentLoaded: number[] = [];
    const fetchStart: number[] = [];
    const fetchEnd: number[] = [];
    for (let i = 0; i < WARMUPS + NAVIGATIONS; i++) {
      await watched.page.goto(url, { waitUntil: "commit" });
      await watched.page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, FIRST_STATE_MARK, { timeout: 10_000 });
      const timing = await watched.page.evaluate((name) => {
        const mark = performance.getEntriesByName(name)[0]!;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        const ticket = performance.getEntriesByType("resource").find((r) => /\/api\/work\/tickets\/[^/]+$/.test(r.name)) as
          PerformanceResourceTiming | undefined;
        return {
          mark: mark.startTime,
          dcl: nav?.domContentLoadedEventEnd ?? NaN,
          fetchStart: ticket?.startTime ?? NaN,
          fetchEnd: ticket?.responseEnd ?? NaN,
        };
      }, FIRST_STATE_MARK);
      if (i >= WARMUPS) {
        firstState.push(timing.mark);
        domContentLoaded.push(timing.dcl);
        fetchStart.push(timing.fetchStart);
        fetchEnd.push(timing.fetchEnd);
      }
    }
    const sorted = [...firstState].sort((a, b) => a - b);
    const dcl = [...domContentLoaded].sort((a, b) => a - b);
    const p50 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      ).toFixed(0);
    console.log(
      `track page, time to first state over ${NAVIGATIONS} navigations: p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, ` +
        `max ${sorted.at(-1)!.toFixed(0)} ms; budget 300 ms\n  where it goes (p50): DOMContentLoaded ${percentile(dcl, 50).toFixed(0)} ms, ticket request sent ${p50(fetchStart)} ms, answered ${p50(fetchEnd)} ms`,
    );
    if (watched.problems.length) console.log(`browser problems: ${watched.problems.join("; ")}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
