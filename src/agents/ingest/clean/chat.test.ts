import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { cleanContextItem } from "./clean-item.js";
import { speakerName } from "./chat.js";

const sentencesOf = (body: string, mime: string | null) =>
  cleanContextItem({ title: "Launch day", body, mime }).blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : b.sentences));

const SLACK = [
  "#launch-boards-3  —  exported Tue, Sep 15, 2026",
  "",
  "Dana Reyes  9:02 AM",
  "@channel we're live :rocket: Boards 3.0 is out.",
  "",
  "Theo Lind  9:47 AM",
  "imports from Trello are timing out for big boards. seeing 38% errors on import",
  ":eyes: 3",
  "",
  "Mira Okafor  10:12 AM",
  "Let's put a banner in the importer saying big boards may fail, and roll back if it's not fixed by 12",
  "  4 replies",
  "  Theo Lind  11:58 AM",
  "  not fixed. rolling importer back to 3.0.0-rc.7",
  "👍 2",
  "",
  "Dana Reyes  5:15 PM",
  "end of day: 4,100 sign-ups today. thanks all :pray:",
  "(edited)",
].join("\n");

describe("chat exports: who spoke and when is metadata", () => {
  for (const mime of ["text/plain", null]) {
    it(`sets speaker lines, thread notes, reactions and shortcodes aside (${mime ?? "note"})`, () => {
      const sentences = sentencesOf(SLACK, mime);
      const all = sentences.join("\n");
      for (const gone of [
        "Theo Lind",
        "Dana Reyes",
        "9:02 AM",
        "11:58",
        ":eyes:",
        ":rocket:",
        ":pray:",
        "4 replies",
        "(edited)",
        "👍",
        "exported",
      ])
        expect(all).not.toContain(gone);
      expect(sentences).toContain("not fixed. rolling importer back to 3.0.0-rc.7");
      expect(all).toContain("@channel we're live Boards 3.0 is out.");
      expect(all).toContain("end of day: 4,100 sign-ups today.");
      // The messages keep their own lines: a speaker's next message is not glued to the last one.
      expect(all).not.toMatch(/errors on import 3/);
    });
  }

  it("reads speaker prefixes on the message's line (IRC, Teams, WhatsApp) and keeps the message", () => {
    const body = [
      "[10:02] Ana: we shipped the fix",
      "[10:05] Ben Ode: great, 12 tickets closed",
      "12/03/2026, 10:09 - Ana: Thanks :+1:",
    ].join("\n");
    const all = sentencesOf(body, "text/plain").join("\n");
    expect(all).toContain("we shipped the fix");
    expect(all).toContain("great, 12 tickets closed");
    expect(all).toContain("Thanks");
    expect(all).not.toMatch(/\[10:0|Ana:|Ben Ode|:\+1:|12\/03\/2026/);
  });

  it("reads WhatsApp's '[28/11/2025, 08:03] Name: …' on long lines, a transcript's 'Name (00:01:02):', and drops '<Media omitted>'", () => {
    const chat = [
      "[28/11/2025, 07:58] Priya Shah: morning all :coffee: Black Friday code is live, site holding up well so far this morning",
      "[28/11/2025, 08:03] Jonah Price: packing bench ready :package: 212 orders in the queue already",
      "<Media omitted>",
    ].join("\n");
    const all = sentencesOf(chat, "text/plain").join("\n");
    expect(all).toContain("morning all Black Friday code is live, site holding up well so far this morning");
    expect(all).toContain("packing bench ready 212 orders in the queue already");
    expect(all).not.toMatch(/Priya|Jonah|28\/11|Media omitted|:package:/);
    const transcript = [
      "Ellen Fernbrook (00:00:04): Okay, let's start with carriers.",
      "Marcus Bell (00:01:02): And the complaints follow Evri.",
    ].join("\n");
    const said = sentencesOf(transcript, "text/plain").join("\n");
    expect(said).toContain("And the complaints follow Evri.");
    expect(said).not.toMatch(/Marcus Bell|00:01:02/);
  });

  it("reads 'Name — Yesterday at 4:12 PM' (Discord) as a speaker line", () => {
    const body = ["Ana Silva — Yesterday at 4:12 PM", "the banner is up", "", "Ben — Today at 9:01 AM", "rollback done"].join("\n");
    const all = sentencesOf(body, "text/plain").join("\n");
    expect(all).not.toMatch(/Ana Silva|Yesterday|Today at/);
    expect(all).toContain("rollback done");
  });

  it("leaves a note with one name-and-time line alone (one speaker line is no chat)", () => {
    const body = "Board call 10:30 AM\n\nRevenue rose 12% in Q3.";
    expect(sentencesOf(body, "text/plain").join("\n")).toContain("Board call 10:30 AM");
  });

  it("no speaker line, thread note or reaction becomes a figure, an event or a statement", () => {
    const a = analyseContextItem({ title: "slack", body: SLACK, mime: "text/plain" });
    const said = [...a.figures.map((f) => f.sentence), ...a.events.map((e) => e.sentence), ...a.statements.map((s) => s.text)].join("\n");
    expect(said).not.toMatch(/Theo Lind|Mira Okafor|AM|PM|exported|replies/);
    expect(a.events).toEqual([]);
  });

  it("a suggestion in the conversation is neither a risk nor an achievement", () => {
    const a = analyseContextItem({ title: "slack", body: SLACK, mime: "text/plain" });
    const banner = a.statements.filter((s) => s.text.startsWith("Let's put a banner")).map((s) => s.kind);
    expect(banner).not.toContain("risk");
    expect(banner).not.toContain("achievement");
    // "not fixed" is a problem, never an achievement.
    expect(a.statements.filter((s) => s.text.startsWith("not fixed.")).map((s) => s.kind)).toEqual(["issue"]);
  });
});

describe("a document's own fields are metadata", () => {
  it("sets a line of fields aside: no event, no next step, no sentence", () => {
    const body = [
      "# Launch retrospective",
      "",
      "Owner: Mira Okafor | Last updated: 2026-10-21 | Status: FINAL",
      "",
      "Boards 3.0 launched on 15 Sep 2026.",
      "",
      "Revenue: $4.2M | Margin: 46%",
    ].join("\n");
    const a = analyseContextItem({ title: "retro", body, mime: null });
    expect(a.events.map((e) => e.sentence).join("\n")).not.toContain("Owner");
    expect(a.statements.map((s) => s.text).join("\n")).not.toContain("Owner");
    expect(a.text).toContain("Owner: Mira Okafor"); // still in the clean text a person reads
    // Fields that are not a document's own (figures) stay content.
    expect(a.figures.map((f) => f.value)).toEqual(expect.arrayContaining(["$4.2M", "46%"]));
  });
});

describe("a chat's speakers are its people", () => {
  it("reads each speaker's name from WhatsApp, transcript and Slack headers", () => {
    expect(speakerName("[28/11/2025, 07:58] Priya Shah:")).toBe("Priya Shah");
    expect(speakerName("Marcus Bell (00:01:02):")).toBe("Marcus Bell");
    expect(speakerName("Theo Lind 11:58 AM")).toBe("Theo Lind");
    expect(speakerName("Ana Silva — Yesterday at 4:12 PM")).toBe("Ana Silva");
    expect(speakerName("[10:02] Ana:")).toBe("Ana");
    // A handle names no one a reader would call by name.
    expect(speakerName("[10:02] theo.lind:")).toBeNull();
  });

  it("gives the fact model each speaker as a person, and a speaker's first name used in the text", () => {
    const body = [
      "[28/11/2025, 07:58] Priya Shah: morning all, Black Friday code is live",
      "[28/11/2025, 08:03] Jonah Price: packing bench ready, 212 orders in the queue",
      "[28/11/2025, 08:05] Priya Shah: Jonah can you take the Evri collection?",
    ].join("\n");
    const a = analyseContextItem({ title: "team-chat.txt", body, mime: "text/plain" });
    const kind = (n: string) => a.entities.find((e) => e.name === n)?.kind;
    expect(kind("Priya Shah")).toBe("person");
    expect(kind("Jonah Price")).toBe("person");
    expect(kind("Jonah")).toBe("person");
    // The speakers stay out of the sentences: they are metadata.
    expect(a.statements.map((x) => x.text).join("\n")).not.toMatch(/Priya Shah:/);
    // A note with one time line is no chat and names no speakers.
    const note = analyseContextItem({ title: "n.md", body: "Board call 10:30 AM\n\nRevenue rose 18%.", mime: null });
    expect(note.entities.some((e) => e.kind === "person")).toBe(false);
  });
});

describe("a transcript written as 'Name (role): …' is a conversation", () => {
  it("reads its turns without timestamps, the speakers as people, each turn with who said it", () => {
    const body = [
      "Parents' forum, 12 May",
      "",
      "Gwen Lloyd (chair): Thanks for coming. The breakfast club has 38 children on the waiting list",
      "Ade (treasurer): We can fund one more helper from September.",
      "Gwen Lloyd (chair): Can we ask the council for the rest?",
      "Ade: I will write to them this week.",
    ].join("\n");
    const a = analyseContextItem({ title: "forum-notes.txt", body, mime: "text/plain" });
    expect(a.conversation).toBe(true);
    const kind = (n: string) => a.entities.find((e) => e.name === n)?.kind;
    expect(kind("Gwen Lloyd")).toBe("person");
    expect(kind("Ade")).toBe("person");
    const said = a.blocks.flatMap((b) => b.sentences);
    expect(said).toContain("Ade (treasurer): We can fund one more helper from September.");
  });

  it("leaves options and labelled values with a parenthesis alone", () => {
    const body = [
      "Option A (towpath upgrade): widens the towpath to 4 m.",
      "Option B (protected lane): a kerb-separated lane.",
      "Cost (total): £4.1m",
      "Cost (phase one): £2.2m",
    ].join("\n");
    const a = analyseContextItem({ title: "options.txt", body, mime: "text/plain" });
    expect(a.conversation).toBeUndefined();
  });
});

describe("a chat export whose speakers carry their team or role", () => {
  // Teams and Google Chat add the speaker's department: "[02/11/2026 08:12] Priya Shah (Ops)",
  // over the message or before it on the same line.
  const OVER = [
    "Team chat — pool works",
    "",
    "[02/11/2026 08:12] Priya Shah (Ops)",
    "morning all, lanes 1-3 reopened for the club on Friday",
    "",
    "[02/11/2026 08:15] Tom Reyes (Duty manager)",
    "has anyone checked the lifeguard rota for December?",
  ].join("\n");
  const INLINE = [
    "[02/11/2026 08:12] Priya Shah (Ops) morning all, lanes 1-3 reopened for the club on Friday",
    "[02/11/2026 08:15] Tom Reyes (Duty manager): has anyone checked the lifeguard rota for December?",
  ].join("\n");

  it.each([
    ["over the message", OVER],
    ["on the message's line", INLINE],
  ])("is a conversation with its speakers as people, each message its own sentence (%s)", (_, body) => {
    const a = analyseContextItem({ title: "team-chat.txt", body, mime: "text/plain" });
    expect(a.conversation).toBe(true);
    const sentences = a.blocks.flatMap((b) => (b.kind === "heading" ? [] : b.sentences));
    expect(sentences.some((s) => s.startsWith("morning all, lanes 1-3 reopened"))).toBe(true);
    expect(sentences.join(" ")).not.toMatch(/\[02\/11\/2026|Priya Shah \(Ops\)/);
    expect(a.entities.filter((e) => e.kind === "person").map((e) => e.name)).toEqual(expect.arrayContaining(["Priya Shah", "Tom Reyes"]));
  });

  it("reads the speaker's name without the role", () => {
    expect(speakerName("[02/11/2026 08:12] Priya Shah (Ops)")).toBe("Priya Shah");
    expect(speakerName("[02/11/2026 08:15] Tom Reyes (Duty manager):")).toBe("Tom Reyes");
  });
});

describe("a chat export whose speaker lines carry a date after or before the time", () => {
  // A pottery studio's Slack channel: "Name  9:02 AM (Mon 26 Oct)" and "Name — Mon 26 Oct 11:58".
  const KILN = [
    "#kiln-room",
    "",
    "Priya Nair  9:02 AM (Mon 26 Oct)",
    "kiln 2 tripped again overnight, the glaze load is ruined",
    "",
    "Tomas Berg — Mon 26 Oct 11:58",
    "swapped the thermocouple, firing at 1,180°C now",
    "",
    "Priya Nair  2:15 PM (Mon 26 Oct)",
    "thanks! next load goes in tomorrow",
  ].join("\n");

  it("is a chat: the speaker lines are metadata, the messages its sentences, the speakers its people", () => {
    const a = analyseContextItem({ title: "kiln.txt", body: KILN, mime: "text/plain" });
    expect(a.conversation).toBe(true);
    const said = a.blocks.flatMap((b) => b.sentences);
    expect(said).toContain("swapped the thermocouple, firing at 1,180°C now");
    expect(said.join("\n")).not.toMatch(/Priya Nair|Tomas Berg|Mon 26 Oct|9:02 AM/);
    expect(a.events.map((e) => e.sentence).join("\n")).not.toMatch(/Mon 26 Oct/);
    const people = a.entities.filter((e) => e.kind === "person").map((e) => e.name);
    expect(people).toEqual(expect.arrayContaining(["Priya Nair", "Tomas Berg"]));
  });

  it("reads the speaker's name without the date", () => {
    expect(speakerName("Dana Reyes  9:02 AM (Mon 26 Oct)")).toBe("Dana Reyes");
    expect(speakerName("Theo Lind — Mon 26 Oct 11:58")).toBe("Theo Lind");
    expect(speakerName("Ana Silva — Tuesday, 3 November 2026 at 4:12 PM")).toBe("Ana Silva");
  });
});

describe("a call transcript whose turns are opened by the speakers' initials", () => {
  const CALL = [
    "Depot review — phone call, Monday 9 November 2026",
    "Present: Lena Marsh (LM), Omar Haddad (OH, fleet lead), Rita Sousa (RS)",
    "",
    "LM: Recording is on. Omar, what did the drivers tell you?",
    "OH: Most of them said the new rota works, but the night shift wants a second break.",
    "RS: The Eastfield drivers said the same about breaks.",
    "LM: And the vans?",
    "OH: Two vans failed their checks last week; parts take ten days.",
  ].join("\n");

  it("is a conversation, so it is internal unless said otherwise", () => {
    expect(analyseContextItem({ title: "depot-call.txt", body: CALL, mime: "text/plain" }).conversation).toBe(true);
  });

  it("leaves a note with a few capitalised labels alone", () => {
    const note = ["UK: revenue up 4%.", "US: flat.", "EU: down 2%.", "Next review in March."].join("\n");
    expect(analyseContextItem({ title: "regions.txt", body: note, mime: "text/plain" }).conversation).toBeUndefined();
  });
});

describe("a recorded call's transcript whose turns open with the speakers' full names", () => {
  // A WebVTT caption file as Zoom or Teams saves it: cue numbers and timings between the turns.
  const VTT = [
    "WEBVTT",
    "NOTE Teams meeting transcript — parents' evening planning",
    "",
    "1",
    "00:00:02.100 --> 00:00:07.400",
    "Amira Cole: Right, is everyone here? Let's start with the hall booking.",
    "",
    "2",
    "00:00:08.000 --> 00:00:19.250",
    "Tomasz Wren: The hall is free on the 12th, but the caretaker wants £140 for the evening.",
    "",
    "3",
    "00:00:19.900 --> 00:00:26.000",
    "Amira Cole: That's more than last year. Can we ask the head?",
    "",
    "4",
    "00:00:26.300 --> 00:00:33.800",
    "Tomasz Wren: I'll ask her on Monday.",
  ].join("\n");

  // A meeting tool's transcript: a header naming who attended, a bare timestamp now and then.
  const MEET = [
    "Allotment committee — AGM debrief",
    "Transcript",
    "Attendees: Ruth Okoye, Ben Falla, Sian Price (treasurer)",
    "",
    "00:00:00",
    "",
    "Ruth Okoye: Thanks everyone. Sian, the accounts first?",
    "",
    "Sian Price: We ended the year £312 up, and 41 of 48 plots are let.",
    "",
    "Ben Falla: The waiting list is down to nine.",
    "",
    "00:04:10",
    "",
    "Ruth Okoye: Good. Anything on the water bill?",
    "",
    "Sian Price: It went up 18%, so we should raise it at the next meeting.",
  ].join("\n");

  it("is a conversation, so it is internal unless said otherwise", () => {
    expect(analyseContextItem({ title: "planning.vtt", body: VTT, mime: "text/plain" }).conversation).toBe(true);
    expect(analyseContextItem({ title: "agm-debrief.txt", body: MEET, mime: "text/plain" }).conversation).toBe(true);
  });

  it("leaves a timed agenda or a note of labelled lines alone", () => {
    const agenda = [
      "Volunteer day — running order",
      "",
      "09:00",
      "Welcome Talk: the chair opens the day in the main hall.",
      "10:30",
      "Garden Tour: meet at the gate for the walk round the beds.",
      "12:00",
      "Lunch Break: soup and bread in the pavilion.",
      "14:00",
      "Seed Swap: bring labelled packets.",
    ].join("\n");
    expect(analyseContextItem({ title: "running-order.txt", body: agenda, mime: "text/plain" }).conversation).toBeUndefined();
    const note = [
      "Site notes",
      "",
      "09:00",
      "Main Hall: heating fixed on Monday.",
      "Main Hall: new chairs still on order.",
      "Side Room: projector needs a cable.",
      "Side Room: blinds repaired.",
    ].join("\n");
    expect(analyseContextItem({ title: "site-notes.txt", body: note, mime: "text/plain" }).conversation).toBeUndefined();
  });
});
