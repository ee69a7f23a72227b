import { describe, expect, it } from "vitest";
import type { NextStep } from "./facts.js";
import type { Statement } from "./insights.js";
import { isLetterRequest } from "./sentence-kinds.js";
import { isTargetLine, reportsThePast, saysNoneHappened, sortStepsAndRisks } from "./steps-and-risks.js";

const st = (kind: Statement["kind"], text: string, section: string | null, source = "a"): Statement => ({
  kind,
  text,
  section,
  source: { id: source, title: source },
  sourceRank: 0,
  focused: true,
  score: 1,
});

describe("steps and risks by the author's sections", () => {
  it("a plan under a risks heading is a risk; a past change is no step; an item's own risk list is its risks", () => {
    const steps: NextStep[] = [
      { statement: st("plan", "Roadworks from 7 September for 14 weeks will hit punctuality on two routes.", "4. Risks") },
      { statement: st("plan", "Lost mileage because of the driver shortage fell to 2.1% (Q1: 3.4%).", "1. Summary") },
      { statement: st("action", "Recruit 45 trainee drivers by December.", "5. Actions") },
    ];
    const risks = [
      st("risk", "Driver vacancies stand at 37 of 612 posts.", "4. Risks"),
      st("risk", "Lost mileage because of the driver shortage fell to 2.1% (Q1: 3.4%).", "1. Summary"),
      st("issue", "We logged 538 complaints in Q2.", null, "b"),
    ];
    const out = sortStepsAndRisks(steps, risks);
    expect(out.steps.map((s) => s.statement.text)).toEqual(["Recruit 45 trainee drivers by December."]);
    expect(out.risks.map((r) => r.text)).toEqual([
      "Driver vacancies stand at 37 of 612 posts.",
      "Roadworks from 7 September for 14 weeks will hit punctuality on two routes.",
      "We logged 538 complaints in Q2.",
    ]);
  });
  it("a report of the past is told from a step by what puts it ahead", () => {
    expect(reportsThePast("Duplicate invoices fell to 3 from 214.")).toBe(true);
    expect(reportsThePast("Recruit 45 trainee drivers by December.")).toBe(false);
    expect(reportsThePast("Revenue rose in Q3; we will raise prices from 1 January.")).toBe(false);
  });
  it("a target under its label is no risk: it goes with the steps", () => {
    const risks = [
      st("risk", "Target for Q4: 46,000 active subscribers and monthly churn under 4.5%.", null),
      st("risk", "The roaster runs at 87% of capacity.", null),
    ];
    const out = sortStepsAndRisks([], risks);
    expect(out.risks.map((r) => r.text)).toEqual(["The roaster runs at 87% of capacity."]);
    expect(out.steps.map((s) => s.statement.text)).toEqual(["Target for Q4: 46,000 active subscribers and monthly churn under 4.5%."]);
    expect(isTargetLine("Targets missed in Q3 put the grant at risk.")).toBe(false);
  });
  it("a risk that did not happen is no risk", () => {
    expect(saysNoneHappened("There were no reportable (RIDDOR) incidents in February.")).toBe(true);
    expect(saysNoneHappened("There is no plan B if the supplier fails.")).toBe(false);
  });
});

describe("a letter's requests", () => {
  it("are the letter's, not a point for another reader", () => {
    expect(isLetterRequest("Please find the Q2 performance paper attached.")).toBe(true);
    expect(isLetterRequest("Please use 87.1% in anything that goes out, including the passenger newsletter.")).toBe(true);
    expect(isLetterRequest("Let me know if you have questions.")).toBe(true);
    expect(isLetterRequest("Please make sure nothing goes out with 14 July.")).toBe(true);
    expect(isLetterRequest("Please note the new opening hours.")).toBe(true);
    expect(isLetterRequest("Passengers asked us to please keep route 33 on Sundays.")).toBe(false);
    expect(isLetterRequest("The board approved the budget.")).toBe(false);
  });
});

describe("round 10b: a condition is a risk; an answer needs its question", () => {
  it("'If … we would …' is what might happen: a risk, not a next step", () => {
    const steps: NextStep[] = [
      {
        statement: st(
          "plan",
          "If July and August rainfall is below 60% of the long-term average, stock will fall below the 50% drought trigger by late August, and we would apply for a drought permit.",
          "Outlook",
        ),
      },
      { statement: st("plan", "We will replace the Castle Road trunk main in September.", "Outlook") },
    ];
    const out = sortStepsAndRisks(steps, []);
    expect(out.steps.map((s) => s.statement.text)).toEqual(["We will replace the Castle Road trunk main in September."]);
    expect(out.risks.map((r) => r.text)).toEqual([steps[0]!.statement.text]);
  });
  it("an FAQ answer opening on its bare value is on neither list", () => {
    const steps: NextStep[] = [
      { statement: st("plan", "Tuesday 21 July 2026, and it will stay in place until reservoir stocks recover.", "When does it start?") },
      { statement: st("plan", "Order a free water-saving pack from 15 July.", "How can I save water?") },
    ];
    expect(sortStepsAndRisks(steps, []).steps.map((s) => s.statement.text)).toEqual(["Order a free water-saving pack from 15 July."]);
  });
});

describe("a step is something someone will do", () => {
  it("a request already made is what happened, and what a thing would do is a consideration", () => {
    const steps: NextStep[] = [
      { statement: st("action", "Finance asked two banks to quote for the new overdraft.", "Banking") },
      { statement: st("plan", "Their scheme includes free transfers, which would help us with the audit fee.", null) },
      { statement: st("action", "Agree the overdraft limit with the board by 14 March.", "Next steps") },
    ];
    expect(sortStepsAndRisks(steps, []).steps.map((s) => s.statement.text)).toEqual([
      "Agree the overdraft limit with the board by 14 March.",
    ]);
  });
});
