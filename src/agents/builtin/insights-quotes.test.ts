import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { analyseContext } from "./insights.js";

// A reply quoting three suppliers' offers, each a paragraph of the quoted message, with terse terms.
const BODY = [
  "From: Hamid Rahimi <hamid@millbrook.example>",
  "To: Joanne Pike <joanne@millbrook.example>",
  "Subject: RE: payroll system offers",
  "",
  "Joanne, I have pasted the three offers below so we can compare the payroll systems on Friday.",
  "",
  "> Paylane: £18 per employee per month.",
  "> 2-year term.",
  "> Migration approx. 10 weeks.",
  ">",
  "> Stipend Cloud: £21 per employee per month, no minimum term.",
  "> Migration approx. 6 weeks.",
  ">",
  "> Ledgerly offers a flat £9,400 a year for up to 600 staff.",
  "> 3-year term.",
].join("\n");

describe("a quoted message's paragraphs are read like the writer's own", () => {
  it("keeps each quoted paragraph its own block, its short terms with figures kept with it", () => {
    const analysis = analyseContextItem({ title: "payroll offers", body: BODY, mime: "text/plain" });
    const quotes = analysis.blocks.filter((b) => b.kind === "quote");
    expect(quotes).toHaveLength(3);
    const insights = analyseContext("payroll system offers", [
      { id: "00000000-0000-4000-8000-000000000901", title: "payroll offers", analysis },
    ]);
    const term = insights.sentences.find((s) => s.text === "2-year term.");
    expect(term?.paragraph).toEqual(["Paylane: £18 per employee per month.", "2-year term.", "Migration approx. 10 weeks."]);
    const ledgerly = insights.sentences.find((s) => s.text.startsWith("Ledgerly"));
    expect(ledgerly?.paragraph).toEqual(["Ledgerly offers a flat £9,400 a year for up to 600 staff.", "3-year term."]);
  });
});
