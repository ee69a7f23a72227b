import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { isJsonDocument } from "./clean-item.js";

// A feature-flag tool's export, pasted as a note: ids, a schema name and numbers in keys.
const EXPORT = JSON.stringify(
  {
    schema: "tollgate.rollout.v2",
    rollout_id: "ro_7HF2KQ9",
    api_version: "2026-09-01",
    window: { start: "2026-10-05", end: "2026-11-01" },
    cohorts: [
      { id: "c_01", name: "Control", users: 12040, conversion: 0.214 },
      { id: "c_02", name: "New menu", users: 11982, conversion: 0.251 },
    ],
    meta: { request_id: "rq_55ab01", note: "unfiltered" },
  },
  null,
  2,
);

describe("a JSON export is data, not prose", () => {
  it.each(["text/markdown", "text/plain", null])("reads no sentence, figure or event from its punctuation (%s)", (mime) => {
    const a = analyseContextItem({ title: "rollout-export.json", body: EXPORT, mime });
    const sentences = a.blocks.flatMap((b) => (b.kind === "heading" ? [] : (b.sentences ?? [])));
    expect(sentences.filter((s) => /[{}"]/.test(s))).toEqual([]);
    expect(a.events.filter((e) => /rollout_id|request_id|"window"/.test(e.sentence))).toEqual([]);
    expect(a.figures.filter((f) => /[{}"]/.test(f.sentence))).toEqual([]);
  });

  it("tells a whole JSON document from a note that quotes some", () => {
    expect(isJsonDocument(EXPORT)).toBe(true);
    expect(isJsonDocument('The export said {"users": 12040} for control.')).toBe(false);
    expect(isJsonDocument("[draft] notes from Monday [see above]")).toBe(false);
  });
});
