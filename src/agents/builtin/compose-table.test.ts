// The comparison's cells as attribute values, in the source's words (issue 11, round 5c).
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import {
  attributeCell,
  classifyClause,
  comparisonWidths,
  forEach,
  humanHeader,
  leadingNames,
  namesMeasure,
  nearestOwner,
  numberColumn,
  optionsOf,
  perOption,
  plainNumber,
  priceChangeCell,
  shortNotes,
  withoutOwner,
  withOptionsDown,
  type Option,
} from "./compose-table.js";
import { analyseContext } from "./insights.js";
import { isOptionLabel, kindStem } from "./option-tables.js";
import { proseCells, tableColumns } from "./prose-option.js";

describe("attributeCell: the value with its qualifier, not the whole clause", () => {
  it("puts the value first and the thing it prices in brackets, numbers as written", () => {
    expect(attributeCell("Launched a subscription for base layers at 29 euros per month", "Price", true)).toBe(
      "29 euros per month (subscription for base layers)",
    );
    expect(attributeCell("Tracked 48 is £3.35", "Price", false)).toBe("£3.35 (Tracked 48)");
    expect(attributeCell("Is the cheapest at £2.85 a parcel", "Price", true)).toBe("£2.85 a parcel (cheapest)");
    expect(attributeCell("Is £4.90", "Price", true)).toBe("£4.90");
  });

  it("gives a price change as the change, with what and when: a value, not a clause", () => {
    expect(attributeCell("Cut prices by 10% on its shell jackets in August 2026", "Price", true)).toBe(
      "10% price cut on shell jackets (August 2026)",
    );
    expect(priceChangeCell("Raised fees by £2 a month from 1 March 2026")).toBe("£2 a month fee rise (1 March 2026)");
    expect(priceChangeCell("Raised prices by 5%")).toBe("5% price rise");
    expect(priceChangeCell("Cut its price by 15% in August to 159 NOK per bag")).toBe("159 NOK per bag (15% price cut, August)");
    // Not a price change in that shape: left to the other rules.
    expect(priceChangeCell("Revenue rose 18% in Q3 2026")).toBeNull();
    expect(attributeCell("Cut delivery times by 2 days", "Delivery", true)).toBe("Cut delivery times by 2 days");
  });

  it("leaves a change, a clause with more after its value and two values as written", () => {
    expect(attributeCell("96% of parcels on time in December", "Delivery", false)).toBe("96% of parcels on time in December");
    expect(attributeCell("Charges $49 per agent and $9 per seat", "Price", true)).toBe("Charges $49 per agent and $9 per seat");
  });

  it("drops what the column already says: its verb, 'Our advantage is'", () => {
    expect(attributeCell("Ship from Poland with average delivery times of 3 days", "Delivery", false)).toBe(
      "From Poland with average delivery times of 3 days",
    );
    expect(attributeCell("Our advantage is the lifetime repair guarantee", "Strengths", false)).toBe("The lifetime repair guarantee");
  });
});

describe("forEach: a sentence about both or all options, in each option's row", () => {
  it("states the attribute, not 'Both competitors'", () => {
    expect(forEach("Both competitors ship from Poland with average delivery times of 3 days")).toBe(
      "Ship from Poland with average delivery times of 3 days",
    );
    expect(forEach("All three vendors offer an EU region")).toBe("Offer an EU region");
    expect(forEach("Revenue rose 18%")).toBe("Revenue rose 18%");
  });
});

