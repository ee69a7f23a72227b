import { describe, expect, it } from "vitest";
import { blocksToMarkdown, escapeMarkdown } from "./context-markdown.js";

describe("a context item's clean blocks as Markdown", () => {
  it("keeps headings, lists, quotes, tables and code as structure", () => {
    const md = blocksToMarkdown([
      { kind: "heading", level: 2, text: "Q3 update", section: null, sentences: [] },
      { kind: "paragraph", text: "Revenue rose 12%.", section: "Q3 update", sentences: [] },
      { kind: "list_item", text: "Oslo opened", section: "Q3 update", sentences: [] },
      { kind: "list_item", text: "Bergen next", section: "Q3 update", sentences: [] },
      { kind: "quote", text: "Great quarter", section: "Q3 update", sentences: [] },
      {
        kind: "table",
        text: "",
        section: null,
        sentences: [],
        rows: [
          ["Metric", "Value"],
          ["Churn", "4%"],
        ],
      },
      { kind: "code", text: "a ``` b", section: null, sentences: [] },
    ]);
    expect(md).toBe(
      [
        "## Q3 update",
        "Revenue rose 12%\\.",
        "- Oslo opened\n- Bergen next",
        "> Great quarter",
        "| Metric | Value |\n| --- | --- |\n| Churn | 4% |",
        "````\na ``` b\n````",
      ].join("\n\n"),
    );
  });

  it("escapes whatever in the text could become markup: links, images, HTML, emphasis, list markers", () => {
    const md = blocksToMarkdown([
      { kind: "paragraph", text: "![x](http://evil.test/p.png) <b>hi</b> *bold* 1. item", section: null, sentences: [] },
    ]);
    expect(md).toBe("\\!\\[x\\]\\(http\\://evil\\.test/p\\.png\\) \\<b\\>hi\\</b\\> \\*bold\\* 1\\. item");
    expect(escapeMarkdown("a|b")).toBe("a\\|b");
  });
});
