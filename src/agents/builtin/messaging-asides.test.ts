import { describe, expect, it } from "vitest";
import { saysWhatToSay, withoutMessagingAside } from "./messaging-asides.js";

describe("an aside about what to say in public", () => {
  it("goes, and the news it follows stays", () => {
    expect(
      withoutMessagingAside(
        'The museum\'s east wing closes from 6 January and reopens in summer — we are telling visitors "July" publicly until the builder confirms.',
      ),
    ).toBe("The museum's east wing closes from 6 January and reopens in summer.");
    expect(withoutMessagingAside("Prices rise by 4% in March (don't mention the exact date to customers yet).")).toBe(
      "Prices rise by 4% in March.",
    );
  });

  it("leaves a sentence alone when its aside states the news or the whole sentence is the messaging", () => {
    const news = "The ferry runs every 30 minutes — the first boat leaves at 06:10.";
    expect(withoutMessagingAside(news)).toBe(news);
    const whole = "We are announcing the new fares publicly on 3 May — the board wants it that way.";
    expect(withoutMessagingAside(whole)).toBe(whole);
    expect(saysWhatToSay(whole)).toBe(true);
  });

  it("is not every sentence about the public", () => {
    expect(saysWhatToSay("The public library opens on Sundays from March.")).toBe(false);
    expect(saysWhatToSay("Customers told us they want later opening hours.")).toBe(false);
  });
});
