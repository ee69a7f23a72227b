import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { captionsAsTranscript, isCaptionFile } from "./captions.js";

// A Teams export: cue ids, voice spans, one turn cut into several cues, a sound description.
const TEAMS = [
  "WEBVTT",
  "",
  "3f2a9c1e-7d41-4b7a-9d2e-11aa/14-0",
  "00:00:03.120 --> 00:00:07.480",
  "<v Ines Carvalho>Morning. Quick one on the cold room at Unit 4.</v>",
  "",
  "3f2a9c1e-7d41-4b7a-9d2e-11aa/15-0",
  "00:00:07.480 --> 00:00:12.900",
  "<v Ines Carvalho>It hit 9 °C twice on Saturday, so we binned 212 kg of dairy.</v>",
  "",
  "3f2a9c1e-7d41-4b7a-9d2e-11aa/16-0",
  "00:00:13.050 --> 00:00:14.000",
  "[Laughter]",
  "",
  "3f2a9c1e-7d41-4b7a-9d2e-11aa/17-0",
  "00:00:14.200 --> 00:00:19.700",
  "<v Pavel Novák>The compressor engineer can come on Thursday; the call-out is €380.</v>",
].join("\n");

// A Zoom recording: comment blocks with the title and the participants, speakers as "Name:".
const ZOOM = [
  "WEBVTT",
  "NOTE Zoom cloud recording — Depot review — 3 Feb 2027",
  "NOTE Participants: Ama Owusu (night shift lead); Rhys Bell (fleet manager)",
  "NOTE Meeting ID 912 4410 7781",
  "",
  "1",
  "00:00:01.000 --> 00:00:02.500",
  "[Recording started]",
  "",
  "2",
  "00:00:03.000 --> 00:00:09.000",
  "Ama Owusu: Two of the six vans would not start on Monday night.",
  "",
  "3",
  "00:00:09.200 --> 00:00:15.000",
  "Rhys Bell: Batteries. We're replacing all six by 14 February.",
].join("\n");

const SRT = [
  "1",
  "00:00:01,000 --> 00:00:04,000",
  "Welcome to the quarterly town hall.",
  "",
  "2",
  "00:00:04,500 --> 00:00:08,000",
  "<i>Sales grew 11% on the quarter.</i>",
].join("\n");

describe("caption files are read as the transcripts they are", () => {
  it("knows a WebVTT or SubRip file from a note that mentions timings", () => {
    expect(isCaptionFile(TEAMS)).toBe(true);
    expect(isCaptionFile(SRT)).toBe(true);
    expect(isCaptionFile("Notes\n\nThe call ran 00:00:01.000 --> 00:10:00.000 by the recorder's clock.")).toBe(false);
  });

  it("makes one turn of a speaker's cues in a row, without ids, timings, tags or sounds", () => {
    expect(captionsAsTranscript(TEAMS).split("\n\n")).toEqual([
      "Ines Carvalho: Morning. Quick one on the cold room at Unit 4. It hit 9 °C twice on Saturday, so we binned 212 kg of dairy.",
      "Pavel Novák: The compressor engineer can come on Thursday; the call-out is €380.",
    ]);
    expect(captionsAsTranscript(SRT)).toBe("Welcome to the quarterly town hall. Sales grew 11% on the quarter.");
  });

  it("gives each speaker the role the participants comment lists, and keeps the comments out of the text", () => {
    const text = captionsAsTranscript(ZOOM);
    expect(text.split("\n\n")).toEqual([
      "Ama Owusu (night shift lead): Two of the six vans would not start on Monday night.",
      "Rhys Bell (fleet manager): Batteries. We're replacing all six by 14 February.",
    ]);
    const a = analyseContextItem({ title: "depot-review.vtt", body: ZOOM, mime: "text/plain" });
    const sentences = a.blocks.flatMap((b) => b.sentences);
    expect(sentences.some((s) => /Meeting ID|NOTE|-->|Recording started/.test(s))).toBe(false);
    expect(a.text).not.toMatch(/912 4410 7781|00:00:0/);
    expect(sentences).toContain("We're replacing all six by 14 February.");
    // A recorded call is a conversation: internal unless said otherwise.
    expect(a.conversation).toBe(true);
  });
});
