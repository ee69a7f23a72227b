// A comparison's options from a labelled list: each label is a row whatever its words, and a labelled
// line from another item stays a note beside its option's row.
import { describe, expect, it } from "vitest";
import { tableComposer } from "./compose-table.js";
import { COMPARISON_TABLE, composeWith, item } from "../../../test/helpers/compose-fixtures.js";

describe("a labelled list names the options", () => {
  const vendors = item(
    "v",
    "Status page options",
    [
      "## Status page options",
      "",
      "- **Statuspage (Atlassian)**: $399/month for the Business plan, 5,000 subscribers, SSO included.",
      "- **Instatus**: $300/month Business, unlimited subscribers, no SSO on that plan.",
      "- **Better Stack**: bundled with our uptime monitoring at $250/month extra, 1,000 subscribers.",
      "",
      "We lean towards Instatus on price; Security wants SSO, which only Statuspage has on these plans.",
    ].join("\n"),
  );
  it("each label is a row, whatever its words; a word inside a line is no option", () => {
    const topic = "status page vendors compared";
    const c = composeWith(tableComposer, COMPARISON_TABLE, [vendors], topic);
    const rows = c.markdown.split("\n").filter((l) => /^\| \*\*/.test(l));
    expect(rows.map((r) => /^\| \*\*([^*]+)\*\*/.exec(r)?.[1])).toEqual(["Statuspage (Atlassian)", "Instatus", "Better Stack"]);
    expect(c.markdown).toMatch(/\| Option \| Price \| Subscribers \| SSO \|/);
    expect(c.markdown).not.toMatch(/\*\*Business\*\*/);
  });
});

describe("a labelled line from another item is still a note", () => {
  it("'Deskwise: SOC 2 Type II …' from a security review stays beside the shortlist's row", () => {
    const shortlist = item(
      "s",
      "Vendor shortlist",
      [
        "## Help desk vendors",
        "",
        "| Vendor | Price | SLA |",
        "|---|---|---|",
        "| Deskwise | $49 | 99.95% |",
        "| Supportly | $65 | 99.99% |",
      ].join("\n"),
    );
    const security = item(
      "r",
      "Security review",
      [
        "Deskwise: SOC 2 Type II report dated May 2026; data stays in Frankfurt.",
        "Supportly: SOC 2 Type II and a HIPAA BAA; data in Dublin.",
      ].join("\n\n"),
    );
    const topic = "help desk vendors compared";
    const c = composeWith(tableComposer, COMPARISON_TABLE, [shortlist, security], topic);
    expect(c.markdown).toMatch(/data stays in Frankfurt/);
  });
});