describe("perOption: options listed with a value each become one part each", () => {
  it("reads 'Name is value, Name is value' and a value 'for' a later name", () => {
    expect(
      perOption("So Evri is the cheapest at £2.85 a parcel, Royal Mail Tracked 48 is £3.35, DPD is £4.90", [
        "Evri",
        "Royal Mail",
        "Royal Mail Tracked",
        "DPD",
      ]),
    ).toEqual([
      { name: "Evri", text: "Evri is the cheapest at £2.85 a parcel" },
      { name: "Royal Mail", text: "Royal Mail Tracked 48 is £3.35" },
      { name: "DPD", text: "DPD is £4.90" },
    ]);
    expect(
      perOption("Evri delivered 84% of our parcels on time in December against 96% for Royal Mail and 98% for DPD", [
        "Evri",
        "Royal Mail",
        "DPD",
      ]),
    ).toEqual([
      { name: "Evri", text: "Evri delivered 84% of our parcels on time in December" },
      { name: "Royal Mail", text: "96% of parcels on time in December" },
      { name: "DPD", text: "98% of parcels on time in December" },
    ]);
  });

  it("is null when an option named has no number of its own", () => {
    expect(perOption("Fjellform and Nordvind both ship from Poland in 3 days", ["Fjellform", "Nordvind"])).toBeNull();
    expect(perOption("Deskwise is cheaper than HelpHarbor", ["Deskwise", "HelpHarbor"])).toBeNull();
  });
});

describe("numberColumn: a money column keeps its currency in the workbook", () => {
  it("formats plain numbers under a header naming the currency, the code moved to the end", () => {
    expect(plainNumber("14700 [2]")).toBe(14700);
    expect(plainNumber("11,700 [1]")).toBe(11700);
    expect(plainNumber("$49 [1]")).toBeNull();
    expect(numberColumn("Annual cost 25 agents usd", ["14700 [2]", "11700 [2]", ""])).toEqual({
      header: "Annual cost 25 agents (USD)",
      format: "currency",
      currency: "$",
    });
    expect(numberColumn("Fee (£)", ["120 [1]", "95 [1]"])).toMatchObject({ format: "currency", currency: "£" });
  });

  it("leaves text, a single number and numbers with no currency as written", () => {
    expect(numberColumn("Api requests per min", ["700 [2]", "unlimited [2]"])).toBeNull();
    expect(numberColumn("Annual cost usd", ["14700 [2]"])).toBeNull();
    // A year is not "2,026".
    expect(numberColumn("Founded", ["2019 [1]", "2021 [1]"])).toBeNull();
  });
});

describe("optionsOf: options listed with their values are the rows; speakers and side mentions are not", () => {
  it("reads carriers from a review and a meeting transcript, never the transcript's speakers", () => {
    const review = [
      "# Peak season review",
      "",
      "Evri delivered 84% of our parcels on time in December against 96% for Royal Mail and 98% for DPD.",
      "",
      "The Twelve Days of Tea calendar sold 1,240 units and sold out.",
    ].join("\n");
    const transcript = [
      "Partners meeting",
      "",
      "Priya Shah (00:00:15): So Evri is the cheapest at £2.85 a parcel, Royal Mail is £3.35, DPD is £4.90.",
      "Jonah Price (00:00:40): Jonah thinks Evri will miss collections again.",
      "Priya Shah (00:01:10): Then we move December parcels to DPD and Royal Mail.",
    ].join("\n");
    const items = [
      {
        id: "00000000-0000-4000-8000-000000000501",
        title: "Peak season review",
        analysis: analyseContextItem({ title: "Peak season review", body: review, mime: null }),
      },
      {
        id: "00000000-0000-4000-8000-000000000502",
        title: "partners-meeting",
        analysis: analyseContextItem({ title: "partners-meeting", body: transcript, mime: "text/plain" }),
      },
    ];
    const topic = "delivery carriers compared";
    const options = optionsOf(analyseContext(topic, items), 10, topic);
    expect(options.map((o) => o.name).sort()).toEqual(["DPD", "Evri", "Royal Mail"]);
    const cell = (name: string, column: string) =>
      options
        .find((o) => o.name === name)
        ?.cells.get(column)
        ?.map((c) => c.text);
    expect(cell("Royal Mail", "Price")).toEqual(["£3.35"]);
    expect(cell("Evri", "Price")).toEqual(["£2.85 a parcel (cheapest)"]);
    expect(cell("DPD", "Delivery")).toEqual(["98% of parcels on time in December"]);
  });
});

