// Options quoted inside an e-mail thread: prices written in a reply, in nested "> " quotes under
// "On …, X wrote:", with sign-offs, signatures and a legal footer around them. A reader wants one
// row per option with its price and terms; a reply re-quoting the same line is the same option.
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { tableComposer } from "./compose-table.js";
import { analyseContext, type SourceItem } from "./insights.js";
import { proseCells } from "./prose-option.js";
import { COMPARISON_TABLE } from "../../../test/helpers/compose-fixtures.js";

const mail = (id: string, title: string, body: string): SourceItem => ({
  id,
  title,
  internal: true,
  analysis: analyseContextItem({ title, body, mime: "text/plain" }),
});

const compose = (items: SourceItem[], topic: string) =>
  tableComposer.compose({
    recipe: COMPARISON_TABLE,
    parameters: { topic },
    topic,
    insights: analyseContext(topic, items),
    projectHasContext: true,
  });

const rowsOf = (markdown: string) =>
  markdown
    .split("\n")
    .filter((l) => /^\| \*\*/.test(l))
    .map((r) => /^\| \*\*([^*]+)\*\*/.exec(r)?.[1]);

describe("options quoted in a reply thread", () => {
  const thread = mail(
    "t1",
    "courier-quotes-thread",
    [
      "From: Ingrid Solberg <ingrid@fjordtrade.example>",
      "To: Ops <ops@fjordtrade.example>",
      "Subject: RE: RE: courier quotes for the spring range",
      "",
      "Hi team,",
      "",
      "Fine by me. Tessellate just rang back: their rate drops to NOK 61 per parcel if we commit to 5,000 a quarter.",
      "",
      "Ingrid",
      "",
      "Sent from my iPad",
      "",
      "On 3 March 2026, at 14:02, Marius Dahl <marius@fjordtrade.example> wrote:",
      "> Here is what the three couriers came back with for the spring range:",
      ">",
      "> Tessellate: NOK 64 per parcel, next-day to 92% of postcodes, 24-month contract. Pickup at 15:00 daily.",
      ">",
      "> Norrbud Express: NOK 58 per parcel plus a NOK 2,400 monthly account fee, 12-month contract. No Saturday delivery at all.",
      ">",
      "> Kvikk Logistics: NOK 71 per parcel, tracked to the door, 6-month contract. Damage claims settled within 10 days.",
      ">",
      "> My pick is Norrbud Express unless Saturdays matter more than we think.",
      "> Marius",
      ">",
      ">> On 1 March 2026, Ingrid Solberg wrote:",
      ">> Can someone get the courier numbers side by side before Friday?",
      "",
      "--",
      "DISCLAIMER: This message and its attachments are confidential. If you are not the intended recipient, delete it. Fjordtrade AS, Org. nr 912 345 678.",
    ].join("\n"),
  );

  it("gives one row per quoted option, with its price and terms, and no footer or writer rows", () => {
    const c = compose([thread], "courier options compared");
    expect(rowsOf(c.markdown)).toEqual(["Tessellate", "Norrbud Express", "Kvikk Logistics"]);
    expect(c.markdown).toMatch(/NOK 58 per parcel/);
    expect(c.markdown).toMatch(/6-month/);
    // The quoted paragraph's later sentence is its option's ("Damage claims settled within 10 days").
    const kvikk = c.markdown.split("\n").find((l) => l.startsWith("| **Kvikk"));
    expect(kvikk).toMatch(/10 days/);
    expect(c.markdown).not.toMatch(/\*\*(?:DISCLAIMER|Ingrid|Marius)\*\*/);
    // The author's pick is stated whole under the table.
    expect(c.markdown).toMatch(/\*\*Recommendation in the context:\*\* My pick is Norrbud Express/);
  });
});

describe("each option its own quoted paragraph, in an Outlook-style reply", () => {
  const thread = mail(
    "t2",
    "RE: hosting renewal",
    [
      "From: Tom Achebe",
      "Sent: 9 June 2026 10:14",
      "To: Priya Lal",
      "Subject: RE: hosting renewal",
      "",
      "Priya,",
      "",
      "Thanks, very useful. Please keep these numbers inside the platform team until the board has seen them, Blueharrow does not know we are looking.",
      "",
      "Tom",
      "",
      "________________________________",
      "From: Priya Lal",
      "Sent: 8 June 2026 17:40",
      "To: Tom Achebe",
      "Subject: hosting renewal",
      "",
      "Tom, the hosting quotes as they stand:",
      "",
      "> Corvid Cloud (current host): €3,150 a month, 36-month term. Keeps our current backups as they are.",
      "",
      "> Blueharrow: €2,480 a month, 12-month term, BUT egress billed at €0.05 per GB (about €600 a month at our traffic).",
      "",
      "> Stackyard Hosting: €2,900 a month, 24-month term, managed Postgres included. Cut-over approx. 6 weeks, so we'd sign by August.",
      "",
      "My instinct is Stackyard on support, though Blueharrow is cheaper if egress stays low.",
      "",
      "Priya Lal | Platform Lead | Orbis Ltd | +44 20 7946 0000",
      "",
      "IMPORTANT NOTICE: This e-mail is intended only for the addressee.",
    ].join("\n"),
  );

  it("reads each quoted paragraph as an option's row and keeps requests and the footer out", () => {
    const c = compose([thread], "hosting providers compared");
    expect(rowsOf(c.markdown)).toEqual(["Corvid Cloud (current host)", "Blueharrow", "Stackyard Hosting"]);
    expect(c.markdown).toMatch(/€2,480 a month/);
    expect(c.markdown).toMatch(/24-month/);
    expect(c.markdown).not.toMatch(/Please keep these numbers|does not know we are looking/);
    expect(c.markdown).not.toMatch(/IMPORTANT NOTICE/);
    expect(c.markdown).toMatch(/\*\*Recommendation in the context:\*\* My instinct is Stackyard/);
  });
});

