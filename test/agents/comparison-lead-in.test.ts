// A comparison of what an e-mail lists after its lead-in ("On sequencing for WP3, here are the three
// quotes: - Novogene: €38 per sample, …"): the list's labels are the options, not every name in the project.
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { compose, expectGrounded, loadRecipes } from "./composer-kit.js";

beforeAll(loadRecipes);

const item = (id: string, title: string, body: string) => ({
  id,
  title,
  analysis: analyseContextItem({ title, body, mime: "text/plain" }),
});

describe("comparison: a labelled list after its lead-in (round 10, lead)", () => {
  it("makes the list's labels the rows", () => {
    // The grant's progress report names many things (CV, ERC, Castlebrook): none is a provider.
    const report = readFileSync(new URL("../../bench/corpus/okafor-lab-grant-y2/progress-report-draft.md", import.meta.url), "utf8");
    const items = [
      item("00000000-0000-4000-8000-000000000c00", "progress-report-draft", report),
      item(
        "00000000-0000-4000-8000-000000000c01",
        "email-thread",
        [
          "Hi Adaeze,",
          "",
          "On sequencing for WP3, here are the three quotes for the 400 RNA-seq samples:",
          "- Novogene: €38 per sample, about 3 weeks turnaround, ships on dry ice from Cambridge.",
          "- Azenta (GENEWIZ): €52 per sample, 10 working days, includes basic QC report.",
          "- Tamsin Genomics Core (in-house): €44 per sample, but the queue is currently 6 weeks.",
          "My vote is Novogene on price, unless we need the data before March.",
        ].join("\n"),
      ),
      item(
        "00000000-0000-4000-8000-000000000c02",
        "lab-meeting-notes",
        "INFLAME lab mtg 29/10/26 — AO, KR, ML (minutes: SD)\n\n1. Freezer B.214 alarmed x3 in Sept. AI: JP to ask faculty for equipment fund.\n2. Lab Xmas lunch 17/12 at the Fox & Hound.",
      ),
    ];
    const c = compose("comparison-table", "RNA sequencing providers", items);
    const rows = [...c.markdown.matchAll(/^\| \*\*(.+?)\*\* \|/gm)].map((m) => m[1]!);
    expect(rows.map((r) => r.replace(/\s*\(.*\)$/, "")).sort()).toEqual(["Azenta", "Novogene", "Tamsin Genomics Core"]);
    expect(c.markdown).toContain("€52 per sample");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});
