import { describe, expect, it } from "vitest";
import { item, plan, report } from "../../../test/helpers/compose-fixtures.js";
import { analyseContextItem } from "../ingest/analyse.js";
import type { SourceItem } from "./insights.js";

// An exported chat, uploaded as the text file the export is.
const chatFile = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  internal: true,
  analysis: analyseContextItem({ title, body, mime: "text/plain" }),
});

// A leisure trust's pool refurbishment: the project manager's update (numbered risks with bold
// titles, an owner line, an edit stamp), the ops team's chat export, and the members' newsletter.
const UPDATE = item(
  "update",
  "Pool refurbishment — November update",
  [
    "# Pool refurbishment — November update",
    "",
    "Last edited 4 Nov 2026.",
    "",
    "## Progress",
    "",
    "The new filtration plant was commissioned on 28 October, two weeks early. Tiling in the learner pool reached 80%.",
    "",
    "## Risks",
    "",
    "1. **Boiler.** The boiler is 31 years old and failed twice in October. A replacement costs £48,000 and takes 10 weeks to arrive.",
    "2. **Asbestos.** The survey found asbestos in the plant-room ceiling; removal could add three weeks.",
    "3. **Lifeguards.** We have 9 of the 14 lifeguards we need for reopening, and training places are scarce before March.",
    "",
    "## Next steps",
    "",
    "- Order the replacement boiler by 20 November.",
    "- Owner: Dana Fox (facilities lead).",
    "- Book the asbestos removal contractor for the week of 7 December.",
  ].join("\n"),
  true,
);

const CHAT = chatFile(
  "chat",
  "ops-chat-export",
  [
    "[02/11/2026 08:12] Priya Shah (Ops) morning all, lanes 1-3 reopened for the club on Friday",
    "[02/11/2026 08:15] Tom Reyes (Ops) Okay. that contractor worries me, for the record.",
    "[02/11/2026 08:16] Tom Reyes (Ops) has anyone checked the lifeguard rota for December?",
    "[02/11/2026 08:20] Priya Shah (Ops) will do, going to ask the agency today",
  ].join("\n"),
);

const NEWSLETTER = item(
  "news",
  "Members' newsletter — December draft",
  [
    "# The pool is nearly ready",
    "",
    "The main pool reopens on Monday 1 March 2027, with a new learner pool and changing village.",
    "",
    "Your membership will be extended by the weeks the pool was closed.",
    "",
    "Swimming lessons restart in the week of 8 March 2027.",
  ].join("\n"),
);

const sectionOf = (md: string, title: string) => (md.split(`## ${title}\n`)[1] ?? "").split("\n## ")[0]!;

describe("a report's lists say the team's points, as a reader would want them", () => {
  const md = report([UPDATE, CHAT, NEWSLETTER], "pool refurbishment");

  it("a risk listed under a bold title is said with its explanation, not as the bare title", () => {
    const risks = sectionOf(md, "Risks and issues");
    expect(risks).toMatch(/^- Boiler: The boiler is 31 years old and failed twice in October\./m);
    expect(risks).not.toMatch(/^- Boiler\. /m);
    expect(risks).not.toMatch(/^- Asbestos\. /m);
    // The title's explanation is said once, in its titled line.
    expect(risks.match(/31 years old/g)).toHaveLength(1);
  });

  it("the team's chat lines, questions and feelings are no progress, risk or step", () => {
    for (const title of ["Progress", "Risks and issues", "Next steps"]) {
      const section = sectionOf(md, title);
      expect(section, title).not.toMatch(/morning all|worries me|anyone checked|going to ask|\[02\/11\/2026/);
    }
  });

  it("what a piece for members tells them is no step for the team; an owner line is no step", () => {
    const steps = sectionOf(md, "Next steps");
    expect(steps).toMatch(/Order the replacement boiler by 20 November/);
    expect(steps).not.toMatch(/Your membership will be extended/);
    expect(steps).not.toMatch(/Owner: Dana Fox/);
  });

  it("a document's edit stamp is no event on the timeline", () => {
    expect(sectionOf(md, "Timeline")).not.toMatch(/Last edited/);
  });

  it("an empty progress section is left out rather than said to be empty", () => {
    const bare = report([NEWSLETTER], "pool reopening");
    expect(bare).not.toMatch(/No item records progress/);
  });
});

describe("a deck's risks and steps say the team's points", () => {
  it("a titled risk is one bullet with its explanation, and no chat line is on any slide", () => {
    const { slides } = plan([UPDATE, CHAT, NEWSLETTER], "pool refurbishment");
    const text = JSON.stringify(slides.map((s) => s.slide));
    expect(text).toMatch(/Boiler: The boiler is 31 years old/);
    expect(text).not.toMatch(/"Boiler\."/);
    expect(text).not.toMatch(/morning all|worries me|anyone checked|going to ask|Owner: Dana Fox/);
  });
});

describe("a report's timeline and steps, each said once", () => {
  const MEMO = item(
    "memo",
    "Library refit — project memo",
    [
      "Subject: Library refit — decision on opening day, 14 January 2027",
      "",
      "## Risks",
      "",
      "1. **Shelving delivery.** The supplier moved delivery to 6 January 2027. If it slips again, opening moves.",
      "",
      "## Next steps",
      "",
      "- Open the refitted library on 14 January 2027.",
      "- The supplier moved delivery to 6 January 2027.",
    ].join("\n"),
    true,
  );
  const NOTICE = item(
    "notice",
    "refit.html",
    [
      "# We're nearly there",
      "",
      "Your library reopens on 14 January 2027 with a new children's corner.",
      "",
      "You can return books to any other branch until then.",
      "",
      "Your loans have been extended, so you will not pay any fines.",
    ].join("\n"),
  );
  const md = report([MEMO, NOTICE], "library refit");

  it("a subject line is no event, and one day's event is listed once", () => {
    const timeline = sectionOf(md, "Timeline");
    expect(timeline).not.toMatch(/Subject:/);
    expect(timeline.match(/\| 14 January 2027 \|/g) ?? []).toHaveLength(1);
  });

  it("a piece that speaks to its readers as 'you' gives the team no step, whatever its file is called", () => {
    expect(sectionOf(md, "Next steps")).not.toMatch(/Your library reopens|You can return books|Your loans/);
  });

  it("a step that a titled risk already explains is not said again", () => {
    expect(sectionOf(md, "Risks and issues")).toMatch(/Shelving delivery: The supplier moved delivery to 6 January 2027\./);
    expect(sectionOf(md, "Next steps")).not.toMatch(/The supplier moved delivery/);
  });
});

describe("risks under an everyday heading", () => {
  it.each(["Where this could bite us", "What could slow us down", "What might derail the opening"])(
    "lists the author's titled risks under '%s'",
    (heading) => {
      const memo = item(
        "memo",
        "Bakery expansion — partners' note",
        [
          "# Bakery expansion",
          "",
          `## ${heading}`,
          "",
          "1. **Oven lead time.** The deck oven takes 14 weeks to deliver, so an order after 1 February misses the spring opening.",
          "2. **Staff.** We have 3 of the 5 bakers the second site needs, and night shifts are hard to fill.",
          "",
          "## Next steps",
          "",
          "- Order the deck oven by 1 February 2027.",
        ].join("\n"),
        true,
      );
      const risks = sectionOf(report([memo], "bakery expansion"), "Risks and issues");
      expect(risks).toMatch(/^- Oven lead time: The deck oven takes 14 weeks to deliver/m);
      expect(risks).toMatch(/^- Staff: We have 3 of the 5 bakers/m);
    },
  );
});