describe("a reply re-quoting the same quotes", () => {
  const thread = mail(
    "t3",
    "fw: van lease quotes",
    [
      "Agree with Dana's numbers below, with one change: Fleetmore just confirmed winter tyres at £14 per van per month.",
      "",
      "On Mon, 2 Feb 2026 at 09:12, Sam Okoro wrote:",
      "> Agree with Dana's numbers below. Forward it to finance?",
      ">",
      ">> On Fri, 30 Jan 2026, Dana Whitfield wrote:",
      ">> Van lease quotes for the six vans:",
      ">>",
      ">> Leasewell: £389 per van per month, 48-month lease, servicing included.",
      ">>",
      ">> Fleetmore: £352 per van per month, 36-month lease, tyres extra.",
      ">>",
      ">> Drivo: £410 per van per month, 24-month lease, 25,000 miles a year.",
      ">>",
      ">> Dana",
      "",
      "> Leasewell: £389 per van per month, 48-month lease, servicing included.",
      "> Fleetmore: £352 per van per month, 36-month lease, tyres extra.",
    ].join("\n"),
  );

  it("one row per option, however often and deeply it is quoted", () => {
    const c = compose([thread], "van lease quotes compared");
    const rows = rowsOf(c.markdown);
    expect(rows).toEqual(expect.arrayContaining(["Leasewell", "Fleetmore", "Drivo"]));
    expect(rows).toHaveLength(3);
    expect(c.markdown).toMatch(/£352 per van per month/);
    expect(c.markdown).not.toMatch(/\*\*(?:Dana|Sam|Agree)/);
    // The tyres' price is Fleetmore's, who confirmed it, not a row for the colleague whose numbers are agreed with.
    expect(c.markdown.split("\n").find((l) => l.startsWith("| **Fleetmore"))).toMatch(/£14 per van per month/);
  });
});

describe("a value after another option opens a clause is that option's", () => {
  const columns = [{ title: "Price", shape: "money:$", words: [] }];
  it("'Agree with Noor's figures, with one add: Pinecrest just confirmed … $900/month' gives Noor nothing", () => {
    const p = proseCells(
      "Agree with Noor's figures below, with one add: Pinecrest just confirmed the SMS bundle, so we drop the separate $900/month service.",
      "Noor",
      ["Pinecrest"],
      columns,
    );
    expect(p?.cells.size ?? 0).toBe(0);
  });
  it("set against another ('$18,000 less than Volta, with …') the value stays the subject's", () => {
    const p = proseCells(
      "A late bid came from Sinoro Motors at $412,000 a bus, less than Volta, with a 9-month delivery.",
      "Sinoro Motors",
      ["Volta"],
      columns,
    );
    expect(p?.cells.get("Price")).toBe("$412,000 a bus");
  });
});

describe("the stated recommendation in the workbook", () => {
  it("is a row below the options, its words whole in the widest text column and its source cited", () => {
    const thread = mail(
      "t4",
      "payroll providers",
      [
        "> Paymint: £6.10 per payslip, 12-month term, HMRC filing included.",
        ">",
        "> Ledgerly: £4.80 per payslip plus £95 a month, 24-month term.",
        ">",
        "> Our recommendation is Paymint on the shorter term.",
      ].join("\n"),
    );
    const c = compose([thread], "payroll providers compared");
    let sheet: { columns: unknown[]; rows: unknown[][] } | undefined;
    void c.files[0]!.make({
      xlsx: (spec: { sheets: { name: string; columns: unknown[]; rows: unknown[][] }[] }) => {
        sheet = spec.sheets.find((x) => x.name === "Comparison");
        return Promise.resolve({}) as never;
      },
    } as never);
    const rows = sheet?.rows ?? [];
    const last = rows.at(-1) ?? [];
    expect(last[0]).toBe("Stated recommendation");
    expect(last.some((cell) => typeof cell === "string" && /^Our recommendation is Paymint on the shorter term\. \[1\]$/.test(cell))).toBe(
      true,
    );
    expect(String(last.at(-1))).toMatch(/payroll providers \[1\]/);
    // An empty row sets it apart from the options.
    expect(rows.at(-2)?.every((cell) => cell === null)).toBe(true);
  });
});
