// What a manager reading a status report should never meet: a rumour passed on ("a friend at
// another council says …, no idea if true"), a catalogue's or a register's reference numbers
// ("(HX.2011.4.17 and HX.2011.4.20)"), a section titled with one bare word ("Results").
import { describe, expect, it } from "vitest";
import { item, report } from "../../../test/helpers/compose-fixtures.js";
import { resultsTitle, withoutReferenceIds } from "./report-references.js";

const ROLLOUT = item(
  "rollout",
  "Laptop rollout — October note",
  [
    "# Laptop rollout to primary schools, October 2026",
    "",
    "## Progress",
    "",
    "We delivered 1,240 laptops to 31 schools in October.",
    "Two archive boxes of old machines (HX.2011.4.17 and HX.2011.4.20) were returned to the county store.",
    "",
    "## Risks",
    "",
    "- Battery recall — 60 laptops from the second batch may need new batteries.",
    "- A friend at another council says Brightwire are about to go into administration, no idea if true.",
    "- Supplier rumour: someone from the trade show reckons prices rise 12% in January.",
    "",
    "## Next steps",
    "",
    "- Deliver the last 300 laptops by 20 November 2026.",
  ].join("\n"),
);

describe("a status report leaves out what a manager should not be sent", () => {
  it("passes on no rumour, as a risk or anywhere", () => {
    const md = report([ROLLOUT], "laptop rollout, October 2026");
    expect(md).toMatch(/Battery recall/);
    expect(md).not.toMatch(/administration|no idea if true/);
    expect(md).not.toMatch(/reckons/);
  });
  it("says no register's reference numbers; the sentence keeps its point", () => {
    const md = report([ROLLOUT], "laptop rollout, October 2026");
    expect(md).not.toMatch(/HX\.2011/);
    expect(withoutReferenceIds("Two boxes (HX.2011.4.17 and HX.2011.4.20) were returned.")).toBe("Two boxes were returned.");
    expect(withoutReferenceIds("Loans LN.88.2, LN.88.7 went back.")).toBeNull();
    // A figure in brackets is no reference: kept as written.
    expect(withoutReferenceIds("Spend rose (up 4.5%) in Q3.")).toBe("Spend rose (up 4.5%) in Q3.");
    expect(withoutReferenceIds("Version 2.4.1 shipped.")).toBe("Version 2.4.1 shipped.");
  });
});

describe("a results section is titled by what it reports", () => {
  it("names the subject, never a bare 'Results'", () => {
    expect(resultsTitle("EV bus pilot, 2026 season")).toBe("Results of the EV bus pilot");
    expect(resultsTitle("the composting trial")).toBe("Results of the composting trial");
    const trial = item(
      "trial",
      "Compost trial",
      [
        "# Compost trial: six-month review (May–October 2026)",
        "",
        "## Results",
        "",
        "Residents rated the new caddies 4.1 out of 5 in the survey.",
        "Food waste collected rose by 19% against the same months of 2025.",
        "Contamination in the caddies fell to 3% by September.",
        "Crews reported that the liners tore less often in wet weather.",
        "Two streets asked to leave the trial because of smells in the heatwave.",
      ].join("\n"),
    );
    const md = report([trial], "compost trial");
    expect(md).not.toMatch(/^## Results$/m);
    expect(md).toMatch(/^## Results of the compost trial$/m);
  });
});
