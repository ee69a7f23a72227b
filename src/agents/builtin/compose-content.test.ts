// Rules of the blog and social composers for readers outside the team, one behaviour per test.
import { describe, expect, it } from "vitest";
import {
  aboutOtherVersion,
  forOutsideReaders,
  hasContactDetails,
  isOrder,
  isPlanForOutsiders,
  isSectionForTeam,
  isTitleLine,
  onlyOnTopic,
  teamLogisticsOrComplaint,
  openingFigure,
  postRank,
  publicClause,
  restates,
  writerly,
} from "./compose-content.js";
import { contentStemsOf } from "./insights.js";
import type { Correction } from "./corrections.js";

const src = (id: string) => ({ id, title: id });
const returns: Correction = {
  wrong: "9.4%",
  right: "6.9%",
  sentence: "The returns rate for the season is 6.9% of orders, not the 9.4% in the draft: exchanges were counted twice.",
  source: src("email"),
  basis: "corrected",
};

describe("outside readers are told the corrected value only", () => {
  it("says a correcting sentence without the older value", () => {
    const told = new Set<string>();
    expect(forOutsideReaders({ text: returns.sentence!, source: src("email") }, [returns], () => true, told)).toEqual({
      text: "The returns rate for the season is 6.9% of orders.",
      source: src("email"),
    });
  });
  it("puts the correction, said the same way, in place of a sentence quoting the superseded value, once", () => {
    const told = new Set<string>();
    const draft = { text: "Returns ran at 9.4% of orders, above our 5% target.", source: src("draft") };
    expect(forOutsideReaders(draft, [returns], () => true, told)).toEqual({
      text: "The returns rate for the season is 6.9% of orders.",
      source: src("email"),
    });
    // Said once: the correcting sentence itself, met later, adds nothing.
    expect(forOutsideReaders({ text: returns.sentence!, source: src("email") }, [returns], () => true, told)).toBeNull();
  });
  it("leaves the superseded sentence out when the correction may not be read", () => {
    const draft = { text: "Returns ran at 9.4% of orders, above our 5% target.", source: src("draft") };
    expect(forOutsideReaders(draft, [returns], () => false, new Set())).toBeNull();
  });
  it("leaves every other sentence as it is", () => {
    const s = { text: "We shipped 6,812 orders.", source: src("draft") };
    expect(forOutsideReaders(s, [returns], () => true, new Set())).toEqual(s);
  });
});

describe("what comes next, for outside readers, is plans", () => {
  const sentences = [
    { text: "The warehouse lease ends on 30 June 2026 and may not be renewed.", section: "Risks for 2026", kinds: [] },
    { text: "Our supplier raises prices 12% from 1 March 2026.", section: "Outlook", kinds: ["risk" as const] },
    { text: "The spring range launches on 1 March 2026.", section: "Plans", kinds: ["plan" as const] },
  ];
  it("never a risk or a step written under a risks heading, even with a date", () => {
    expect(isPlanForOutsiders(sentences[0]!.text, sentences)).toBe(false);
    expect(isPlanForOutsiders(sentences[1]!.text, sentences)).toBe(false);
    expect(isPlanForOutsiders(sentences[2]!.text, sentences)).toBe(true);
  });
});

describe("posts carry what the topic asks for", () => {
  const figures = [
    { sentence: "We served 6,240 households and handed out 41,800 food parcels.", value: "6,240", unit: "count" as const },
    { sentence: "Total income was £960,450, up on last year.", value: "£960,450", unit: "currency" as const },
    { sentence: "The post-mortem found 3 gaps.", value: "3", unit: "count" as const },
  ];
  const rank = (text: string, topic: string, section: string | null = null) =>
    postRank(text, topic, { figures: figures as never }, { section });
  it("ranks what was done (counts) over the organisation's own money for 'our year in numbers'", () => {
    expect(rank(figures[0]!.sentence, "our year in numbers")).toBeGreaterThan(rank(figures[1]!.sentence, "our year in numbers"));
  });
  it("counts the topic's own words, in the sentence or its section heading, not how-to-post words", () => {
    expect(rank("The roof slab was poured.", "progress so far", "2. Progress on site")).toBe(1);
    expect(rank("Total income was £960,450, up on last year.", "our year")).toBe(-1);
  });
  it("puts bad news after what went well unless the topic asks for it", () => {
    expect(rank("1,284 invoices were delayed and 37 customers received duplicate reminders.", "release 3.15.0")).toBeLessThan(
      rank("Dunning e-mails redesign", "release 3.15.0"),
    );
    expect(rank("Two deliveries were delayed by snow.", "deliveries this winter")).toBeGreaterThan(0);
  });
  it("puts a table row and a post-mortem's analysis last", () => {
    expect(rank("M-05 | Building weathertight | 0%", "building progress")).toBe(-3);
    expect(rank(figures[2]!.sentence, "release", "Root cause")).toBeLessThan(0);
  });
});