describe("classifyClause", () => {
  it("reads accounts as customers, an account manager as no customer cue", () => {
    expect(classifyClause("Has about 1,200 business accounts")).toBe("customers");
    expect(classifyClause("Ring their account manager about the missed collection")).toBe("notes");
  });
});

describe("strengths and weaknesses weigh which way the figures point", () => {
  it("a low price and a high on-time rate are strengths, though 'we only trialled' them", () => {
    expect(classifyClause("We only trialled — 400 parcels in November at £2.99, 97% on time")).toBe("strengths");
    // What the option lacks stays a weakness, whatever its figures.
    expect(classifyClause("Only 84% on time and no tracking")).toBe("weaknesses");
    expect(classifyClause("Only 84% of parcels on time")).toBe("weaknesses");
    // A price listing with "cheapest" is still a price.
    expect(classifyClause("Is the cheapest at £2.85 a parcel")).toBe("price");
  });
  it("a condition or a decision about an option is a note, not an attribute", () => {
    expect(classifyClause("If December 2026 goes like December 2025 we lose repeat customers")).toBe("notes");
    expect(classifyClause("Decision, then: from 1 October 2026 no December parcels on Evri")).toBe("notes");
  });
});

describe("notes are short", () => {
  it("keep the two remarks that tell the option apart: figures first, a remark leaning back last", () => {
    const src = { id: "s", title: "Review" };
    const o: Option = {
      name: "Evri",
      figures: [],
      sources: new Map(),
      cells: new Map([
        [
          "Notes",
          [
            "And the complaints follow Evri",
            "Collection missed again second time this week",
            "19 of the 23 damage claims this season were Evri parcels",
            "Handles 60% of our parcels",
            "Move December volume off Evri",
          ].map((text) => ({ text, source: src })),
        ],
      ]),
    };
    shortNotes(o);
    expect(o.cells.get("Notes")?.map((n) => n.text)).toEqual([
      "19 of the 23 damage claims this season were Evri parcels",
      "Handles 60% of our parcels",
    ]);
  });
});

describe("humanHeader: a CSV's machine header reads as a column title", () => {
  it("sets the currency code as the unit and the count it is for apart", () => {
    expect(humanHeader("annual_cost_25_agents_usd")).toBe("Annual cost, 25 agents (USD)");
    expect(humanHeader("price_per_agent_month_usd")).toBe("Price per agent month (USD)");
    expect(humanHeader("sign_ups")).toBe("Sign ups");
    // The workbook's number column keeps the title as it is, once.
    expect(numberColumn(humanHeader("annual_cost_25_agents_usd"), ["14700", "11700"])?.header).toBe("Annual cost, 25 agents (USD)");
  });

  it("sets a machine header's last word as the unit when it is one: a bare 28 under 'Margin pct' reads as no share", () => {
    expect(humanHeader("margin_pct")).toBe("Margin (%)");
    expect(humanHeader("payment_days")).toBe("Payment (days)");
    expect(humanHeader("min_term_months")).toBe("Min term (months)");
    expect(humanHeader("co2e_tonnes")).toBe("Co2e (tonnes)");
    // A title a person wrote, and a unit that is the whole header, stay as written.
    expect(humanHeader("Payment days")).toBe("Payment days");
    expect(humanHeader("days")).toBe("Days");
    expect(humanHeader("runs_per_week")).toBe("Runs per week");
  });
});

