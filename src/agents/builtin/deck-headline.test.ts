// The deck's headline: the author's own opening figure and its outcome against target lead the title
// slide, a file name or a quotation is no title, a threshold no big number, and the headline slide
// shows one figure rather than the key-figures table again.
import { describe, expect, it } from "vitest";
import { Citations } from "./compose-kit.js";
import { namedTitle, planSlides } from "./compose-deck.js";
import { analyseContext } from "./insights.js";
import { EMAIL, item, PAPER, plan, report } from "../../../test/helpers/compose-fixtures.js";

describe("deck: the author's headline leads", () => {
  it("the takeaway opens with the figure the most relevant item opens with, not a lesser one against its target", () => {
    const p = plan([PAPER, EMAIL], "Q2 performance");
    expect(p.takeaway).toMatch(/^Patronage rose to 4\.82 million/);
  });
  it("a forwarded correction's e-mail makes no slide: its correction, its courtesy and its request are no points", () => {
    const slides = plan([PAPER, EMAIL], "Q2 performance").slides.map((s) => s.slide);
    const text = JSON.stringify(slides.filter((s) => s.layout !== "table"));
    expect(text).not.toMatch(/Please find|Please use|Fw-restated|restates/i);
  });
  it("a file name is no company to put before a title", () => {
    const insights = { entities: [{ name: "fw-restated-punctuality", kind: "organization" as const, mentions: 1, sources: [] }] };
    expect(namedTitle("Punctuality restated at 87.1%", "fw-restated-punctuality", insights, new Set())).toBeNull();
  });
  it("a slide of quotations is titled by its section, not by a quotation", () => {
    const quotes = item(
      "c",
      "Customer contact",
      [
        "## What passengers said",
        "",
        '- "The 21 did not turn up twice last week and I was late for my shift."',
        '- "Please bring back the 33 on Sundays, my mum cannot get to church."',
        '- "The screen at the bus station said 2 minutes for 15 minutes."',
      ].join("\n"),
    );
    const titles = plan([quotes], "what passengers said").slides.map((s) => s.slide.title);
    expect(titles.some((t) => /^["“]/.test(t) || /turn up twice/.test(t))).toBe(false);
  });
  it("a threshold is no headline figure: the big number is an outcome", () => {
    const release = item(
      "r",
      "Release plan",
      "Go criteria: error rate below 0.5% for seven days before the release. Duplicate invoices fell to 3 from 214 after the fix. Release 3.14.2 went out on 8 October 2026.",
    );
    const big = plan([release], "release readiness").slides.find((s) => s.slide.layout === "big-number")?.slide;
    if (big?.layout === "big-number") expect(big.value).not.toMatch(/below/);
  });
});

describe("an outcome said against its objective leads", () => {
  const memo = item(
    "m",
    "reliability-memo",
    [
      "SUMMARY",
      "",
      "October availability was 99.87%, below our 99.95% SLO for the second month running (September: 99.91%). Two incidents account for most of the lost minutes.",
      "",
      "Error budget: we used 248% of the monthly budget. Customer-facing credits owed under the enterprise SLA total $18,400.",
    ].join("\n"),
  );
  it("the takeaway and the summary open with the author's first outcome and its SLO", () => {
    const p = plan([memo], "October reliability review");
    expect(p.takeaway).toMatch(/^October availability was 99\.87%, below the 99\.95% SLO/);
    const md = report([memo], "reliability, October 2026");
    expect(/## Summary\n\n([^\n]+)/.exec(md)?.[1] ?? "").toMatch(/^October availability was 99\.87%, below the 99\.95% SLO/);
  });
});

describe("deck slides do not say the table again", () => {
  const body = [
    "# Progress",
    "",
    "## Summary",
    "",
    "Works are 62% complete against 68% planned at the end of February 2026. Approved variations total £126,400. The contract sum is £4,850,000.",
    "",
    "## Site",
    "",
    "The steel frame was topped out on 12 February 2026. The hall is on the programme for handover. Piling finished in December.",
  ].join("\n");
  const insights = analyseContext("progress", [item("r", "Report", body)]);
  const plan = planSlides(insights, { audience: "board", withFigures: true, cites: new Citations() });
  it("the headline figure's slide shows one figure, not the table's rows; the table reads the target", () => {
    const big = plan.slides.find((s) => s.slide.layout === "big-number")?.slide as { others?: unknown[] } | undefined;
    expect(big).toBeDefined();
    expect(big?.others).toEqual([]);
    const table = plan.slides.find((s) => s.slide.layout === "table")?.slide as { rows: string[][] } | undefined;
    expect(table?.rows.find((r) => r[0] === "Works complete")?.[2]).toBe("vs 68% planned");
  });
  it("a sentence whose figures are a tabled value and its target is not a bullet", () => {
    const bullets = plan.slides.flatMap((s) => ("bullets" in s.slide ? (s.slide.bullets ?? []) : []).map((b) => b.text));
    expect(bullets.some((b) => b.startsWith("Works are 62% complete"))).toBe(false);
  });
});
