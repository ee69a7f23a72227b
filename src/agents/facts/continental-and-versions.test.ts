import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { findNumbers } from "./numbers.js";
import { protectedSpans } from "./spans.js";

const numbers = (s: string) => findNumbers(s, protectedSpans(s), []).map((n) => ({ text: n.text, number: n.number, unit: n.unit }));

describe("numbers written the continental European way", () => {
  it("reads a decimal comma before a percent sign as one value", () => {
    expect(numbers("Reject rate 3,4 % on press B")).toEqual([{ text: "3,4 %", number: 3.4, unit: "percent" }]);
  });

  it("reads dot-grouped thousands as one count", () => {
    expect(numbers("We shipped 2.305.120 units")[0]).toMatchObject({ text: "2.305.120", number: 2305120 });
    expect(numbers("Upgrade to version 1.200.300 today")).toEqual([]);
  });

  it("keeps an English thousands comma and decimal point as before", () => {
    expect(numbers("about 11,700 orders at 4.5%").map((n) => n.number)).toEqual([11700, 4.5]);
  });
});

describe("rates and data units", () => {
  it("a price per unit of weight, per night or per site is one value", () => {
    expect(numbers("resin at €0.98/kg").map((n) => n.text)).toEqual(["€0.98/kg"]);
    expect(numbers("rooms from £89 per night").map((n) => n.text)).toEqual(["£89 per night"]);
    expect(numbers("licences cost $120 per site per year").map((n) => n.text)).toEqual(["$120 per site per year"]);
  });

  it("throughput in MB/s or ops/sec keeps its rate", () => {
    expect(numbers("writes at 95 MB/s").map((n) => n.text)).toEqual(["95 MB/s"]);
    expect(numbers("sustained 12000 ops/sec").map((n) => n.text)).toEqual(["12000 ops/sec"]);
  });
});

describe("tables", () => {
  it("rows named by a code under a 'Line' header are what the figures are about", () => {
    const a = analyseContextItem({
      title: "press output",
      body: "| Line | Output | Reject rate |\n|---|---|---|\n| P1 | 8,200 | 2.1% |\n| P2 | 7,950 | 4.8% |",
    });
    const p2 = a.figures.find((f) => f.value === "4.8%");
    expect(p2).toMatchObject({ metric: "Reject rate", entity: "P2" });
  });

  it("'Line' over named line items still makes metric rows", () => {
    const a = analyseContextItem({
      title: "budget",
      body: "| Line | 2025 | 2026 |\n|---|---|---|\n| Revenue | $3.1M | $3.6M |\n| Payroll | $1.2M | $1.4M |",
    });
    expect(a.figures.find((f) => f.value === "$3.6M")).toMatchObject({ metric: "Revenue", change: { from: "$3.1M" } });
  });

  it("release columns order like periods: the later release is the value, changed from the earlier", () => {
    const a = analyseContextItem({
      title: "perf",
      body: "| Metric | v1.9 | v2.0 | Change |\n|---|---|---|---|\n| Cold start | 840 ms | 610 ms | −27% |\n| Image size | 212 MB | 188 MB | −11% |",
    });
    const cold = a.figures.filter((f) => f.metric === "Cold start");
    expect(cold).toHaveLength(1);
    expect(cold[0]).toMatchObject({ value: "610 ms", period: "v2.0", change: { from: "840 ms", by: "−27%", direction: "down" } });
  });
});

describe("a watch list is a risk register", () => {
  it("makes the items under 'Things to watch' risks", () => {
    const a = analyseContextItem({
      title: "monthly note",
      body: "# March\n\nSales were steady.\n\n## Things to watch\n\n- The landlord may not renew the Elm Street lease.\n- Card fees rise in June.",
    });
    const risks = a.statements.filter((s) => s.kind === "risk").map((s) => s.text);
    expect(risks).toContain("The landlord may not renew the Elm Street lease.");
    expect(risks).toContain("Card fees rise in June.");
  });
});

describe("a minus sign is a sign", () => {
  it("keeps '−' (U+2212) on a percentage, as a hyphen-minus is kept", () => {
    expect(numbers("Occupancy −2.5% against budget").map((n) => n.text)).toEqual(["−2.5%"]);
    expect(numbers("Occupancy -2.5% against budget").map((n) => n.text)).toEqual(["-2.5%"]);
  });
});

describe("pence and tonnes", () => {
  it("'38.2p' is an amount in pence, '9.1p a mile' a rate; '9.8 t' and '1,800 t/year' are tonnes", () => {
    expect(numbers("Fuel cost 41.5p per mile")).toEqual([{ text: "41.5p per mile", number: 41.5, unit: "currency" }]);
    expect(numbers("CO2 per truck 12.4 t a year").map((n) => n.text)).toEqual(["12.4 t"]);
    expect(numbers("We buy 2,400 t/year of resin").map((n) => n.text)).toEqual(["2,400 t"]);
    expect(numbers("the 5 p.m. train")).toEqual([]);
  });
});