describe("round 9c: the table of the options, not another table of the topic's words", () => {
  const vendors = [
    "# Smart thermostat trial",
    "",
    "## Vendors",
    "We tested the vendors' thermostats side by side:",
    "",
    "| Vendor | Price per unit | Warranty | Protocol | Lead time |",
    "|---|---|---|---|---|",
    "| Orbitherm | €110 | 3 years | Zigbee | 6 weeks |",
    "| Calora | €95 | 2 years | Thread | 9 weeks |",
    "",
    "Nimbus Heat's thermostat came in late: €120 per unit, a 5-year warranty and Zigbee, with the shortest lead time of 3 weeks, but its pairing success rate in the trial was only 91.5% against 98.2% for Orbitherm.",
    "",
    "Fitted homes used 7% less energy than the comparison group.",
  ].join("\n");
  // A stock sheet as an older CSV import stored it: its title line as the header, "Column N" beside it.
  const stock = [
    "| Acme thermostat stock report | Column 2 | Column 3 |",
    "| --- | --- | --- |",
    "| Week ending | Depot A (units) | Depot B (units) |",
    "| 06/04/2026 | 93 | 90 |",
    "| 04/05/2026 | 84 | 79 |",
    "| Reorder trigger |  | 50 |",
  ].join("\n");
  const items = [
    {
      id: "00000000-0000-4000-8000-000000000901",
      title: "Thermostat trial",
      analysis: analyseContextItem({ title: "Thermostat trial", body: vendors, mime: null }),
    },
    {
      id: "00000000-0000-4000-8000-000000000902",
      title: "stock",
      analysis: analyseContextItem({ title: "stock", body: stock, mime: "text/csv" }),
    },
  ];
  const topic = "smart thermostat vendors compared";
  const options = () => optionsOf(analyseContext(topic, items), 10, topic);
  const cells = (name: string) =>
    new Map([...(options().find((o) => o.name === name)?.cells ?? [])].map(([k, v]) => [k, v.map((c) => c.text)]));

  it("has the tabled vendors in the table's order and the one described beside it, never a date, a threshold or a header row", () => {
    expect(options().map((o) => o.name)).toEqual(["Orbitherm", "Calora", "Nimbus Heat"]);
    for (const o of options()) for (const column of o.cells.keys()) expect(column).not.toMatch(/^Column \d/);
  });

  it("fills the prose vendor's values into the columns holding that kind of value", () => {
    const nimbus = cells("Nimbus Heat");
    expect(nimbus.get("Price per unit")).toEqual(["€120"]);
    expect(nimbus.get("Warranty")).toEqual(["5-year"]);
    expect(nimbus.get("Protocol")).toEqual(["Zigbee"]);
    expect(nimbus.get("Lead time")).toEqual(["3 weeks"]);
  });

  it("gives a value the sentence states for another vendor to that vendor, under the measure's name", () => {
    expect(cells("Nimbus Heat").get("Pairing success rate in the trial")).toEqual(["91.5%"]);
    expect(cells("Orbitherm").get("Pairing success rate in the trial")).toEqual(["98.2%"]);
    expect([...cells("Orbitherm").values()].flat().join(" ")).not.toContain("91.5%");
    expect([...cells("Nimbus Heat").values()].flat().join(" ")).not.toContain("98.2%");
  });
});

describe("nearestOwner: a figure belongs to the option its sentence gives it to", () => {
  const s = "Nimbus Heat's thermostat came in late: €120 per unit, but its pairing rate was only 91.5% against 98.2% for Orbitherm.";
  it("is the option named last before the value, or the one it is given 'for'", () => {
    expect(nearestOwner(s, "91.5%", ["Orbitherm", "Nimbus Heat"])).toBe("Nimbus Heat");
    expect(nearestOwner(s, "€120", ["Orbitherm", "Nimbus Heat"])).toBe("Nimbus Heat");
    expect(nearestOwner(s, "98.2%", ["Nimbus Heat", "Orbitherm"])).toBe("Orbitherm");
  });
});

