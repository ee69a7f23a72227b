// What an executive deck never says: what someone heard ("apparently …", "Heard from a haulier that
// …"), a reply with no subject or a third party pulling out as a next step, and a paper's byline as
// a point.
import { describe, expect, it } from "vitest";
import { isHearsay, noStepOfOurs, withoutTicketAside } from "./compose-deck.js";
import { item, plan } from "../../../test/helpers/compose-fixtures.js";

describe("deck: no hearsay, no byline, only our steps", () => {
  it("a line passing on what someone heard is hearsay; a stated fact or a quoted survey is not", () => {
    expect(isHearsay("Heard from a porter that the lift contractor is going under. Nothing official.")).toBe(true);
    expect(isHearsay("apparently the landlord wants to sell the building in 2028")).toBe(true);
    expect(isHearsay("Rumour is the council will cut the grant")).toBe(true);
    expect(isHearsay("The lift contractor confirmed the repair for 14 March.")).toBe(false);
    expect(isHearsay("Residents told us the lift was out for nine days.")).toBe(false);
  });

  it("a reply with no subject or another party pulling out is no step of ours; our own step is", () => {
    expect(noStepOfOurs("Will know by Friday")).toBe(true);
    expect(noStepOfOurs("Harbour Lifts pulled out on 3 March - no capacity next year")).toBe(true);
    expect(noStepOfOurs("Ferrow Ltd withdrew (acquired) (when: 30 Oct).")).toBe(true);
    expect(noStepOfOurs("Order the replacement motor by 20 March.")).toBe(false);
    expect(noStepOfOurs("We will re-tender the lift contract in April.")).toBe(false);
  });

  it("the deck's slides say neither the hearsay nor the byline", () => {
    const note = item(
      "n",
      "Ward 7 move — project note",
      [
        "# Ward 7 move to the new wing",
        "",
        "Prepared by Ruth Okafor (Estates lead) · Board only.",
        "",
        "## Progress",
        "",
        "The new wing passed its fire inspection on 2 March. Beds, monitors and call bells are installed in all 24 rooms. Staff training on the new call system finished on 6 March with 41 of 44 nurses trained.",
        "",
        "## Next steps",
        "",
        "- Move patients on 21 March, starting at 07:00.",
        "- Heard from a porter that the lift contractor is going under, so the lifts may not be serviced. Nothing official.",
        "- Sign off the cleaning contract by 14 March.",
      ].join("\n"),
    );
    const text = JSON.stringify(plan([note], "Ward 7 move").slides.map((s) => s.slide));
    expect(text).toContain("Move patients on 21 March");
    expect(text).not.toMatch(/Heard from a porter|Prepared by Ruth/);
  });
});

describe("deck: a tracker's key in brackets is the team's reference", () => {
  it("is left off a bullet; a code that is the thing's name is kept", () => {
    expect(withoutTicketAside("The checkout timeout (JIRA-4412) was fixed in 2.3.1.")).toBe("The checkout timeout was fixed in 2.3.1.");
    expect(withoutTicketAside("Two crashes (OPS-12, OPS-19) hit the night shift.")).toBe("Two crashes hit the night shift.");
    expect(withoutTicketAside("The A-38 road reopened on Monday.")).toBe("The A-38 road reopened on Monday.");
  });
});
