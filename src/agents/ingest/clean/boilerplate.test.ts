import { describe, expect, it } from "vitest";
import { analyseContextItem } from "../analyse.js";
import { isSalutationLine } from "./boilerplate.js";
import { cleanContextItem } from "./clean-item.js";

/** Every sentence the fact extractor reads (paragraphs, list items, quotes), and heading texts. */
function read(item: { title: string; body: string; mime?: string | null }): { sentences: string[]; headings: string[]; text: string } {
  const clean = cleanContextItem(item);
  return {
    sentences: clean.blocks.flatMap((b) => b.sentences),
    headings: clean.blocks.filter((b) => b.kind === "heading").map((b) => b.text),
    text: clean.text,
  };
}

const EMAIL = [
  "From: Maren Oduya <grants@foundation.example>",
  "To: Ines Barros <ines@riverbend.example>",
  "Cc: board@riverbend.example",
  "Subject: Grant report due 15 January 2027",
  "Date: 12 Nov 2026",
  "",
  "Dear Ines,",
  "",
  "Before we can release the second instalment of $95,000 we need the final report by 15 January 2027.",
  "Date of launch: 15 November 2026.",
  "",
  "Best regards,",
  "Maren Oduya",
  "Programme Officer, Aldervik Foundation",
  "+47 22 33 44 55",
  "",
  "This e-mail and any attachments are confidential and intended solely for the addressee. If you received it in error, please delete it.",
].join("\n");

describe("e-mail headers, signatures and footers are metadata, not content", () => {
  for (const mime of ["text/plain", "text/markdown", null]) {
    it(`keeps a header block at the top out of the sentences (${mime ?? "note"})`, () => {
      const { sentences, headings, text } = read({ title: "", body: EMAIL, mime });
      const all = [...sentences, ...headings].join("\n");
      for (const gone of [
        "From:",
        "To:",
        "Cc:",
        "Subject:",
        "Date: 12 Nov",
        "Best regards",
        "Maren Oduya",
        "Programme Officer",
        "+47",
        "confidential",
      ]) {
        expect(all).not.toContain(gone);
      }
      expect(sentences).toContain("Before we can release the second instalment of $95,000 we need the final report by 15 January 2027.");
      // A field-like line inside the body is content.
      expect(sentences).toContain("Date of launch: 15 November 2026.");
      // Shown to people (and to a model reading the clean text) as written.
      expect(text).toContain("Subject: Grant report due 15 January 2027");
      expect(text).toContain("Best regards");
    });
  }

  it("gives an untitled item the subject as its title and the header's date as its document date", () => {
    const analysis = analyseContextItem({ title: "", body: EMAIL, mime: "text/plain" });
    expect(analysis.title).toBe("Grant report due 15 January 2027");
    expect(analysis.document_date).toBe("12 Nov 2026");
    expect(analysis.events.map((e) => e.sentence).join("\n")).not.toContain("Date: 12 Nov 2026");
    const titled = analyseContextItem({ title: "email.txt", body: EMAIL, mime: "text/plain" });
    expect(titled.title).toBe("email.txt");
  });

  it("keeps a quoted reply's header out, and the quoted content in", () => {
    const body = [
      "Thanks, the revised plan works for us.",
      "",
      "On 12 Nov 2026, Ana Lima <ana@example.com> wrote:",
      "> We moved the launch to 3 March 2027.",
      "",
      "-----Original Message-----",
      "From: Ana Lima",
      "Sent: Tuesday, 10 November 2026 09:12",
      "To: Tom Berge",
      "Subject: RE: launch",
      "",
      "The budget is $40,000.",
    ].join("\n");
    for (const mime of ["text/plain", "text/markdown"]) {
      const { sentences, headings } = read({ title: "Thread", body, mime });
      const all = [...sentences, ...headings].join("\n");
      for (const gone of ["wrote:", "Original Message", "From:", "Sent:", "To: Tom", "Subject:"]) expect(all).not.toContain(gone);
      expect(sentences).toEqual([
        "Thanks, the revised plan works for us.",
        "We moved the launch to 3 March 2027.",
        "The budget is $40,000.",
      ]);
    }
  });

  it("recognises an Outlook reply header below the text without a separator line", () => {
    const { sentences, headings } = read({
      title: "Thread",
      mime: null,
      body: "Sounds good to me.\n\nFrom: Ana Lima\nSent: Tuesday, 10 November 2026 09:12\nTo: Tom Berge\nSubject: plan\n\nThe plan is approved for $12,000.",
    });
    expect([...sentences, ...headings]).toEqual(["Sounds good to me.", "The plan is approved for $12,000."]);
  });

  it("ends a signature at '-- ' and drops mobile footers", () => {
    const { sentences, headings } = read({
      title: "n",
      mime: "text/plain",
      body: "Revenue grew 12% in Q3.\n\n-- \nTom Berge\nHelpHarbor AS, Storgata 1, 0155 Oslo\n\nSent from my iPhone",
    });
    expect([...sentences, ...headings]).toEqual(["Revenue grew 12% in Q3."]);
  });

  it("drops a mail gateway's external-sender banner, keeps a sentence that warns about something else", () => {
    const { sentences, headings } = read({
      title: "n",
      mime: "text/plain",
      body: "CAUTION: This email originated from outside of the organisation. Do not click links or open attachments unless you recognise the sender.\n\n[EXTERNAL] Do not click links unless you trust the sender.\n\nThe ban starts on 21 July.\n\nCaution: this message is about the A38 closure, which starts on 4 May.",
    });
    expect([...sentences, ...headings]).toEqual([
      "The ban starts on 21 July.",
      "Caution: this message is about the A38 closure, which starts on 4 May.",
    ]);
  });

  it("keeps sign-off words that are part of a sentence, and header-like lines below the top", () => {
    const { sentences } = read({
      title: "Notes",
      mime: null,
      body: "Thanks to the volunteers, attendance rose 14%.\n\nSubject: the spring term review.\nFrom: January, the site opens on Saturdays.\n\nRegards to the board are in the minutes: they approved $12,000.",
    });
    expect(sentences).toEqual([
      "Thanks to the volunteers, attendance rose 14%.",
      "Subject: the spring term review.",
      "From: January, the site opens on Saturdays.",
      "Regards to the board are in the minutes: they approved $12,000.",
    ]);
  });
});

