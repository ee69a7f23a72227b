// Guard (issue 13, item 7): six hand-written CTE inserts once wrote ticket_events with payloads
// nothing checked. Only src/events may write the log — appendEvent, and the status-event fragment
// the engine's statements compose (src/events/status-events-sql.ts). A new writer elsewhere in src/
// fails here; compose the fragment or call appendEvent instead.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const WRITES = [/INSERT\s+INTO\s+ticket_events/i, /\.insert\(\s*ticketEvents\s*\)/];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "migrations" ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the event log has one writer", () => {
  it("no code outside src/events inserts into ticket_events", () => {
    const writers = sources(join(ROOT, "src"))
      .filter((f) => WRITES.some((re) => re.test(readFileSync(f, "utf8"))))
      .map((f) => relative(ROOT, f))
      .sort();
    // The typed fragments live in src/events (status-events-sql.ts, answer-events-sql.ts, …), checked by
    // event-payloads.test.ts; the guard is that no writer sits anywhere else.
    expect(writers.filter((f) => !f.startsWith("src/events/"))).toEqual([]);
    expect(writers).toEqual(expect.arrayContaining(["src/events/append.ts", "src/events/status-events-sql.ts"]));
  });
});