// A printed page's running footer ("Page 2 of 5", "Registered in England No. …") is set aside at
// ingest (src/agents/ingest/clean/boilerplate.ts); a title line is the composer's to leave out.
describe("title lines are never statements of a post", () => {
  it("knows a running header", () => {
    expect(isTitleLine("Millbrook Primary School Extension Monthly Progress Report No. 7")).toBe(true);
    expect(isTitleLine("Dunning e-mails redesign")).toBe(false);
    expect(isTitleLine("The Twelve Days of Tea sold out on 29 November.")).toBe(false);
  });
});

describe("public content never gives the notes' contact details", () => {
  it("knows an e-mail address, a web address and a telephone number — and not a date, a time or a list name", () => {
    expect(hasContactDetails("Questions? The site office is open 8:00–16:30, or e-mail office@builder.example.")).toBe(true);
    expect(hasContactDetails("The tracker is at https://tracker.corp.example/board/12.")).toBe(true);
    expect(hasContactDetails("Logs are on grafana.internal for the team.")).toBe(true);
    expect(hasContactDetails("Call 020 7946 0018 to book a visit.")).toBe(true);
    expect(hasContactDetails("Ring the office on +44 161 496 0000.")).toBe(true);
    expect(hasContactDetails("The email list grew to 14,200 subscribers.")).toBe(false);
    expect(hasContactDetails("No vehicles between 8:15 and 9:15 on school days, from 2025-12-05.")).toBe(false);
    expect(hasContactDetails("Release 3.15.0 ships on 12 November 2026.")).toBe(false);
  });
});

describe("sections a post for outside readers leaves out", () => {
  it("costs, risks, the team's gates and actions, and bad news or a post-mortem the topic does not ask for", () => {
    expect(isSectionForTeam("3. Cost", "progress on the new library")).toBe(true);
    expect(isSectionForTeam("Costs", "where your money went this year")).toBe(false);
    expect(isSectionForTeam("Go / no-go criteria", "what is new in version 2")).toBe(true);
    expect(isSectionForTeam("Action items", "what is new in version 2")).toBe(true);
    expect(isSectionForTeam("Root cause", "what is new in version 2")).toBe(true);
    expect(isSectionForTeam("What went wrong", "what we learned in launch week")).toBe(false);
    expect(isSectionForTeam("Incident report: login outage, 3 May", "what is new in version 2")).toBe(true);
    expect(isSectionForTeam("What sold", "our Christmas season")).toBe(false);
  });
});

describe("a post on one release is not about another", () => {
  it("a sentence naming only other versions than the topic's is off the topic", () => {
    expect(aboutOtherVersion("A schema change was deployed in release 4.1.1 without its migration.", "what is new in release 4.2.0")).toBe(
      true,
    );
    expect(aboutOtherVersion("Release 4.2.0 adds dark mode, replacing the 4.1.1 theme.", "what is new in release 4.2.0")).toBe(false);
    expect(aboutOtherVersion("Dark mode is the most requested feature.", "what is new in release 4.2.0")).toBe(false);
    expect(aboutOtherVersion("Release 4.1.1 went out on 8 May.", "our spring update")).toBe(false);
  });
});

describe("orders are the team's voice", () => {
  it("knows a to-do, with or without an owner's name, and not a statement", () => {
    expect(isOrder("Place the window order by 13 March 2026.")).toBe(true);
    expect(isOrder("Hold the review meeting on 2 June.")).toBe(true);
    expect(isOrder("Mira: start an A/B test of the checklist on Nov 2")).toBe(true);
    expect(isOrder("Close the north gate from 16 March for three weeks.")).toBe(true);
    expect(isOrder("Place cards were printed for all 80 guests.")).toBe(false);
    expect(isOrder("The north gate is closed from 16 March for three weeks.")).toBe(false);
  });
});

describe("a section that names the topic in passing gives only what is on the topic", () => {
  const s = (text: string) => ({ text, stems: contentStemsOf(text) });
  const section = [
    s("Brightpeak cut its prices by 10% but offers no servicing."),
    s("Kolva launched a rental plan with 2,000 members."),
    s("Both rivals ship from Portugal within 4 days."),
    s("Our edge is free lifetime servicing of every bike."),
    s("We rank first on reviews at 4.8 out of 5."),
  ];
  it("drops sentences about another company or place, keeps the rest", () => {
    const kept = onlyOnTopic("Rival notes", section, "our bike servicing", ["Brightpeak", "Kolva", "Portugal"]).map((x) => x.text);
    expect(kept).toEqual([section[0]!.text, section[3]!.text, section[4]!.text]);
  });
  it("keeps every sentence of a section headed by the topic, or of one that never names it", () => {
    expect(onlyOnTopic("Servicing plans", section, "our bike servicing", ["Brightpeak", "Kolva", "Portugal"])).toHaveLength(5);
    expect(onlyOnTopic("Rival notes", section, "our spring sale", ["Brightpeak", "Kolva", "Portugal"])).toHaveLength(5);
  });
});