describe("link-only lines and calls to action are navigation, not content", () => {
  it("keeps a Markdown line or list item that is only a link out of the sentences", () => {
    const { sentences, text } = read({
      title: "Report",
      mime: null,
      body: "We spent $184,600 of the grant.\n\n[Download the full accounts](https://example.org/accounts.pdf)\n\n- [Annual report 2025](https://example.org/ar)\n- [Contact us](mailto:a@b.example) | [Privacy](https://example.org/p)\n- See [the invoice](https://example.org/i) for the breakdown.\n\nhttps://example.org/unsubscribe",
    });
    expect(sentences).toEqual(["We spent $184,600 of the grant.", "See the invoice for the breakdown."]);
    expect(text).toContain("Download the full accounts");
    expect(text).not.toMatch(/[\uE000\uE001]/);
  });

  it("keeps an HTML link alone on its line out of the sentences, a link inside a sentence in", () => {
    const { sentences } = read({
      title: "Report",
      mime: null,
      body: '<p>Attendance rose 14% at <a href="https://x.example">Millbrook</a> this term.</p>\n<p><a href="javascript:alert(1)">Download the full accounts</a></p>',
    });
    expect(sentences).toEqual(["Attendance rose 14% at Millbrook this term."]);
  });

  it("drops bare calls to action, keeps action items that name work", () => {
    const { sentences, headings } = read({
      title: "Newsletter",
      mime: "text/plain",
      body: "The clinic opened on 3 March 2026 and served 1,200 patients.\n\nRead more »\n\nClick here\n\nView online\n\nUnsubscribe\n\n- Download the Q3 report and check the margin figures by Friday.\n- Read the security review before the 15 December meeting.",
    });
    expect([...sentences, ...headings]).toEqual([
      "The clinic opened on 3 March 2026 and served 1,200 patients.",
      "Download the Q3 report and check the margin figures by Friday.",
      "Read the security review before the 15 December meeting.",
    ]);
  });

  it("keeps headings the author wrote and short statements that start like a call to action", () => {
    const { sentences, headings } = read({
      title: "Review",
      mime: null,
      body: "## Register audit\n\nThe audit found 26 children missing.\n\n## [Q3 results](https://example.org/q3)\n\n- Download speeds doubled\n- Start date moved\n- Share of repeat buyers rose",
    });
    expect(headings).toEqual(["Register audit", "Q3 results"]);
    expect(sentences).toEqual([
      "The audit found 26 children missing.",
      "Download speeds doubled",
      "Start date moved",
      "Share of repeat buyers rose",
    ]);
  });
});

describe("a letter's greeting is set aside like its header", () => {
  it("keeps greeting lines and a greeting that opens a line out of the sentences, the message in", () => {
    const body = [
      "Dear Ines,",
      "",
      "Thank you for the draft report. We need the final report by 15 January 2027.",
      "",
      "> Hi Marcus, can you sanity-check the returns number? The draft says 9.4% of orders.",
      "",
      "Hi all!",
      "",
      "Hello team,",
      "",
      "Hi-vis jackets sold 1,200 units in October.",
      "",
      "Hello world is the first program most people write.",
    ].join("\n");
    for (const mime of ["text/plain", "text/markdown"]) {
      const { sentences, text } = read({ title: "Mail", body, mime });
      const all = sentences.join("\n");
      expect(all).not.toMatch(/Dear Ines|Hi Marcus|Hi all|Hello team/);
      expect(sentences).toContain("can you sanity-check the returns number?");
      expect(all).toContain("We need the final report by 15 January 2027.");
      expect(all).toContain("Hi-vis jackets sold 1,200 units in October.");
      expect(all).toContain("Hello world is the first program most people write.");
      // Set aside, not deleted: the clean text a person reads still has the greeting.
      expect(text).toContain("Dear Ines,");
    }
  });
  it("tells a greeting line from content", () => {
    expect(isSalutationLine("Dear Ines,")).toBe(true);
    expect(isSalutationLine("Hi Ingrid,")).toBe(true);
    expect(isSalutationLine("Good morning everyone,")).toBe(true);
    expect(isSalutationLine("Hi Priya")).toBe(true);
    expect(isSalutationLine("Hi-vis jackets")).toBe(false);
    expect(isSalutationLine("Dear customers were asked twice.")).toBe(false);
    expect(isSalutationLine("hello world is a program")).toBe(false);
  });
});

