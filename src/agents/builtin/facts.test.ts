import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { keyFigures } from "./facts.js";
import { analyseContext } from "./insights.js";

describe("keyFigures", () => {
  it("leads with the results of a table the author headed as the metrics, before the table's targets and the notes' other figures", () => {
    const body = [
      "# Launch retrospective",
      "Finance wants the Q4 launch budget cut to $60k.",
      "Launch-day traffic peaked at 2,300 concurrent users.",
      "## Launch metrics (first 30 days)",
      "| Metric | Target | Actual |",
      "|---|---|---|",
      "| Sign-ups | 10,000 | 11,860 |",
      "| Paid conversions | 900 | 1,045 |",
      "| Activation | 40% | 31% |",
    ].join("\n");
    const insights = analyseContext("launch results", [
      { id: "a", title: "Retro", analysis: analyseContextItem({ title: "Retro", body, mime: "text/markdown" }) },
    ]);
    const top = keyFigures(insights, 4).map((f) => f.value);
    for (const result of ["11,860", "1,045", "31%"]) expect(top).toContain(result);
    for (const target of ["10,000", "900", "40%"]) expect(top).not.toContain(target);
  });
});
