// A research brief asked "why": a root cause stated right after the sentence on what the question
// asks about answers it, though it shares none of the question's words; and a question's idioms
// ("on track", "putting … at risk") are its frame, never words the items are said to be missing.
import { beforeAll, describe, expect, it } from "vitest";
import { note } from "./analysis-fixtures.js";
import { compose, expectGrounded, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

describe("research brief: causes and a question's idioms (round 10, lead)", () => {
  it("takes 'Root cause: …' after the sentence naming the drop as a finding of 'why did conversion drop'", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000a01",
        title: "Weekend post-mortem",
        heading: "What went wrong",
        lines: [
          "Checkout slowed down on Cyber Monday and conversion dropped to 2.2%.",
          "Root cause: the tax-calculation service hit its connection pool limit; retries made it worse.",
          "Gmail throttled our Friday email blast.",
          "Refunds ran at 4.6% of GMV, mostly from 3 sellers in home décor.",
          "The gift guide drove 22% of sessions.",
          "Support first-response time held at 14 minutes.",
        ],
      }),
    ];
    const c = compose("research-brief", "why did conversion drop on Cyber Monday", items);
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("connection pool limit");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });

  it("never reports 'track' or 'putting' as missing from the items for 'is recruitment on track, and what is putting the samples at risk'", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000a02",
        title: "Year 2 progress",
        heading: "Risks",
        lines: [
          "Recruitment reached 212 of the 320 participants planned, behind the milestone of 240.",
          "The freezer holding the samples alarmed three times in September.",
        ],
      }),
    ];
    const c = compose("research-brief", "is recruitment on track, and what is putting the samples at risk", items);
    expect(c.markdown).not.toMatch(/No item mentions “(?:track|putting)”/);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});
