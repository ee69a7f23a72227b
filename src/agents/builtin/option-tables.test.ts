// Tables of options as authors lay them out outside the seen corpus: the options across the top of a
// memo's table under a "Memo to …: what is compared" heading, and options numbered "A", "B", "C" in a
// column headed "Option". Examples are invented for these tests.
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import { optionsOf, withOptionsDown } from "./compose-table.js";
import { analyseContext } from "./insights.js";
import { withLetteredOptions } from "./option-tables.js";

let n = 0;
function item(title: string, body: string) {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(930 + n).padStart(12, "0")}`,
    title,
    analysis: analyseContextItem({ title, body, mime: null }),
  };
}

describe("a memo's table with the options across its top stands beside a sheet of the same options", () => {
  it("keeps the memo's terms (contract, payout) beside the sheet's fees", () => {
    const topic = "scanning apps";
    const memo = item(
      "Note for the partners: scanning apps",
      "We asked three vendors.\n\n| | Scanly | PaperTrail | Docu9 |\n|---|---|---|---|\n| Contract length | 12 months | monthly | 24 months |\n| Support hours | 9-5 | 24/7 | 8-6 |\n| Price per seat | €7.50 | €9.00 | €6.25 |\n",
    );
    const sheet = item(
      "app-prices",
      "| app | seat_price | seats |\n|---|---|---|\n| Scanly | 7.50 | 12 |\n| PaperTrail | 9.00 | 12 |\n| Docu9 | 6.25 | 12 |\n",
    );
    const options = optionsOf(withOptionsDown(analyseContext(topic, [memo, sheet])), 10, topic);
    const docu9 = options.find((o) => o.name === "Docu9");
    const cells = [...(docu9?.cells.values() ?? [])].flat().map((c) => c.text);
    expect(cells).toContain("24 months");
    expect(cells).toContain("6.25");
  });
});

describe("withLetteredOptions: options lettered in a column headed 'Option' keep the word", () => {
  it("names rows 'Option A', 'Scenario 2' — a bare letter or number names nothing to a reader", () => {
    const paper = item(
      "Depot options",
      "| Option | Annual cost | Staff |\n|---|---|---|\n| A | £2.1m | 30 |\n| B | £1.7m | 22 |\n| C | £1.2m | 15 |\n",
    );
    const runs = item(
      "runs",
      "| scenario | runs_per_week | cost |\n|---|---|---|\n| 1 | 14 | £800 |\n| 2 | 10 | £640 |\n| 3 | 7 | £500 |\n",
    );
    const tables = withLetteredOptions(analyseContext("depot options", [paper, runs])).tables.map((t) => t.rows.map((r) => r[0]));
    expect(tables).toEqual([
      ["Option", "Option A", "Option B", "Option C"],
      ["scenario", "Scenario 1", "Scenario 2", "Scenario 3"],
    ]);
  });

  it("leaves named options and a table whose first column is no option heading as they are", () => {
    const paper = item(
      "Sites",
      "| Site | Rent |\n|---|---|\n| A | £1,200 |\n| B | £900 |\n\n| Option | Rent |\n|---|---|\n| Harbour Road | £1,200 |\n| Mill Lane | £900 |\n",
    );
    const tables = withLetteredOptions(analyseContext("sites", [paper])).tables.map((t) => t.rows.map((r) => r[0]));
    expect(tables).toEqual([
      ["Site", "A", "B"],
      ["Option", "Harbour Road", "Mill Lane"],
    ]);
  });

  it("makes the lettered rows the comparison's options", () => {
    const topic = "parking options";
    const paper = item(
      "Parking options for cabinet",
      "| Option | Spaces | Cost |\n|---|---|---|\n| A | 120 | £640,000 |\n| B | 80 | £410,000 |\n| C | 45 | £150,000 |\n",
    );
    const names = optionsOf(withLetteredOptions(analyseContext(topic, [paper])), 10, topic).map((o) => o.name);
    expect(names).toEqual(["Option A", "Option B", "Option C"]);
  });
});