describe("isOptionLabel, kindStem, preferKind", () => {
  it("a date, a number, a note or a total names no option", () => {
    for (const label of [
      "06/04/2026",
      "2026-04-06",
      "6 April 2026",
      "Q3 2026",
      "Week ending",
      "58.0",
      "Source: telemetry",
      "**Total**",
      "Average",
    ])
      expect(isOptionLabel(label), label).toBe(false);
    for (const label of ["Orbitherm", "Royal Mail", "Paid search", "Northgate Library"]) expect(isOptionLabel(label), label).toBe(true);
  });

  it("reads the kind compared from the topic", () => {
    expect(kindStem("smart thermostat vendors compared")).toBe("vendor");
    expect(kindStem("our three reading sites compared")).toBe("site");
    expect(kindStem("help desk vendors")).toBe("vendor");
  });
});

describe("proseCells", () => {
  const columns = tableColumns(
    new Map([
      ["Price", ["£6,400", "£5,900"]],
      ["Range", ["90 km", "75 km"]],
      ["Delivery", ["6 weeks", "10 weeks"]],
    ]),
  );
  it("reads the part of the sentence from the name on, up to another subject", () => {
    const p = proseCells(
      "A late offer came from Kopra Cycles at £5,200 a bike, with a range of 110 km and delivery in 4 weeks; Fleet Services has not ridden one yet.",
      "Kopra Cycles",
      ["Arden"],
      columns,
    );
    expect(Object.fromEntries(p?.cells ?? [])).toEqual({ Price: "£5,200 a bike", Range: "110 km", Delivery: "4 weeks" });
    // How it came in, and what follows the semicolon, are said of it too.
    expect(p?.rest).toEqual(["A late offer came from Kopra Cycles", "Fleet Services has not ridden one yet"]);
  });
  it("never takes a value given for another option", () => {
    const p = proseCells("Kopra Cycles quoted 8 weeks against 6 weeks for Arden.", "Kopra Cycles", ["Arden"], columns);
    expect(p?.cells.get("Delivery")).toBe("8 weeks");
  });
});

describe("comparisonWidths: columns as wide as their text, the widest giving way first", () => {
  it("keeps a column of short values narrow and gives a column of sentences the room", () => {
    const note = "Offers a 15% discount on a three-year contract; its limit of 200 requests per minute is below our peak";
    const header = ["Option", "Price", "SLA", "API limit", "Plan", "Contract term", "Notes", "Sources"];
    const cells = [
      ["Deskwise", "HelpHarbor"],
      ["$49 [1]", "$39 [1]"],
      ["99.95% [1]", "99.9% [1]"],
      ["700/min [1]", "200/min [1]"],
      ["Growth [2]", "Pro [2]"],
      ["1 year [2]", "1 or 3 years [2]"],
      [note, note],
      ["Vendor shortlist [1]; pricing-export [2]; Security review [3]", "Vendor shortlist [1]"],
    ];
    const widths = comparisonWidths(header, cells);
    expect(widths.reduce((a, w) => a + w, 0)).toBeLessThanOrEqual(145);
    expect(widths[1]).toBeLessThan(14);
    expect(widths[6]).toBeGreaterThan(30);
  });
});

describe("withoutOwner: the Figures sheet names the option once", () => {
  it("drops the option's name from the metric beside it", () => {
    expect(withoutOwner("Orbitherm's price per unit", "Orbitherm")).toBe("Price per unit");
    expect(withoutOwner("Price per unit", "Orbitherm")).toBe("Price per unit");
    expect(withoutOwner("Orbitherm", "Orbitherm")).toBe("Orbitherm");
  });
});

describe("a table of suppliers under a heading naming the kind compared", () => {
  const body = [
    "# Roof package — tender comparison",
    "",
    "| Supplier | Price | Lead time |",
    "|---|---|---|",
    "| Aldren Roofing | £120,500 | 18 weeks |",
    "| Brackley Slate | £131,000 | 9 weeks |",
    "",
    "Aldren is cheapest but its 18-week lead time misses the handover date. We recommend Brackley Slate.",
  ].join("\n");
  const items = [
    {
      id: "00000000-0000-4000-8000-000000000911",
      title: "Roof tenders",
      analysis: analyseContextItem({ title: "Roof tenders", body, mime: null }),
    },
  ];
  const topic = "roof package tenders compared";
  it("is the table of the options: its columns and a note of whole sentences, in the table's order", () => {
    const options = optionsOf(analyseContext(topic, items), 10, topic);
    expect(options.map((o) => o.name)).toEqual(["Aldren Roofing", "Brackley Slate"]);
    for (const o of options) for (const column of o.cells.keys()) expect(["Price", "Lead time", "Notes"]).toContain(column);
    // A remark on a tabled value that says more than the value is a note, not dropped as a restatement.
    expect(options[0]!.cells.get("Notes")?.map((c) => c.text)).toEqual([
      "Aldren is cheapest but its 18-week lead time misses the handover date",
    ]);
  });
});