describe("the opening of a post for outside readers", () => {
  const figures = [
    {
      sentence: "Approved variations total £126,400.",
      value: "£126,400",
      unit: "currency" as const,
      source: { title: "progress-report-7" },
    },
    { sentence: "Pupils from Year 5 toured the site on 3 March.", value: "5", unit: "count" as const, source: { title: "Site diary" } },
    {
      sentence: "Works are 58% complete against 60% planned.",
      value: "58%",
      unit: "percent" as const,
      source: { title: "progress-report-7" },
    },
  ];
  const sentences = [
    { text: figures[0]!.sentence, section: "3. Money" },
    { text: figures[1]!.sentence, section: "Diary" },
    { text: figures[2]!.sentence, section: "1. Executive summary" },
  ];
  it("is about the topic (a file name's words count), from the writer's summary, never the organisation's money first", () => {
    const f = openingFigure(figures, "the new library: progress so far", { figures: figures as never, sentences: sentences as never });
    expect(f?.sentence).toBe(figures[2]!.sentence);
  });
});

describe("the public part of a sentence", () => {
  it("says the clause with the figure when the other clause is the company's own", () => {
    expect(publicClause("Customer acquisition cost fell to $41, while repeat purchase rate rose to 29%.", "29%")).toBe(
      "Repeat purchase rate rose to 29%.",
    );
    expect(publicClause("Gross margin rose to 44%; returns fell to 3%.", "3%")).toBe("Returns fell to 3%.");
    expect(publicClause("Gross margin rose to 44%.", "44%")).toBeNull();
    expect(publicClause("Revenue grew, while gross margin fell to 41%.", "41%")).toBeNull();
  });
});

describe("posts celebrate records", () => {
  it("ranks a sell-out or a best-ever above an audience count", () => {
    const figures = [
      { sentence: "The winter hamper sold 900 units and sold out on 2 December.", value: "900", unit: "count" as const },
      { sentence: "The newsletter grew to 9,100 readers.", value: "9,100", unit: "count" as const },
    ];
    const rank = (t: string) => postRank(t, "thank you for a great season", { figures: figures as never });
    expect(rank(figures[0]!.sentence)).toBeGreaterThan(rank(figures[1]!.sentence));
  });
});

describe("writerly headings (round 9a)", () => {
  it("a headline cut before its object or after a small word is no heading; a question's phrase is", () => {
    expect(writerly("The roof went")).toBe(false);
    expect(writerly("Sales rose to")).toBe(false);
    expect(writerly("What members asked for")).toBe(true);
    expect(writerly("Handover to the co-operative")).toBe(true);
  });
});

describe("restates (round 9a)", () => {
  it("a sentence of another item saying the same thing again is a repetition; a different fact on the same subject is not", () => {
    const said = [
      contentStemsOf(
        "From Sunday 6 September our new timetable gives routes 21, X4 and 33 more time between stops, so buses keep to time through the roadworks.",
      ),
    ];
    const again = { stems: contentStemsOf("Timetable change on 6 September adds running time on routes 21, X4 and 33.") };
    const other = { stems: contentStemsOf("Route 21 will run every 12 minutes instead of every 10 during the works.") };
    expect(restates(again, said)).toBe(true);
    expect(restates(other, said)).toBe(false);
    // The same subject and many of the same words, but no figures in common: two facts.
    const building = [contentStemsOf("The six new classrooms and the hall are on the programme for handover together.")];
    const gives = {
      stems: contentStemsOf(
        "The new building will give the school six classrooms and a hall large enough for the whole school to eat lunch together.",
      ),
    };
    expect(restates(gives, building)).toBe(false);
  });
});

describe("teamLogisticsOrComplaint: the team's own business, however it is worded", () => {
  it("is when the team meets next and a one- or two-star review, never a good review or a plan", () => {
    expect(teamLogisticsOrComplaint("Next review: Thu 4 Dec, 10:00.")).toBe(true);
    expect(teamLogisticsOrComplaint('★☆☆☆☆ "The rug looked nothing like the photos." — verified buyer, Denver')).toBe(true);
    expect(teamLogisticsOrComplaint('★★☆☆☆ "Checkout just spun for ages." — verified buyer')).toBe(true);
    expect(teamLogisticsOrComplaint('★★★★★ "Found the exact lamp I wanted." — verified buyer, Leeds')).toBe(false);
    expect(teamLogisticsOrComplaint("The next release ships on 4 December.")).toBe(false);
  });
});
