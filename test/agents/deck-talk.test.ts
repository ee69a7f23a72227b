// A deck for executives quotes the team's documents, not its chat: a chat export's lines ("on it.
// looks like retries stacking up") are no slide of their own.
import { beforeAll, describe, expect, it } from "vitest";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { compose, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

const item = (id: string, title: string, body: string, mime = "text/markdown") => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime }),
});

describe("deck: a chat export is no slide (round 10, lead)", () => {
  it("makes slides from the post-mortem, none from the incident channel's lines", () => {
    const items = [
      item(
        "00000000-0000-4000-8000-000000000b01",
        "Weekend post-mortem",
        [
          "# Weekend post-mortem",
          "",
          "GMV reached $2.41M over the weekend, up 31% on last year.",
          "",
          "## What went wrong",
          "",
          "- Checkout slowed down on Monday: p95 latency went from 1.1s to 4.8s.",
          "- The tax service hit its connection pool limit; retries made it worse.",
          "- Refunds ran at 4.6% of GMV, mostly from 3 sellers.",
        ].join("\n"),
      ),
      item(
        "00000000-0000-4000-8000-000000000b02",
        "slack-checkout-incident",
        [
          "Maya Chen  9:52 AM",
          "checkout p95 is 4.8s and climbing. tax svc throwing pool exhausted",
          "Tomás Ruiz  9:53 AM",
          "on it. looks like retries stacking up, every request retries 3x",
          "Maya Chen  9:58 AM",
          "conversion on the last 15 min is 1.6%, normally ~3",
          "Tomás Ruiz  1:10 PM",
          "breaker live. p95 back to 1.3s",
          "Maya Chen  1:15 PM",
          "confirmed, conversion recovering 2.8% last 15",
        ].join("\n"),
        "text/plain",
      ),
    ];
    expect(items[1]!.analysis.conversation).toBe(true);
    const c = compose("executive-summary-deck", "weekend results", items, { slide_count: 8 });
    expect(c.markdown).toContain("connection pool limit");
    for (const line of ["looks like retries", "conversion recovering", "breaker live"]) expect(c.markdown).not.toContain(line);
  });
});
