import { describe, expect, it } from "vitest";
import {
  isAnaphoric,
  isDirective,
  isImperative,
  isLabelFragment,
  isLetterRequest,
  isSalutation,
  isStatementSentence,
  stepSentence,
} from "./sentence-kinds.js";

describe("sentence kinds", () => {
  it("knows a letter's courtesy from a statement", () => {
    for (const t of ["Hi team,", "Hi Ingrid, here are the numbers.", "Dear Ines,", "Thank you for the draft report.", "Best regards,"])
      expect(isSalutation(t), t).toBe(true);
    expect(isSalutation("Thanks to the new walking bus, attendance recovered to 66%.")).toBe(false);
  });

  it("knows a message speaking of itself — what it forwards, attaches or points below to — from a statement", () => {
    for (const t of [
      "Forwarding Harlow's revised offer below.",
      "See below for the full thread.",
      "I've attached the signed quote.",
      "Attaching the minutes from Tuesday.",
      "Please find the paper attached.",
    ])
      expect(isLetterRequest(t), t).toBe(true);
    for (const t of [
      "The revised offer below our budget was accepted.",
      "Attendance fell below 60% in March.",
      "We attached sensors to all 14 pumps.",
    ])
      expect(isLetterRequest(t), t).toBe(false);
  });

  it("knows an order from a statement, even when the verb is also a noun", () => {
    expect(isImperative("Run phonics training for volunteers on 14 November 2026.")).toBe(true);
    expect(isImperative("Add a migration check to the deploy pipeline (owner: Priya, due 31 October 2026).")).toBe(true);
    expect(isImperative("Release 3.14.2 went out on 8 October 2026.")).toBe(false);
    expect(isImperative("Revenue reached $4.2 million.")).toBe(false);
  });

  it("knows a label with a note from a sentence with a colon", () => {
    expect(isLabelFragment("Price: $49 per agent per month on the Growth plan, billed annually.")).toBe(true);
    expect(isLabelFragment("HelpHarbor: SOC 2 Type I only; a Type II audit is planned for Q2 2027.")).toBe(true);
    expect(isLabelFragment("Millbrook is our newest site: it opened in January 2025.")).toBe(false);
  });

  it("says a dated step as a sentence, its words unchanged, or not at all", () => {
    expect(stepSentence("Run phonics training for volunteers on 14 November 2026.")).toBe(
      "The next step is to run phonics training for volunteers on 14 November 2026.",
    );
    expect(stepSentence("The pilot launches in Oslo on 15 November 2026.")).toBe("The pilot launches in Oslo on 15 November 2026.");
    expect(stepSentence("HelpHarbor: SOC 2 Type I only; a Type II audit is planned for Q2 2027.")).toBeNull();
    expect(isStatementSentence("Price: $49 per agent per month.")).toBe(false);
    expect(isStatementSentence("$39 per agent per month on Pro, but the API is limited.")).toBe(false);
    expect(isStatementSentence("38 said they would volunteer again next year.")).toBe(true);
  });
});

describe("isAnaphoric", () => {
  it("finds sentences that point back to the one before", () => {
    for (const t of [
      "After these two adjustments the net surplus for the year is £18,000.",
      "3. After these two adjustments the net surplus is £18,000.",
      "This means the importer was down for most of the day.",
      "However, sign-ups kept growing.",
      "They asked for a rental option.",
      "As a result, costs rose 11%.",
      "And the complaints follow Evri.",
    ])
      expect(isAnaphoric(t), t).toBe(true);
  });
  it("leaves sentences that stand alone", () => {
    for (const t of [
      "This year revenue reached $4.2 million.",
      "Total income reached £960,450, up 13.2%.",
      "After the audit the final enrolment is 438 children.",
      "Theo's importer fix shipped on 6 November.",
      "Thessaly Foods signed in May.",
      "So far, 40 schools have signed up.",
    ])
      expect(isAnaphoric(t), t).toBe(false);
  });

  it("knows an instruction to the writer or a 'between us' aside from content", () => {
    for (const t of [
      "Tone: upbeat but not salesy.",
      "Word count: about 300.",
      "Don't promise free upgrades.",
      "Please never mention the pilot customer by name.",
      "Avoid quoting the discount.",
      "Between us: the Leeds office may close next year.",
      "Please keep that out of the newsletter.",
      "Not a word about the merger anywhere public until Monday.",
      "This stays in the team for now.",
    ])
      expect(isDirective(t), t).toBe(true);
    for (const t of [
      "The tone of the meeting was positive.",
      "We do not mention prices on sales calls, by policy.",
      "Customers never mention the app's speed as a reason to leave.",
      "Keep-out zones around the cranes were marked on 3 May.",
      "Revenue stays in line with the plan.",
    ])
      expect(isDirective(t), t).toBe(false);
  });
});
