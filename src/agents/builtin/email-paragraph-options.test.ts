// Options an e-mail describes one paragraph each after a lead-in that counts them ("Three options,
// all for Saturday sessions:"), each paragraph naming its option in its own way ("The Millbrook Scout
// Hut will let us …", "Harbourline Hire have come back on …", "The Quaker Meeting House is the
// cheapest …"): one row per paragraph, cells from its own sentences; the speakers of a panel
// transcript in the same project are never the rows of a comparison of options (issue 11).
import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../ingest/analyse.js";
import type { SourceItem } from "./insights.js";
import { comparison, rowNames, rowOf } from "../../../test/helpers/compose-fixtures.js";

const upload = (id: string, title: string, body: string, mime: string): SourceItem => ({
  id,
  title,
  internal: true,
  analysis: analyseContextItem({ title, body, mime }),
});

const MAIL = upload(
  "m1",
  "venue-options-email.txt",
  [
    "From: Ruth Okonedo <ruth@fixitcafe.example>",
    "To: Callum Reid <callum@fixitcafe.example>",
    "Date: Tue, 14 April 2026 09:12",
    "Subject: RE: Saturday repair sessions in Dunmere",
    "",
    "Hi Callum,",
    "",
    "Here's where we've got to. Three options, all for Saturday sessions:",
    "",
    "The Millbrook Scout Hut will let us the main room at £120 per Saturday. Room for 12 repair benches, and there's a kitchen we can use; they can start on 6 June. Downside: no parking on site, and the wifi is patchy.",
    "",
    "Harbourline Hire have come back on the mobile workshop trailer: £1,400 a month on an 18-month lease. That's the revised price, not the £1,650 in their first quote, because we dropped the generator. It takes 6 benches and could be on the road from 1 July. We'd need somewhere to park it during the week.",
    "",
    "The Quaker Meeting House is the cheapest at £60 per Saturday and has space for 10 benches from 16 May. But the room is in the basement, down a steep stair, so it isn't step-free.",
    "",
    "Let me know which you'd like me to chase.",
    "",
    "Ruth",
    "",
    "--",
    "Ruth Okonedo | Volunteer coordinator | Fixit Café Dunmere",
    "07700 900123",
    "",
    "> On 10 April, Callum Reid wrote:",
    "> Any news on the venues? The board meets on the 20th.",
  ].join("\n"),
  "text/plain",
);

const PANEL = upload(
  "p1",
  "volunteer-panel.vtt",
  [
    "WEBVTT",
    "",
    "00:00:01.000 --> 00:00:09.000",
    "Greta Lindholm (host): Welcome everyone, tonight we're talking about what keeps volunteers coming back.",
    "",
    "00:00:10.000 --> 00:00:19.000",
    "Sam Adeyemi (student): Honestly, the training evenings. I learnt soldering there and now I teach it.",
    "",
    "00:00:20.000 --> 00:00:29.000",
    "Joan Pritchard (retired engineer): For me it's the people. I come for the tea as much as the toasters.",
    "",
    "00:00:30.000 --> 00:00:39.000",
    "Wei Chen (parent): Saturday mornings suit us, my kids come along and sort screws.",
    "",
    "00:00:40.000 --> 00:00:49.000",
    "Tomasz Nowak (carpenter): Whatever venue we pick, it needs step-free access for the heavy items.",
    "",
    "00:00:50.000 --> 00:00:59.000",
    "Greta Lindholm (host): Thank you all, that's a great place to stop.",
  ].join("\n"),
  "text/vtt",
);

const TOPIC = "the three options for Saturday repair sessions in Dunmere";

describe("options described one paragraph each in an e-mail, beside a panel transcript", () => {
  it("gives one row per paragraph's option, never the panel's speakers", () => {
    const md = comparison([MAIL, PANEL], TOPIC);
    const names = rowNames(md);
    expect(names).toHaveLength(3);
    expect(names.some((n) => /Scout Hut/.test(n))).toBe(true);
    expect(names.some((n) => /Harbourline|trailer/i.test(n))).toBe(true);
    expect(names.some((n) => /Quaker Meeting House/.test(n))).toBe(true);
    for (const who of ["Greta", "Sam", "Joan", "Wei", "Tomasz", "student", "host"])
      expect(md).not.toMatch(new RegExp(`\\| \\*\\*[^*]*${who}`));
  });

  it("fills each row from its own paragraph, the revised price with the old one noted", () => {
    const md = comparison([MAIL, PANEL], TOPIC);
    const row = (re: RegExp) => rowOf(md, rowNames(md).find((n) => re.test(n)) ?? "§");
    expect(row(/Scout Hut/)).toContain("£120 per Saturday");
    expect(row(/Scout Hut/)).toMatch(/12 repair benches/);
    expect(row(/Scout Hut/)).toMatch(/6 June/);
    expect(row(/Scout Hut/)).toMatch(/no parking/);
    expect(row(/Harbourline|trailer/i)).toContain("£1,400 a month");
    expect(row(/Harbourline|trailer/i)).toContain("£1,650");
    expect(row(/Quaker/)).toContain("£60 per Saturday");
    expect(row(/Quaker/)).toMatch(/step-free|steep stair/);
    expect(row(/Quaker/)).not.toContain("£120");
    // (Its price cell is its price: the space it has is a term of its own.)
    expect(row(/Quaker/)).not.toMatch(/£60 per Saturday and has space/);
  });

  it("never makes a transcript's speakers the rows of a comparison of options, alone", () => {
    const md = comparison([PANEL], "the options for Saturday repair sessions");
    for (const who of ["Greta", "Sam", "Joan", "Wei", "Tomasz"]) expect(rowNames(md).join(" ")).not.toContain(who);
    // (Not even where the topic's words are the transcript's title: its turns are no labelled list.)
    const panel = comparison([PANEL], "the volunteer panel's venue options");
    for (const who of ["Greta", "Sam", "Joan", "Wei", "Tomasz"]) expect(rowNames(panel).join(" ")).not.toContain(who);
  });
});
