// Two ways a comparison of options went wrong on a note beside the table of them (issue 11):
// - a possessive and a number ("Klimavex's 18 kW is more than the 16 kW our circuit can spare")
//   read as an option of its own named "Klimavex's 18": it is Klimavex's sentence, never a row;
// - a sentence stating a value a correction in the context replaces ("Frostline's capacity is only
//   24 pallets") quoted as a note beside the correction itself ("Frostline's capacity is 48
//   pallets, not 24 pallets"): the stale claim is no note.
import { describe, expect, it } from "vitest";
import { comparison, item, rowNames, rowOf } from "../../../test/helpers/compose-fixtures.js";

const PUMPS = item(
  "h1",
  "heat-pump-quotes",
  [
    "# Heat pump quotes for the village hall",
    "",
    "| Supplier | Price | Output | Warranty |",
    "|---|---|---|---|",
    "| Thermara | £11,400 | 14 kW | 7 years |",
    "| Klimavex | £12,950 | 18 kW | 10 years |",
    "| Calidor Systems | £10,800 | 12 kW | 5 years |",
    "",
    "Klimavex's 18 kW is more than the 16 kW of spare capacity on our supply, so we would need a supply upgrade.",
    "",
    "Thermara's installers are local and could start in March.",
  ].join("\n"),
);

const PUMP_MODELS = item(
  "h3",
  "heat-pump-models",
  [
    "# Heat pump models for the village hall",
    "",
    "| Model | Price | Output |",
    "|---|---|---|",
    "| Thermara Aero 14 | £11,400 | 14 kW |",
    "| Klimavex KX-18 | £12,950 | 18 kW |",
    "",
    "Klimavex's 18 kW is more than the 16 kW of spare capacity on our supply, so we would need a supply upgrade.",
  ].join("\n"),
);

const PUMP_NOTES = item(
  "h2",
  "heat-pump-notes",
  [
    "# Heat pumps for the village hall",
    "",
    "Thermara quoted £11,400 for a 14 kW unit with a 7-year warranty.",
    "Klimavex quoted £12,950 for an 18 kW unit with a 10-year warranty.",
    "Klimavex's 18 kW is more than the 16 kW of spare capacity on our supply, so we would need a supply upgrade.",
    "Thermara's 14 kW would fit within it.",
  ].join("\n\n"),
);

const FREEZERS = item(
  "f1",
  "cold-store-options",
  [
    "# Cold storage for the food bank",
    "",
    "| Option | Monthly cost | Capacity | Power |",
    "|---|---|---|---|",
    "| Frostline | £640 | 24 pallets | 3-phase |",
    "| Polarbay | £810 | 52 pallets | single-phase |",
    "",
    "Frostline's capacity is only 24 pallets, below our 40-pallet requirement.",
    "",
    "Polarbay would need a new concrete pad before delivery.",
    "",
    "Correction (2 May): Frostline's capacity is 48 pallets, not 24 pallets as in the table above; the brochure listed a half unit.",
  ].join("\n"),
);

const STORES = item(
  "f2",
  "cold-store-shortlist",
  [
    "# Cold storage for the food bank",
    "",
    "| Option | Monthly cost | Power |",
    "|---|---|---|",
    "| Frostline | £640 | 3-phase |",
    "| Polarbay | £810 | single-phase |",
    "",
    "Frostline's capacity is only 24 pallets, well below what the Saturday collections need.",
    "",
    "Polarbay would need a new concrete pad before delivery.",
  ].join("\n"),
);

const STORE_MAIL = item(
  "f3",
  "re-cold-store-shortlist",
  [
    "Correction (2 May): Frostline's capacity is 48 pallets, not 24 pallets; the brochure listed a half unit.",
    "",
    "Polarbay can deliver in June.",
  ].join("\n"),
);

describe("a note beside a table of options", () => {
  it("never makes a possessive and a number ('Klimavex's 18') an option", () => {
    const md = comparison([PUMPS], "heat pump suppliers compared");
    expect(rowNames(md)).toEqual(["Thermara", "Klimavex", "Calidor Systems"]);
    expect(md).not.toMatch(/\*\*Klimavex['’]s/);
  });

  it("never makes a possessive and a number an option beside a table of models", () => {
    const md = comparison([PUMP_MODELS], "heat pump models compared");
    expect(rowNames(md)).toEqual(["Thermara Aero 14", "Klimavex KX-18"]);
  });

  it("never makes a possessive and a number an option in notes without a table either", () => {
    const md = comparison([PUMP_NOTES], "heat pump quotes compared");
    expect(rowNames(md).sort()).toEqual(["Klimavex", "Thermara"]);
    expect(rowOf(md, "Klimavex")).toContain("£12,950");
  });

  it("quotes no stale claim beside the correction that replaces it, from another item", () => {
    const md = comparison([STORES, STORE_MAIL], "cold storage options for the food bank");
    expect(rowNames(md)).toEqual(["Frostline", "Polarbay"]);
    expect(rowOf(md, "Frostline")).not.toContain("only 24 pallets");
  });

  it("quotes no sentence stating a value a correction replaces as a note", () => {
    const md = comparison([FREEZERS], "cold storage options for the food bank");
    expect(rowNames(md)).toEqual(["Frostline", "Polarbay"]);
    expect(rowOf(md, "Frostline")).not.toContain("only 24 pallets");
    expect(rowOf(md, "Frostline")).toContain("48 pallets");
    expect(rowOf(md, "Polarbay")).toContain("concrete pad");
  });
});
