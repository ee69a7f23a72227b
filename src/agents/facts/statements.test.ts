import { describe, expect, it } from "vitest";
import { isFieldRecord, statementsIn, statesDone } from "./statements.js";

const kindsOf = (text: string, section: string | null = null) =>
  statementsIn({ text, section, block: "paragraph", cued: false }, [], []).map((s) => s.kind);

describe("statement kinds", () => {
  it("a result measured against a target or a plan is not a plan", () => {
    expect(kindsOf("In the first 30 days we counted 11,860 sign-ups against a target of 10,000.")).not.toContain("plan");
    expect(kindsOf("Activation reached 31%, below the 40% we planned for.")).not.toContain("plan");
    // "140 of 160 planned walks": a count of what was planned that was done is a result.
    expect(kindsOf("We completed 140 of 160 planned transect walks and counted 2,310 breeding pairs.")).not.toContain("plan");
    expect(kindsOf("Only 9 of the planned 12 workshops ran before the break.")).not.toContain("plan");
    // A sentence that also states a plan keeps it.
    expect(kindsOf("We beat the target of 900 and plan to open two more sites next year.")).toContain("plan");
    expect(kindsOf("We target 12,000 sign-ups in Q1.")).toContain("plan");
  });

  it("a suggestion is never a risk (an action only where listed as a step); an order is never an issue", () => {
    const banner = "Let's put a banner in the importer saying big boards may fail, and roll back if it's not fixed by 12";
    expect(kindsOf(banner)).toEqual([]);
    const listed = statementsIn({ text: banner, section: "Next steps", block: "list_item", cued: true }, [], []).map((s) => s.kind);
    expect(listed).toContain("action");
    expect(listed).not.toContain("risk");
    const order = statementsIn(
      { text: "Dana: hold the launch-day outage post-mortem on 28 October 2026", section: "Action items", block: "list_item", cued: true },
      [],
      [],
    ).map((s) => s.kind);
    expect(order).toContain("action");
    expect(order).not.toContain("issue");
    // A speaker's fillers before the suggestion do not hide it.
    expect(kindsOf("Okay, so, um, let's start with carriers because that's the one that hurt.")).toEqual([]);
    // Without the suggestion, the same words are a risk.
    expect(kindsOf("Big boards may fail in the importer.")).toContain("risk");
  });

  it("'not fixed', 'timed out', 'was down' state a problem, never an achievement", () => {
    expect(kindsOf("not fixed. rolling importer back to 3.0.0-rc.7")).toEqual(["issue"]);
    const timedOut = kindsOf("Imports of large boards timed out; the error rate reached 38%.");
    expect(timedOut).toContain("issue");
    expect(timedOut).not.toContain("achievement");
    expect(kindsOf("The login bug is fixed.")).toContain("achievement");
  });
});

describe("a thing done is no risk", () => {
  it("a statement that something is live, in place or done is never a risk or an issue", () => {
    const live = kindsOf("The migration check from the 3 October incident is live.");
    expect(live).not.toContain("issue");
    expect(live).not.toContain("risk");
    expect(live).toContain("achievement");
    expect(kindsOf("Autoscaling for the importer is now enabled after the outage.")).not.toContain("issue");
    // Not done: a deadline, a negation, a condition or a "but" keeps its risk.
    const tax = "Tax rules for 2027 must be live by 1 January 2027; the tax engine upgrade is only 70% done.";
    expect(statementsIn({ text: tax, section: "Risks", block: "list_item", cued: true }, [], []).map((s) => s.kind)).toContain("risk");
    expect(statesDone(tax)).toBe(false);
    expect(kindsOf("The fix for the delayed invoices is not live yet.")).toContain("risk");
    expect(kindsOf("The new checkout is live but payments are delayed for some customers.")).toContain("risk");
    expect(statesDone("Once the importer is deployed, the outage risk falls.")).toBe(false);
  });
  it("a condition a criteria list sets is neither a risk nor an issue", () => {
    const criterion = statementsIn(
      { text: "Zero open SEV-1 or SEV-2 bugs.", section: "Go / no-go criteria", block: "list_item", cued: true },
      [],
      [],
    ).map((s) => s.kind);
    expect(criterion).not.toContain("issue");
    expect(kindsOf("Zero open SEV-1 or SEV-2 bugs.")).toContain("issue");
  });
});

describe("sections that negate, records of fields", () => {
  const cued = (text: string, section: string) =>
    statementsIn({ text, section, block: "list_item", cued: true }, [], []).map((s) => s.kind);
  it("an item under 'Not done' is an issue, never an achievement; a slip is an issue", () => {
    expect(cued("The dunning e-mails redesign slipped to sprint 43.", "Not done")).toContain("issue");
    expect(cued("The dunning e-mails redesign slipped to sprint 43.", "Not done")).not.toContain("achievement");
    expect(kindsOf("The launch was postponed to March.")).toContain("issue");
  });
  it("a thing deployed without what it needed is no achievement", () => {
    expect(
      kindsOf("A schema change in billing.v2.invoice_sync was deployed in release 3.14.1 without the matching migration."),
    ).not.toContain("achievement");
  });
  it("a line of fields states no risk or issue", () => {
    expect(isFieldRecord("Severity: SEV-2 · Duration: 47 minutes (09:12–09:59 CET)")).toBe(true);
    expect(kindsOf("Severity: SEV-2 · Duration: 47 minutes (09:12–09:59 CET)")).toEqual([]);
    expect(isFieldRecord("Risk: the supplier may be late with the March order.")).toBe(false);
  });
});

describe("risk sections by their everyday names, and an operations log's faults", () => {
  const cuedKinds = (text: string, section: string) =>
    statementsIn({ text, section, block: "list_item", cued: true }, [], []).map((s) => s.kind);
  it("a section headed as what might go wrong lists risks", () => {
    for (const section of ["What might trip us up", "Watch-outs", "What could go wrong", "Pitfalls to avoid", "Red flags"])
      expect(cuedKinds("The contractor for the Ridgeway main has two other jobs running in October.", section)).toContain("risk");
  });
  it("a plant's fault logged with its repair time is an issue", () => {
    expect(cuedKinds("Crane Lane pumping station: duty pump tripped twice, 3 hours to restore", "Operations")).toContain("issue");
    expect(cuedKinds("Marlow booster: valve seized, replaced same day", "Operations")).toContain("issue");
    expect(cuedKinds("Oxhey reservoir: inspection completed on schedule", "Operations")).not.toContain("issue");
  });
});
