// An author's inline lead ("TL;DR —", "In short:") is a label on their summary, not words of it;
// YAML front matter is a file's metadata, not a heading; a sentence ending in a list's title is a
// sentence and a title, not one heading.
import { describe, expect, it } from "vitest";
import { cleanContextItem, leadLabel } from "./clean-item.js";

describe("an inline lead label", () => {
  it("is taken off the paragraph and kept as its lead, the rest capitalised", () => {
    const clean = cleanContextItem({
      title: "Heat pump trial",
      body: "# Heat pump trial\n\n**TL;DR** — the 40 heat pumps cut heating bills by 34% over the winter. Noise is the open question.\n\n## Method\n\nWe fitted 40 flats.",
      mime: "text/markdown",
    });
    const para = clean.blocks.find((b) => b.kind === "paragraph");
    expect(para?.lead).toBe("TL;DR");
    expect(para?.sentences[0]).toBe("The 40 heat pumps cut heating bills by 34% over the winter.");
    expect(clean.blocks.filter((b) => b.kind === "paragraph" && b.lead).length).toBe(1);
  });

  it("reads the usual labels, and leaves a field or an ordinary sentence alone", () => {
    expect(leadLabel("In short: footfall rose in every shop but the one on the high street.")?.lead).toBe("In short");
    expect(leadLabel("Bottom line - the new rota saves eleven hours a week for the team.")?.lead).toBe("Bottom line");
    expect(leadLabel("Summary: 3 of 5")).toBeNull();
    expect(leadLabel("In shortening the route we saved time for every driver on it.")).toBeNull();
  });
});

describe("YAML front matter", () => {
  it("is set aside: no heading made of its fields, the document's own heading first", () => {
    const clean = cleanContextItem({
      title: "report.md",
      body: "---\ntitle: Heat pump trial\nowner: Estates team\nstatus: final\n---\n\n# Heat pump trial (October–March 2026)\n\nWe fitted 40 flats.",
      mime: "text/markdown",
    });
    expect(clean.blocks[0]).toMatchObject({ kind: "heading", text: "Heat pump trial (October–March 2026)", level: 1 });
    expect(clean.blocks.some((b) => /owner:/.test(b.text))).toBe(false);
  });
});

describe("a sentence then a list's title, in plain text", () => {
  it("stays a paragraph the list follows, not one heading", () => {
    const clean = cleanContextItem({
      title: "quotes.txt",
      body: "Hi all,\n\nWe need 20 printers for the two offices. Quotes:\n\n1) Inkwell — £310 a unit, 3-year warranty.\n2) Papyra — £280 a unit, 1-year warranty.\n",
      mime: "text/plain",
    });
    expect(clean.blocks.filter((b) => b.kind === "heading").map((b) => b.text)).toEqual([]);
    expect(clean.blocks.find((b) => b.kind === "paragraph")?.sentences[0]).toBe("We need 20 printers for the two offices.");
    expect(clean.blocks.filter((b) => b.kind === "list_item")).toHaveLength(2);
  });
});