describe("a printed document's running footer is set aside", () => {
  it("keeps 'Page 2 of 5' and a company registration line out of the sentences, the content in", () => {
    const body = [
      "Monthly progress report",
      "",
      "The steel frame was topped out on 12 February 2026, two weeks late.",
      "Arden Vale Construction Ltd · Registered in England No. 04417731              Page 2 of 5",
      "The roof is 62% complete.",
      "- 3 -",
      "Page 4 of 5",
      "We read page 4 of the contract again before signing.",
    ].join("\n");
    for (const mime of ["text/plain", "text/markdown"]) {
      const { sentences } = read({ title: "Report", body, mime });
      const all = sentences.join("\n");
      expect(all).not.toMatch(/Page \d of \d|Registered in England|^- 3 -$/m);
      expect(all).toContain("The roof is 62% complete.");
      expect(all).toContain("We read page 4 of the contract again before signing.");
    }
  });
});

describe("a committee paper's header and footer are set aside (round 10, lead)", () => {
  it("drops the agenda header, 'Report of …', 'Ward(s) affected:' and the contact footer; keeps the paper's content", () => {
    const { sentences } = read({
      title: "consultation-report.pdf",
      mime: "text/plain",
      body: [
        "ASHGROVE BOROUGH COUNCIL — Item 7 — Cabinet, 10 December 2026",
        "",
        "Report of the Director of Place. Ward(s) affected: Riverside, Millgate, St Anne's.",
        "",
        "We received 2,847 responses: 2,310 online surveys and 412 paper forms.",
        "",
        "A report of the working group is due in March.",
        "",
        "Contact officer: R. Hussain, Transport Planning · Ref: CAB/26/112 · Page 1",
      ].join("\n"),
    });
    expect(sentences).toEqual([
      "We received 2,847 responses: 2,310 online surveys and 412 paper forms.",
      "A report of the working group is due in March.",
    ]);
  });
});

describe("a raw message's transport fields and a name signing off are no headings", () => {
  it("sets aside Return-Path, Message-ID, MIME-Version and X- fields with the header, and a lone first name before the reply", () => {
    const body = [
      "Return-Path: <olu@tarnmoor.example>",
      "Message-ID: <77af.0012@mx.tarnmoor.example>",
      "MIME-Version: 1.0",
      "X-Mailer: Apple Mail (2.3774)",
      "From: Olu Bankole <olu@tarnmoor.example>",
      "To: site-team@tarnmoor.example",
      "Subject: RE: scaffold hire",
      "",
      "Hiya,",
      "",
      "Scaffold hire is booked for 6 weeks at £4,300, starting Monday.",
      "",
      "Olu",
      "",
      "On 2 Feb 2026, at 10:04, Kasia Nowak <kasia@tarnmoor.example> wrote:",
      "",
      "> Can someone confirm the scaffold dates?",
      ">",
      "> — Kasia",
    ].join("\n");
    const { sentences, headings } = read({ title: "", body, mime: "text/plain" });
    const all = [...sentences, ...headings].join("\n");
    for (const gone of ["Return-Path", "Message-ID", "MIME-Version", "X-Mailer", "Apple Mail"]) expect(all).not.toContain(gone);
    expect(headings).not.toContain("Olu");
    expect(all).not.toMatch(/^(?:— )?Kasia$/m);
    expect(sentences).toContain("Scaffold hire is booked for 6 weeks at £4,300, starting Monday.");
  });

  it("keeps a one-word heading that opens its section", () => {
    const body = ["Our plan for spring is set.", "", "Budget", "", "Scaffold hire costs £4,300 for 6 weeks."].join("\n");
    expect(read({ title: "", body, mime: "text/plain" }).headings).toContain("Budget");
  });
});

describe("a system's line of fields", () => {
  it("is set aside: a bot's notice naming a record id and a status value is no content", () => {
    const r = read({
      title: "shop floor log",
      body: [
        "Nadia: the Thursday pick-up moved to 7am, drivers are happier.",
        "",
        "New pick #WH-20931 · Fenwick Deli · 4 × crate 12L · state: awaiting_pickup",
        "",
        "Nightly sync done · svc_stock_api · 3 records merged",
        "",
        "Sales · Fenwick Deli · Harbour Row · Millbank",
      ].join("\n"),
    });
    expect(r.sentences.join(" ")).not.toMatch(/awaiting_pickup|svc_stock_api|WH-20931/);
    expect(r.sentences.join(" ")).toMatch(/pick-up moved to 7am/);
    // A line of names with no identifier is left to the rest of the cleaner.
    expect(r.sentences.join(" ")).toMatch(/Harbour Row/);
  });
});