describe("withOptionsDown: a table with the options across its top is turned, each option a row", () => {
  it("turns a sites table with an empty corner, and leaves a vendor table with an empty corner as it is", () => {
    const sites =
      "## Fourth store: three sites compared\n\n| | Kungsholmen | Solna Centrum | Täby |\n|---|---|---|---|\n| Rent per month | SEK 62,000 | SEK 48,500 | SEK 39,000 |\n| Size | 140 m² | 120 m² | 180 m² |";
    const vendors = "## Vendors\n\n| | Price | Seats |\n|---|---|---|\n| Zendesk | $55 | 10 |\n| Freshdesk | $15 | 5 |";
    const items = [
      {
        id: "00000000-0000-4000-8000-000000000911",
        title: "Sites",
        analysis: analyseContextItem({ title: "Sites", body: sites, mime: null }),
      },
      {
        id: "00000000-0000-4000-8000-000000000912",
        title: "Vendors",
        analysis: analyseContextItem({ title: "Vendors", body: vendors, mime: null }),
      },
    ];
    const turned = withOptionsDown(analyseContext("sites compared", items)).tables.map((t) => t.rows);
    expect(turned).toEqual([
      [
        ["Fourth store: three sites compared", "Rent per month", "Size"],
        ["Kungsholmen", "SEK 62,000", "140 m²"],
        ["Solna Centrum", "SEK 48,500", "120 m²"],
        ["Täby", "SEK 39,000", "180 m²"],
      ],
      [
        ["", "Price", "Seats"],
        ["Zendesk", "$55", "10"],
        ["Freshdesk", "$15", "5"],
      ],
    ]);
  });
});

describe("leadingNames: a list labelled by names is a list of options", () => {
  it("reads 'Name: …' and 'Name (maker): …' labels as names, and 'Note: …' as none", () => {
    const body = [
      "## Status page options",
      "",
      "- Statuspage (Atlassian): $399/month for the Business plan, 5,000 subscribers, SSO included.",
      "- Instatus: $300/month Business, unlimited subscribers, no SSO on that plan.",
      "- Better Stack: bundled with our uptime monitoring at $250/month extra, 1,000 subscribers.",
      "",
      "Note: prices exclude VAT.",
    ].join("\n");
    const items = [
      {
        id: "00000000-0000-4000-8000-000000000921",
        title: "Status pages",
        analysis: analyseContextItem({ title: "Status pages", body, mime: null }),
      },
    ];
    // ("Better Stack" opens with a common word, so it is left out, like "Next steps: …" would be.)
    expect(leadingNames(analyseContext("status page vendors compared", items))).toEqual(["Statuspage", "Instatus"]);
  });
});

describe("a Figures row's label names what was measured", () => {
  it("drops a verb, an adjective or a pronoun the extractor took for a label; keeps nouns, statistics and the table's own columns", () => {
    for (const bad of ["That's", "Separate", "Late", "Includes", "Want"]) expect(namesMeasure(bad, ["Option", "Price"])).toBe(false);
    for (const good of ["Price", "Warranty", "Subscribers", "SLA", "Minimum", "Lead time"])
      expect(namesMeasure(good, ["Option", "Price"])).toBe(true);
    expect(namesMeasure("Late", ["Option", "Late"])).toBe(true);
  });
});
