import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { pastedTableRows } from "./pipe-tables.js";

const tablesOf = (body: string) => analyseContextItem({ title: "mail", body, mime: "text/plain" }).blocks.filter((b) => b.kind === "table");

describe("a pipe table pasted into plain text is a table from ingest on", () => {
  it("reads the pipe rows as a table, whether the lines were kept or joined into one", () => {
    const lines = ["| Agency | Rate | Turnaround |", "|---|---|---|", "| Verba | €0.12/word | 3 days |", "| NTS |  | 5 days |"];
    const rows = [
      ["Agency", "Rate", "Turnaround"],
      ["Verba", "€0.12/word", "3 days"],
      ["NTS", "", "5 days"],
    ];
    expect(pastedTableRows(lines.join("\n"))).toEqual(rows);
    expect(pastedTableRows(lines.join(" "))).toEqual(rows);
    expect(pastedTableRows("Costs | as ever | rose.")).toBeNull();
    expect(pastedTableRows("| a | b |")).toBeNull();
  });

  it("keeps a table written straight under its lead-in line and followed by a sign-off as a table block of its own", () => {
    const body = [
      "Hi Priya,",
      "",
      "Rates from the kennel survey, as promised:",
      "| Kennel | Nightly rate | Vaccination check |",
      "|:---|---:|---|",
      "| Hollybank | £24 | on arrival |",
      "| Greyfield Lodge | £31 | 48 hours before |",
      "Shout if Greyfield's rate looks off.",
      "",
      "Marek",
    ].join("\n");
    const a = analyseContextItem({ title: "kennels", body, mime: "text/plain" });
    const tables = a.blocks.filter((b) => b.kind === "table");
    expect(tables.map((t) => t.rows)).toEqual([
      [
        ["Kennel", "Nightly rate", "Vaccination check"],
        ["Hollybank", "£24", "on arrival"],
        ["Greyfield Lodge", "£31", "48 hours before"],
      ],
    ]);
    const sentences = a.blocks.flatMap((b) => b.sentences);
    expect(sentences).toContain("Shout if Greyfield's rate looks off.");
    expect(sentences.some((s) => s.includes("|"))).toBe(false);
  });

  it("reads a table quoted in a reply as a table, and a mail client's joined rows too", () => {
    const quoted = [
      "Agreed, go with the cheaper one.",
      "",
      "> Two quotes for the roof:",
      "> | Roofer | Quote | Start |",
      "> |---|---|---|",
      "> | Dunmore Roofing | €18,400 | March |",
      "> | K. Halloran & Sons | €16,950 | May |",
    ].join("\n");
    expect(tablesOf(quoted).map((t) => t.rows?.[2]?.[1])).toEqual(["€16,950"]);
    const joined = "| Roofer | Quote | | --- | --- | | Dunmore Roofing | €18,400 | | K. Halloran & Sons | €16,950 |";
    expect(tablesOf(joined).map((t) => t.rows?.length)).toEqual([3]);
  });

  it("leaves prose with pipes in it alone", () => {
    expect(tablesOf("Options | pros | cons were argued at length.\n\nNo table here | really.")).toEqual([]);
  });
});
