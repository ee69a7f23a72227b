import { describe, expect, it } from "vitest";
import { Citations } from "./compose-kit.js";
import { planSlides } from "./compose-deck.js";
import { analyseContext } from "./insights.js";
import { isShorthand, shorthandItems } from "./shorthand-notes.js";
import { item } from "../../../test/helpers/compose-fixtures.js";

describe("shorthand notes", () => {
  it("a line written for the next shift is shorthand; a sentence for a reader is not", () => {
    expect(isShorthand("Sa A/S: press 3 guard check all OK (sign-off JB).")).toBe(true);
    expect(isShorthand("Oven 2 temp ctrl tripped again!!")).toBe(true);
    expect(isShorthand("Pallets x4 short -> re-ordered, 2x calls to depot.")).toBe(true);
    expect(isShorthand("We replaced the guard on press 3 and checked every interlock.")).toBe(false);
    expect(isShorthand("Ops reviewed the figures twice; output rose 7%.")).toBe(false);
  });
  it("an item whose lines carry a mark of shorthand each, on average, is a log", () => {
    const line = (text: string, id = "log") => ({ text, source: { id, title: id } });
    const logs = shorthandItems([
      line("Sa A/S: press 3 guard check all OK."),
      line("Oven 2 temp ctrl tripped again!!"),
      line("Pallets short -> re-ordered."),
      line("Press 5 fine."),
      line("Output rose 7% in May.", "review"),
      line("We hired two fitters.", "review"),
      line("The new oven arrives in June.", "review"),
    ]);
    expect([...logs]).toEqual(["log"]);
  });
  it("a log makes no slide and no risk", () => {
    const REVIEW = item(
      "review",
      "Bakery review",
      ["## Output", "", "Output rose 7% in May to 41,200 loaves. Waste fell to 3.2% from 4.0%. Oven 2 was down for two days."].join("\n"),
    );
    const LOG = item(
      "log",
      "handover",
      [
        "HANDOVER — bakery — w/c 5 May",
        "",
        "Mo E/S: oven 2 temp ctrl tripped again!! maint called.",
        "Tu L/S: dough mixer x2 resets, 3rd batch short -> binned.",
        "We E/S: flour delivery 2x late, 40 pcs rolls scrapped.",
        "Th L/S: all 4 ovens OK (sign-off KP). Total now 31/40.",
      ].join("\n"),
    );
    const { slides } = planSlides(analyseContext("bakery output in May", [REVIEW, LOG]), {
      audience: "board",
      withFigures: true,
      cites: new Citations(),
    });
    const text = JSON.stringify(slides.map((s) => s.slide));
    expect(text).not.toMatch(/temp ctrl|binned|sign-off KP/);
  });
});
