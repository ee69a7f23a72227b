// A note read from a chat export: its stamp and speaker are no part of what is said about the option,
// and two turns run together into one sentence are two remarks. Invented examples.
import { describe, expect, it } from "vitest";
import { chatTurnAbout } from "./chat-turns.js";

const people = new Set(["marta", "dev", "olu", "ines"]);

describe("chatTurnAbout: the turn of a chat line that speaks of the option, without stamp or speaker", () => {
  it("cuts a WhatsApp-style run of turns to the one naming the option", () => {
    const text =
      "[03/02/2026, 09:41] Marta (front desk): fine by me [03/02/2026, 09:44] Dev: Vendora wants a £300 deposit per kiosk, we have 4";
    expect(chatTurnAbout(text, "Vendora", people)).toBe("Vendora wants a £300 deposit per kiosk, we have 4");
  });

  it("strips a stamp with seconds or a dash, and a speaker the project knows as a person", () => {
    expect(chatTurnAbout("03/02/2026 14:05:12 - Olu: Kioskly's support ends at 6pm", "Kioskly", people)).toBe(
      "Kioskly's support ends at 6pm",
    );
    expect(chatTurnAbout("Ines: Vendora's £1,500/month fee is £18,000 a year", "Vendora", people)).toBe(
      "Vendora's £1,500/month fee is £18,000 a year",
    );
  });

  it("leaves a line labelled by the option or by a term, and prose, as they are", () => {
    expect(chatTurnAbout("Vendora: £300 deposit, 24-month term", "Vendora", people)).toBe("Vendora: £300 deposit, 24-month term");
    expect(chatTurnAbout("Note: Vendora quoted in euros", "Vendora", people)).toBe("Note: Vendora quoted in euros");
    expect(chatTurnAbout("Vendora is the only one with offline mode", "Vendora", people)).toBe("Vendora is the only one with offline mode");
  });
});
