// A speaker labelled by their unit ("Dr Ada Moss (Virology Core)") speaks for the researchers of
// that field — but a person's job beside the field ("Ward 7 porter") still names someone else.
import { describe, expect, it } from "vitest";
import { speakerMember, voiceGroup } from "./brief-voices.js";

describe("a speaker labelled by their unit", () => {
  const topic = "what virology researchers, soil ecologists and imaging PhD students need from the new freezer farm";
  const members = voiceGroup(topic)!.members;

  it("speaks for the researchers of its field", () => {
    expect(members.map((m) => m.head)).toEqual(["researchers", "ecologists", "students"]);
    expect(speakerMember("Dr Ada Moss (Virology Core)", members)).toBe(0);
    expect(speakerMember("Prof Ian Reyes (Soil Ecology Group)", members)).toBe(1);
    expect(speakerMember("Sam Lee (PhD student, imaging)", members)).toBe(2);
  });

  it("not when the label names another job beside the field", () => {
    expect(speakerMember("Jo Park (virology lab porter)", members)).toBe(-1);
  });
});
