// Labels read from how people write a figure in notes, surveys and post-mortems: a share of people who
// said they would do something, a share one thing is of a whole, what an amount was worth, what was
// spent of a grant, how long something was down, a level with its earlier value in brackets. Messy
// examples written for these rules, in several domains (not the bench corpus).
import { describe, expect, it } from "vitest";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { hasProperLabel } from "../builtin/compose-kit.js";
import { analyseContextItem } from "../ingest/analyse.js";

const md = (body: string): ContextAnalysis => analyseContextItem({ title: "notes.md", body, mime: "text/markdown" });
const labelOf = (a: ContextAnalysis, value: string) => a.figures.find((f) => f.value === value);

describe("a share of people who said something", () => {
  it("is labelled by what they said they would do, said by whom when the sentence names them", () => {
    const a = md("Thank you to the 1,940 members who answered our survey. 58% of you said you would pay for a second locker if you could.");
    expect(labelOf(a, "58%")?.metric).toBe("respondents who would pay for a second locker");
    expect(labelOf(a, "58%") && hasProperLabel(labelOf(a, "58%")!)).toBe(true);
    const b = md("Of the 300 tenants asked, 72% said they would use a shared van at least once a month.");
    expect(labelOf(b, "72%")?.metric).toBe("tenants who would use a shared van");
    expect(hasProperLabel(labelOf(b, "72%")!)).toBe(true);
    const c = md("In the exit poll 64% told us they are likely to renew their season ticket.");
    expect(labelOf(c, "64%")?.metric).toBe("respondents who are likely to renew their season ticket");
    const d = md("Asked about the ferry, 61% said they would use a link to a mainland port at least twice a year.");
    expect(labelOf(d, "61%")?.metric).toBe("respondents who would use a link");
    const e = md("In the pilot 44% said they would be willing to pay for a weekly delivery slot.");
    expect(labelOf(e, "44%")?.metric).toBe("respondents who would be willing to pay");
  });
});

describe("a share one thing is of a whole", () => {
  it("is that share, of the thing named", () => {
    const a = md("The Harbour Blend is 41% of café sales.");
    expect(labelOf(a, "41%")).toMatchObject({ metric: "share of café sales", entity: "Harbour Blend" });
    const b = md("- Night shifts are 28% of overtime hours.");
    expect(labelOf(b, "28%")?.metric).toBe("night shifts (share of overtime hours)");
  });

  it("the thing ranked 'top' at a share is what the share is of", () => {
    const a = md("Weekend opening was the top request at 37%, then longer hours (22%) and a quiet room (9%).");
    expect(labelOf(a, "37%")?.metric).toBe("weekend opening");
    expect(labelOf(a, "22%")?.metric).toBe("longer hours");
  });
});

describe("what an amount is worth, spent or lost", () => {
  it("'worth' is the value of what was just named", () => {
    const a = md("Faster turnaround cut 1,150 lab hours, worth about €86,000 a year in staff time.");
    expect(labelOf(a, "about €86,000 a year")?.metric).toBe("value of lab hours");
    // A difference ("worth … less") says nothing of what was named before it: no label is better.
    const b = md("The landlord wants to switch the rent review from RPI to CPI, worth about £2,000 a year less to us.");
    expect(b.figures.filter((f) => f.metric === "value of CPI")).toEqual([]);
  });

  it("what was spent of a grant is the grant spent; an amount 'spent to' a date is the spend to it", () => {
    const a = md("We spent £48,300 of the £52,000 award on the new roof.");
    expect(labelOf(a, "£48,300")?.metric).toBe("award spent");
    expect(labelOf(a, "£52,000")?.metric).toBe("award");
    const b = md("Maintenance budget €2.6m; spent to 31 October €0.94m (36%).");
    expect(labelOf(b, "€0.94m")?.metric).toBe("spent to 31 October");
    expect(hasProperLabel(labelOf(b, "€0.94m")!)).toBe(true);
  });

  it("how long a thing was down is its downtime", () => {
    const a = md("The booking site was down for 2 hours 15 minutes until we restored the backup.");
    expect(labelOf(a, "2 hours 15 minutes")).toMatchObject({ metric: "booking site downtime" });
    expect(labelOf(a, "2 hours 15 minutes")?.change).toBeUndefined();
    const b = md("Line 2 was offline for 40 minutes on Tuesday.");
    expect(b.figures.filter((f) => /^(?:down|offline)$/i.test(f.metric))).toEqual([]);
  });
});

describe("a level and its earlier value in brackets", () => {
  it("'are up sharply (412 vs 305)' is the subject's level, changed from the earlier one", () => {
    const a = md("Repeat donors are up sharply (412 vs 305), mostly through the monthly scheme.");
    expect(labelOf(a, "412")).toMatchObject({ metric: "repeat donors", change: { direction: "up", from: "305", to: "412" } });
    expect(labelOf(a, "305")).toBeUndefined();
  });
});

describe("a time limit is no figure of its own", () => {
  it("'within 3 hours' qualifies the share before it and never takes the section's heading", () => {
    const a = md("## Callouts in October 2026\n\n- 91% of night runs were finished within 3 hours of the call (target 95%).");
    expect(a.figures.filter((f) => f.value === "3 hours")).toEqual([]);
    expect(labelOf(a, "91%")?.metric).toMatch(/^night runs finished/);
  });
});

describe("numbered names", () => {
  it("a round, a priority or an item named by a number counts nothing", () => {
    const a = md("The Round 2 results were strong. Priority 1 roads were cleared first; round-2 money went mostly to halls.");
    expect(a.figures).toEqual([]);
  });
});
