// Next steps are steps: not unknowns, someone's pay, a reported future or a range in an aside; the
// author's own look-ahead or "What we are doing" list is the steps.
import { describe, expect, it } from "vitest";
import { decisionStep, describesFuture, nextSteps, personal, reportedFuture, unresolved } from "./facts.js";
import { analyseContext } from "./insights.js";
import { item, report } from "../../../test/helpers/compose-fixtures.js";

describe("next steps are steps", () => {
  it("what is not known yet is a risk, not a step", () => {
    expect(unresolved("The warehouse lease ends on 30 June 2026 and the landlord has not said whether it will be renewed.")).toBe(true);
    expect(unresolved("I need it by Friday for the partners pack.")).toBe(true);
    expect(unresolved("Place the window order by 13 March 2026.")).toBe(false);
  });
  it("a named person's pay or leave is theirs", () => {
    expect(personal("Seasonal bonus of £1,500 for Jonah, paid in February.", [])).toBe(true);
    expect(personal("A 4% pay rise for all staff from April 2026 was approved.", [])).toBe(false);
  });
  it("a future someone asks about or reports is no step; nor a description of what a thing will have", () => {
    expect(reportedFuture("3 customers asking if the advent calendar will be back in stock")).toBe(true);
    expect(reportedFuture("38 said they would volunteer again next year.")).toBe(true);
    expect(describesFuture("The hall will have a sprung floor for PE and a stage for school performances.")).toBe(true);
    expect(describesFuture("We will move the December parcels to DPD by 1 October.")).toBe(false);
  });
  it("a range in an aside is no 'to do'", () => {
    expect(decisionStep("Approved variations total £126,400 (compensation events CE.009 to CE.014).")).toBe(false);
  });
  it("a report's look-ahead list is its next steps", () => {
    const body = [
      "## Look-ahead (March 2026)",
      "",
      "- Place the window order by 13 March 2026.",
      "- Start internal partitions in classrooms 1 to 3.",
    ].join("\n");
    const steps = nextSteps(analyseContext("progress", [item("r", "Report", body)])).map((s) => s.statement.text);
    expect(steps).toContain("Place the window order by 13 March 2026.");
  });
});

describe("the author's own list of what is being done is the next steps", () => {
  const memo = item(
    "m",
    "reliability-memo",
    [
      "SUMMARY",
      "",
      "October availability was 99.87%, below our 99.95% SLO for the second month running (September: 99.91%). Two incidents account for most of the lost minutes: the 10/14 ingestion outage (3 hrs 12 min) and the 10/27 dashboard slowdown (about 40 min of degraded service).",
      "",
      "Error budget: we used 248% of the monthly budget. Customer-facing credits owed under the enterprise SLA total $18,400.",
      "",
      "WHAT WE ARE DOING",
      "",
      "1. Config changes to the ingestion tier now need a canary (starts 11/10).",
      "2. Runbooks move into the repo and are tested in game days, the first on 11/19.",
      "3. Migration reviews must include a query plan check.",
      "",
      "RISKS",
      "",
      "- Q4 holiday traffic is forecast at 3x October's peak.",
      "- Kafka cluster is on version 2.8, out of vendor support from January.",
    ].join("\n"),
  );
  it("lines under a 'What we are doing' heading are the report's next steps when the extractor found none there", () => {
    const md = report([memo], "reliability, October 2026");
    const next = /## Next steps\n\n([\s\S]*?)\n\n##/.exec(md)?.[1] ?? "";
    expect(next).toMatch(/canary/);
    expect(next).toMatch(/Runbooks move into the repo/);
  });
  it("the key figures table opens with the figure the summary opens with", () => {
    const credits = item(
      "c",
      "SLA credits",
      "Customer-facing credits owed under the enterprise SLA total $18,400 for October reliability.",
    );
    const review = item(
      "r",
      "Reliability review",
      "## Summary\n\nOctober availability was 99.87%, below our 99.95% SLO for the second month running. Two incidents account for most of the lost minutes.",
    );
    const md = report([credits, review], "reliability, October 2026");
    const table = /## Key figures\n\n([\s\S]*?)\n\n/.exec(md)?.[1] ?? "";
    expect(table.split("\n")[2]).toMatch(/^\| October availability \| 99\.87%/);
  });
  it("the summary pairs two figures only when one passage states both", () => {
    const md = report([memo], "reliability, October 2026");
    expect(/## Summary\n\n([^\n]+)/.exec(md)?.[1] ?? "").not.toMatch(/SLO; /);
  });
});
