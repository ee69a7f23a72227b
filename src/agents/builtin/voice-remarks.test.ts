// A brief asked what some people think answers in their own words: a survey's comment column,
// sorted into what they like and what concerns them, with the row's telling cells (issue 11).
import { describe, expect, it } from "vitest";
import type { Recipe } from "../../domain/recipe.js";
import { analyseContextItem } from "../ingest/analyse.js";
import { csvToMarkdownTable } from "../ingest/csv.js";
import { briefComposer } from "./compose-brief.js";
import type { SourceItem } from "./insights.js";
import { voiceOf } from "./voice-remarks.js";
import { composeWith, item } from "../../../test/helpers/compose-fixtures.js";

const BRIEF = { slug: "research-brief", name: "Research brief", output_format: "md" } as unknown as Recipe;
const brief = (items: SourceItem[], topic: string) => composeWith(briefComposer, BRIEF, items, topic).markdown;
const csv = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  // (As ingest stores an uploaded CSV: its rows as a Markdown table.)
  analysis: analyseContextItem({ title, body: csvToMarkdownTable(body), mime: "text/csv" }),
});

describe("voiceOf", () => {
  it("names the people a question asks the views of", () => {
    expect(voiceOf("what do tenants think of the heat pumps")).toBe("tenants");
    expect(voiceOf("how do members feel about the new timetable")).toBe("members");
    expect(voiceOf("what did parents say about the lunch menu")).toBe("parents");
    expect(voiceOf("why is waste above target, and which kitchens cause it")).toBeNull();
  });
});

describe("a brief asked what people think", () => {
  const survey = csv(
    "survey",
    "tenant-survey",
    [
      "tenant_ref,block,flat_floor,score,comment",
      "T-101,North,2,5,Warm all evening and the bills are lower than with the old boiler",
      "T-102,North,7,2,The outdoor unit hums all night right under the bedroom window",
      "T-103,South,2,4,Lovely even heat but the controls on the panel are confusing",
      "T-104,South,3,5,Hot water is ready whenever the kids need a bath",
      "T-105,North,7,1,Radiators stay lukewarm on frosty days and the flat never feels warm",
      "T-106,South,3,4,Call me on 07700 900555 about the noise please",
    ].join("\n"),
  );
  const report = item(
    "report",
    "Heat pump retrofit — year one",
    [
      "# Heat pump retrofit: year one",
      "",
      "The plant room's supply is 90 kW and the upgrade quote is £64,000 with a 6-month lead time.",
      "",
      "Residual values of the old boilers are uncertain.",
      "",
      "Tenants rated the new heating 3.9 out of 5 in the spring visits.",
      "",
      "Three tenants asked to keep a gas fire for the coldest weeks.",
    ].join("\n"),
  );

  it("quotes their comments as likes and concerns, with the row's telling cells, and leaves other sentences out", () => {
    const md = brief([report, survey], "what do tenants think of the heat pumps");
    expect(md).toContain("### What tenants like");
    expect(md).toContain("### Concerns tenants raised");
    const likes = md.slice(md.indexOf("### What tenants like"), md.indexOf("### Concerns tenants raised"));
    const concerns = md.slice(md.indexOf("### Concerns tenants raised"));
    expect(likes).toContain("“Warm all evening and the bills are lower than with the old boiler” (block: North; flat floor: 2; score: 5)");
    // A good score with a worry in its words is a concern.
    expect(concerns).toContain("controls on the panel are confusing");
    expect(concerns).toContain("outdoor unit hums all night");
    expect(likes).not.toContain("confusing");
    // The row's key (T-101) tells nothing; a remark with a phone number is a person's, never quoted.
    expect(md).not.toContain("T-101");
    expect(md).not.toContain("07700");
    // Sentences naming the tenants answer; a supply and a quote say nothing of what they think.
    expect(md).toContain("Tenants rated the new heating 3.9 out of 5");
    expect(md).not.toContain("90 kW");
    expect(md).not.toContain("£64,000");
    expect(md).not.toContain("Residual values");
    expect(md).not.toContain("Every finding comes from one item");
  });

  it("keeps only the remarks naming what the question asks about, when some do", () => {
    const md = brief([report, survey], "what did tenants say about the noise and the controls");
    expect(md).toContain("controls on the panel are confusing");
    expect(md).not.toContain("Hot water is ready");
    expect(md).not.toContain("Warm all evening");
  });
});

describe("a brief asked what people said about some matters", () => {
  const consultation = item(
    "consultation",
    "Library hours consultation",
    [
      "# Library hours consultation",
      "",
      "We received 940 responses over six weeks.",
      "",
      "| Issue raised | Mentions | Share |",
      "| --- | --- | --- |",
      "| Sunday opening hours | 412 | 44% |",
      "| Car park charges | 233 | 25% |",
      "| Study space for exams | 120 | 13% |",
      "",
      "The board proposes later Sunday opening because it answers the largest issue, Sunday opening hours.",
      "",
      "The roof repair is budgeted at £88,000.",
    ].join("\n"),
  );

  it("quotes the rows of a tally of what they raised that name those matters, and the sentences naming them", () => {
    const md = brief([consultation], "what did readers say about Sunday opening and the car park");
    expect(md).toContain("### What readers raised");
    expect(md).toContain("- Sunday opening hours — Mentions: 412; Share: 44% [1]");
    expect(md).toContain("- Car park charges — Mentions: 233; Share: 25% [1]");
    expect(md).not.toContain("- Study space for exams —");
    expect(md).toContain("The board proposes later Sunday opening");
    expect(md).not.toContain("£88,000");
  });
});
