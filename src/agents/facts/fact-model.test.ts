// The fact model's labels, read from messy documents written for these rules (not the bench
// corpus): standard names are not figures, a dated document has no day "period", grouped
// digits count things, metrics name what the number measures.
import { describe, expect, it } from "vitest";
import type { ContextAnalysis } from "../../domain/context-analysis.js";
import { analyseContextItem } from "../ingest/analyse.js";

const md = (title: string, body: string): ContextAnalysis => analyseContextItem({ title, body, mime: "text/markdown" });
const values = (a: ContextAnalysis) => a.figures.map((f) => f.value);

describe("standard and product names are not figures", () => {
  const a = md(
    "audit-prep.md",
    [
      "# Audit prep",
      "- Vendor A: SOC 2 Type II, ISO 27001 certified; PCI DSS 4.0 applies from March.",
      "- Our API speaks HTTP/2 and the client needs Windows 11 or GPT-4 access.",
      "- WCAG 2.1 AA is required; the NPS 42 target and NOK 189 per bag stay figures.",
      "- 14 laptops still run Windows 10, and 3 vendors lack SOC 2.",
    ].join("\n"),
  );
  it("drops the numbers inside the names, keeps real quantities next to them", () => {
    const v = values(a);
    for (const name of ["2", "27001", "4.0", "11", "4", "2.1", "10"]) expect(v).not.toContain(name);
    expect(v).toContain("NOK 189");
    expect(v).toContain("42");
    expect(v).toContain("14");
    expect(v).toContain("3");
  });
});

describe("periods", () => {
  it("a document dated to a day has no day period, and its body's deadlines do not become one", () => {
    const a = md("risk-log.md", "# Risk log (as of 4 March 2027)\n\nThe vendor contract must be renewed by June 2027.\n");
    expect(a.periods).toEqual([]);
    const b = analyseContextItem({ title: "daily-2027-03-04.txt", body: "Deploy went out. Next review in May 2027.", mime: "text/plain" });
    expect(b.periods).toEqual([]);
  });

  it("sprints and weeks by number are periods; quarters in headings still are", () => {
    expect(md("sprint-14-retro.md", "Velocity was 31 points.").periods).toEqual(["Sprint 14"]);
    expect(md("notes.md", "# Week 7 review\n\nAll good.").periods).toEqual(["Week 7"]);
    expect(md("notes.md", "# Update for Q2 2027, written 3 July 2027\n\nAll good.").periods).toEqual(["Q2 2027"]);
  });
});

describe("grouped digits are counts", () => {
  it('"about 11,700" is the number 11700, unit count', () => {
    const a = md("ops.md", "Warehouse shipments reached about 11,700 in May, and 2.5 stayed a ratio-less decimal.");
    expect(a.figures.find((f) => f.value === "about 11,700")).toMatchObject({ number: 11700, unit: "count" });
  });
});
