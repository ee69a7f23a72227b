// A status report states the team's points: what someone heard ("apparently …", "Heard from a
// supplier that …") is no finding, risk or step, and a reply with no subject ("Will know by Friday")
// or another party pulling out is no step of ours. Messy examples written for these rules (a school
// kitchen refit), not the bench corpus.
import { describe, expect, it } from "vitest";
import { item, report } from "../../../test/helpers/compose-fixtures.js";
import { teamPoints } from "./team-points.js";

describe("hearsay and other people's moves in a status report", () => {
  const source = { id: "c", title: "kitchen-chat" };
  it("are no progress, risk or step of the team's", () => {
    const team = teamPoints({ sentences: [], entities: [] });
    expect(team.step({ text: "Heard from a supplier that Brightline are going into administration after Easter.", source })).toBe(false);
    expect(team.risk({ text: "Apparently the council will cut the school meals grant by a third next year.", source })).toBe(false);
    expect(team.progress({ text: "Rumour is the head is leaving in July, so the refit may stall.", source })).toBe(false);
    expect(team.step({ text: "Will know by Friday", source })).toBe(false);
    expect(team.step({ text: "Coldline Catering pulled out on 3 March because they have no fitters.", source })).toBe(false);
    expect(team.step({ text: "Order the new combi ovens by 20 March.", source })).toBe(true);
    expect(team.risk({ text: "The extraction hood may not pass the fire inspection in April.", source })).toBe(true);
  });

  it("the report says none of them", () => {
    const md = report(
      [
        item(
          "n",
          "Kitchen refit — March update",
          [
            "# Kitchen refit — March update",
            "",
            "## Progress",
            "",
            "The old ranges were removed on 2 March and the floor was relaid by 9 March.",
            "",
            "## Risks",
            "",
            "- The extraction hood may not pass the fire inspection on 14 April.",
            "- Apparently the council will cut the school meals grant by a third next year.",
            "",
            "## Next steps",
            "",
            "- Order the new combi ovens by 20 March.",
            "- Heard from a supplier that Brightline are going into administration after Easter.",
            "- Coldline Catering pulled out on 3 March because they have no fitters.",
            "- Will know by Friday",
          ].join("\n"),
        ),
      ],
      "the kitchen refit, March",
    );
    expect(md).toContain("Order the new combi ovens by 20 March.");
    // (The timeline may date another party's move; no list of the team's points states it.)
    const lists = md.replace(/## Timeline[\s\S]*?(?=\n## )/, "");
    expect(lists).not.toMatch(/Apparently|Heard from|pulled out|Will know by Friday/);
  });
});
