// The builtin research brief, blog post and social posts on hand-written fact models: what a reader
// of each asks of it (findings that answer the question, headings a writer would use, a length
// grown from the context, posts that never quote a value a later source corrects).
import { beforeAll, describe, expect, it } from "vitest";
import { note } from "./analysis-fixtures.js";
import { compose, expectGrounded, loadRecipes, postsOf } from "./composer-kit.js";

beforeAll(loadRecipes);

describe("research brief findings answer the question", () => {
  const retro = () => [
    note({
      id: "00000000-0000-4000-8000-000000000501",
      title: "Boards 3.0 launch retrospective",
      heading: "Boards 3.0 launch",
      lines: [
        "Boards 3.0 launched on 15 September with a new timeline view and a Trello importer.",
        "The launch was covered by three trade newsletters in launch week.",
        "Boards 3.0 launch-day traffic peaked at 2,300 concurrent users and the app stayed up.",
        "The Boards 3.0 launch page was translated into four languages.",
        "Activation reached 31%, below the 40% target.",
        "The onboarding flow skipped the template picker, so many new accounts landed on an empty board.",
        "Sign-ups from Product Hunt activated at only 14%.",
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000502",
      title: "Boards 3.0 launch budget",
      heading: "Spend",
      lines: ["The agency fee went over by $2,000 because of the extra video edit."],
    }),
  ];

  it("ranks sentences by the question's rarer words and by causes, not by the words every item shares", () => {
    const items = retro();
    const c = compose("research-brief", "why was activation below target after the Boards 3.0 launch", items);
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("skipped the template picker");
    expect(findings).toContain("Product Hunt activated at only 14%");
    expect(findings).toContain("Activation reached 31%");
    // Sentences that only name the launch, and a cause of something else, do not answer it.
    expect(findings).not.toContain("launched on 15 September");
    expect(findings).not.toContain("trade newsletters");
    expect(findings).not.toContain("translated into four languages");
    expect(findings).not.toContain("agency fee");
    for (const h of [...findings.matchAll(/^### (.+)$/gm)].map((m) => m[1]!)) {
      expect(h.split(/\s+/).length, h).toBeGreaterThanOrEqual(3);
      expect(h, h).not.toMatch(/^From\b|^[^:]+:\s*[$€£]?\d/);
    }
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("social posts", () => {
  const pack = () => [
    note({
      id: "00000000-0000-4000-8000-000000000511",
      title: "Treasurer's report",
      heading: "The year in figures",
      lines: [
        "We gave out 41,800 food parcels to 6,240 families this year.",
        "The September draft showed a surplus of £31,000.",
        "The examiner corrected the surplus from £31,000 to £18,000 after removing Gift Aid counted twice.",
        "Volunteers gave 19,400 hours, the most in our history.",
        "The new checkout (shop.checkout.v2) went live on 6 October.",
        "So Harbour Rotary Club is our newest funder with a grant of £6,500.",
      ],
      figures: [
        { metric: "surplus", value: "£31,000", sentence: "The September draft showed a surplus of £31,000." },
        { metric: "food parcels", value: "41,800", sentence: "We gave out 41,800 food parcels to 6,240 families this year." },
      ],
      entities: [
        { name: "Harbour Rotary Club", kind: "organization", mentions: 3 },
        { name: "Marlow Family Foundation", kind: "organization", mentions: 5 },
        { name: "So Harbour", kind: "organization", mentions: 1 },
      ],
    }),
  ];

  it("never quotes a value a later sentence corrects, a code identifier or a transcript's spoken lead", () => {
    const items = pack();
    const c = compose("social-posts", "thank you for our food parcels year", items, {
      platforms: ["x", "bluesky", "linkedin"],
      post_count: 2,
    });
    const posts = postsOf(c.markdown);
    const all = [...posts.values()].flat();
    // Every platform gets a post; one whose facts run out gets fewer, not the same lines again.
    for (const [name, list] of posts) expect(list.length, name).toBeGreaterThan(0);
    expect(posts.size).toBe(3);
    for (const p of all) {
      // £31,000 only ever beside the correcting £18,000: the draft's sentence alone is never a post.
      if (p.includes("£31,000")) expect(p, p).toContain("£18,000");
      expect(p, p).not.toContain("checkout.v2");
      expect(p, p).not.toMatch(/(?:^|\n|→ )So /);
    }
    expect(all.join("\n")).toContain("41,800");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });

  it("gives each platform its own text within its limit, with hashtags only of names the post itself carries", () => {
    const items = pack();
    const c = compose("social-posts", "food parcels", items, { platforms: ["x", "bluesky", "linkedin"], post_count: 2 });
    const posts = postsOf(c.markdown);
    const limits: Record<string, number> = { X: 280, Bluesky: 300, LinkedIn: 1300 };
    const bodies: string[] = [];
    for (const [name, list] of posts)
      for (const p of list) {
        expect(p.length, `${name}: ${p}`).toBeLessThanOrEqual(limits[name]!);
        bodies.push(p.replace(/#\w+/g, "").trim());
        const body = p.split("\n\n#")[0]!;
        for (const tag of p.match(/#\w+/g) ?? []) {
          // A funder the post does not mention is no tag of it; a spoken lead is never part of a name.
          expect(tag).not.toBe("#MarlowFamilyFoundation");
          expect(tag).not.toBe("#SoHarbour");
          if (tag === "#HarbourRotaryClub") expect(body).toContain("Harbour Rotary Club");
        }
      }
    expect(new Set(bodies).size).toBe(bodies.length);
    expect(c.markdown).toContain("#FoodParcels");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("blog post opening and close", () => {
  const items = () => [
    note({
      id: "00000000-0000-4000-8000-000000000531",
      title: "Repair service pilot",
      heading: "Repair service pilot",
      lines: [
        "The repair service pilot opens in Oslo on 15 November 2026 with a target of 400 repairs in the first quarter.",
        "Repairs are booked online and collected from any of our 12 stores.",
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000532",
      title: "Competitor notes",
      heading: "Competitors",
      lines: [
        "Both competitors ship from Poland with average delivery times of 3 days.",
        "Fjellform does not offer repairs on its shell jackets.",
        "Our advantage is the lifetime repair guarantee and a review score of 4.7 out of 5.",
      ],
    }),
  ];

  for (const tone of ["professional", "friendly", "conversational", "enthusiastic", "technical"]) {
    it(`opens on a sentence of the sources and ends on them, no stock lines (${tone})`, () => {
      const c = compose("blog-post", "the repair service", items(), { word_count: 300, audience: "customers", tone });
      const body = c.markdown.split("\n## Sources")[0]!;
      const paragraphs = body.split("\n\n").filter((p) => !p.startsWith("#") && p.trim() !== "");
      // Every paragraph is cited source sentences: nothing the agent made up to open or close.
      for (const p of paragraphs) expect(p.trim(), p).toMatch(/\[\d+\]$/);
      expect(body).not.toMatch(/where things stand|let's talk about|sources (?:listed )?below|notes actually say/i);
      expectGrounded(c.markdown, items());
    });
  }
});

describe("blog post headings", () => {
  it("are phrases a writer would use — never a label and an amount, never a quotation cut open", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000521",
        title: "Season review",
        heading: "What sold",
        lines: [
          "The Twelve Days of Tea advent calendar sold 1,240 units and sold out on 29 November.",
          "Winter Orchard candles sold out twice in December.",
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000522",
        title: "Season figures",
        heading: "Headline",
        lines: ["We shipped 6,812 orders at an average order value of £27.05."],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000523",
        title: "Customer interviews",
        heading: "Quotes",
        lines: ['"I paused instead of cancelling because the summer was too hot for tea."'],
      }),
    ];
    const c = compose("blog-post", "what sold this season", items, { word_count: 300, audience: "customers" });
    const headings = [...c.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((h) => h !== "Sources");
    for (const h of headings) {
      expect(h, h).not.toMatch(/^[^:]+:\s*[$€£]?\d/);
      expect(h, h).not.toMatch(/^["“]/);
    }
    // A section named by its writer ("What sold") keeps its name when no sentence gives a headline.
    expect(c.markdown).toContain("1,240 units");
  });

  it("a section whose only gist is 'Label: amount' goes on under the same item's section before it, not left out", () => {
    const report = note({
      id: "00000000-0000-4000-8000-000000000525",
      title: "Year review",
      heading: "Reading results",
      lines: ["Children in the reading programme improved their reading age by 14 months on average this year."],
    });
    const volunteers = ["Fifty-seven volunteers gave 3,420 hours to the reading programme this year."];
    report.analysis.blocks.push(
      { kind: "heading", text: "Volunteers", level: 2, section: null, sentences: [] },
      ...volunteers.map((l) => ({ kind: "paragraph" as const, text: l, section: "Volunteers", sentences: [l] })),
    );
    report.analysis.text += `\n\nVolunteers\n\n${volunteers.join("\n\n")}`;
    const items = [report];
    const c = compose("blog-post", "what our reading programme achieved this year", items, { word_count: 300, audience: "general public" });
    expect(c.markdown).toContain("3,420 hours");
    expect(c.markdown).not.toMatch(/^## (?:Volunteers|[^\n]*: 3,420)/m);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("comparison rows", () => {
  it("never make a row of a person, nor of one word of a person's name", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000531",
        title: "Carrier review",
        heading: "Carriers",
        lines: [
          "Evri is the cheapest at £2.85 a parcel and delivered 84% on time in December.",
          "InPost charged £2.99 a parcel and delivered 97% on time in its trial.",
          "Jonah packs every parcel and only Jonah knows the pick-and-pack system.",
          "Jonah Price is on leave from 2 March.",
        ],
        entities: [
          { name: "Evri", kind: "organization", mentions: 3 },
          { name: "InPost", kind: "organization", mentions: 2 },
          { name: "Jonah", kind: "organization", mentions: 2 },
          { name: "Jonah Price", kind: "person", mentions: 1 },
        ],
      }),
    ];
    const c = compose("comparison-table", "delivery carriers compared", items);
    const rows = c.markdown.split("\n").filter((l) => l.startsWith("| **"));
    const names = rows.map((r) => /^\| \*\*(.+?)\*\*/.exec(r)?.[1]);
    expect(names).toContain("Evri");
    expect(names).toContain("InPost");
    expect(names).not.toContain("Jonah");
    expect(names).not.toContain("Jonah Price");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("blog post for customers", () => {
  it("drops a code identifier in an aside, keeping the sentence's words and figures", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000541",
        title: "Season review",
        heading: "Checkout and conversion",
        lines: ["Website conversion rose to 2.4% from 1.9% after the new checkout (shopify.checkout.v2) went live on 6 October."],
      }),
    ];
    const c = compose("blog-post", "checkout and conversion", items, { word_count: 200, audience: "customers" });
    expect(c.markdown).toContain("Website conversion rose to 2.4% from 1.9% after the new checkout went live on 6 October.");
    expect(c.markdown).not.toMatch(/shopify/);
    const internal = compose("blog-post", "checkout and conversion", items, { word_count: 200, audience: "developers" });
    expect(internal.markdown).toContain("shopify.checkout.v2");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("content for outside readers (round 6a)", () => {
  const season = () => [
    note({
      id: "00000000-0000-4000-8000-000000000601",
      title: "Season review draft",
      heading: "What happened this season",
      lines: [
        "We shipped 6,812 orders to customers this season.",
        "Returns ran at 9.4% of orders, above our 5% target.",
        "The advent calendar sold 1,240 units and sold out on 29 November.",
      ],
      figures: [
        { metric: "orders", value: "6,812", sentence: "We shipped 6,812 orders to customers this season." },
        { metric: "returns rate", value: "9.4%", sentence: "Returns ran at 9.4% of orders, above our 5% target." },
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000602",
      title: "Returns recount",
      heading: "Returns recount",
      lines: ["The returns rate for the season is 6.9% of orders, not the 9.4% in the draft: exchanges were counted twice."],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000603",
      title: "Risks for 2026",
      heading: "Risks for 2026",
      lines: ["The warehouse lease ends on 30 June 2026 and the landlord has not said whether it will be renewed."],
      statements: [
        {
          kind: "plan",
          text: "The warehouse lease ends on 30 June 2026 and the landlord has not said whether it will be renewed.",
          date: "30 June 2026",
        },
      ],
      events: [
        {
          date: "30 June 2026",
          iso: "2026-06-30",
          sentence: "The warehouse lease ends on 30 June 2026 and the landlord has not said whether it will be renewed.",
        },
      ],
    }),
  ];

  it("a customer blog states only the corrected value and keeps risks out of what comes next", () => {
    const items = season();
    const c = compose("blog-post", "our season: returns, orders and what sold", items, { word_count: 300, audience: "customers" });
    expect(c.markdown).toContain("The returns rate for the season is 6.9% of orders.");
    expect(c.markdown).not.toContain("9.4%");
    expect(c.markdown).not.toContain("warehouse lease");
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });

  it("a team blog still quotes the older value beside its correction", () => {
    const c = compose("blog-post", "our season: returns, orders and what sold", season(), { word_count: 300, audience: "executives" });
    expect(c.markdown).toContain("9.4%");
    expect(c.markdown).toContain("6.9%");
  });

  it("a post never says the older value, only the corrected one", () => {
    const c = compose("social-posts", "returns this season", season(), { platforms: ["x", "linkedin"], post_count: 2 });
    const all = [...postsOf(c.markdown).values()].flat().join("\n");
    expect(all).not.toContain("9.4%");
  });

  it("a brief asked what could delay something answers with the stated risks", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000611",
        title: "Monthly report",
        heading: "Risks",
        lines: [
          "Window package: the supplier quotes a 14-week lead time; an order later than 13 March 2026 puts the programme at risk.",
          "Ground conditions at the new car park remain uncertain until trial pits are dug.",
        ],
        statements: [
          {
            kind: "risk",
            text: "Window package: the supplier quotes a 14-week lead time; an order later than 13 March 2026 puts the programme at risk.",
          },
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000612",
        title: "Progress",
        heading: "Progress on site",
        lines: [
          "The six new classrooms and the hall are on the programme for handover together.",
          "The steel frame was topped out on 12 February 2026.",
        ],
      }),
    ];
    const c = compose("research-brief", "what could delay the handover", items);
    const summary = c.markdown.split("## Summary")[1]!.split("\n## ")[0]!;
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("14-week lead time");
    expect(findings).toContain("trial pits");
    expect(summary).toMatch(/14-week lead time|trial pits/);
    expect(c.markdown).not.toContain("No item mentions “delay”");
  });
});

describe("a brief asked what people want", () => {
  const items = () => [
    note({
      id: "00000000-0000-4000-8000-000000000621",
      title: "Member survey, spring",
      heading: "Member survey",
      lines: [
        "We surveyed 212 members across Leeds, York and Hull.",
        "Most members said evening opening matters more than price; 74 of 212 named late hours as a reason to stay.",
        "Several members asked for a family membership before renewing.",
        "Crowded changing rooms were the most common complaint, raised by 41 members.",
        "Members in York want a longer pool session on Sundays.",
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000623",
      title: "Member survey, spring",
      heading: "Requests",
      lines: ["A towel service included in the premium plan."],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000622",
      title: "Board pack, Q1",
      heading: "Finance",
      lines: ["Member acquisition cost fell to £19 per member, while renewals rose to 68%.", "Revenue reached £1.1 million in Q1."],
    }),
  ];

  it("answers with what they say they want, prefer or complain of — not with a figure that only shares the word 'members'", () => {
    const c = compose("research-brief", "what do members value", items());
    const findings = c.markdown.split("## Findings")[1]!.split("\n## ")[0]!;
    expect(findings).toContain("evening opening matters more than price");
    expect(findings).toContain("asked for a family membership");
    expect(findings).toContain("most common complaint");
    // One write-up holds every answer: all four are findings, not the first three.
    expect(findings).toContain("longer pool session");
    // A line under "Requests" says what they want without a verb of wanting.
    expect(findings).toContain("towel service");
    expect(findings).not.toContain("acquisition cost");
    // The summary is answers too, not the other item's loudest figure.
    const summary = c.markdown.split("## Summary")[1]!.split("\n## ")[0]!;
    expect(summary).not.toContain("acquisition cost");
    // … and it says what the answers rest on.
    expect(summary).toContain("We surveyed 212 members");
    // The items do say what members value, in their own words: "value" is no missing word.
    expect(c.markdown).not.toMatch(/No item mentions “value”/);
    expectGrounded(c.markdown, items());
  });
});

describe("content for outside readers (round 8a)", () => {
  const items = () => [
    note({
      id: "00000000-0000-4000-8000-000000000801",
      title: "Rival notes",
      heading: "Rival notes",
      lines: [
        "Brightpeak cut its prices by 10% in May but offers no servicing.",
        "Kolva launched a rental plan at 19 euros per month with about 2,000 members.",
        "Both rivals ship from Portugal with average delivery times of 4 days.",
        "Our edge is free lifetime servicing of every bike and a review score of 4.8 out of 5.",
      ],
      entities: [
        { name: "Brightpeak", kind: "organization" },
        { name: "Kolva", kind: "organization" },
        { name: "Portugal", kind: "place" },
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000802",
      title: "Workshop update",
      heading: "Servicing workshop",
      lines: [
        "The servicing workshop opened in Bergen on 2 June 2026 and handled 640 bikes in its first month.",
        "Questions about a booking go to workshop@cycleco.example or 0161 496 0000.",
      ],
      figures: [
        {
          metric: "bikes serviced",
          value: "640",
          sentence: "The servicing workshop opened in Bergen on 2 June 2026 and handled 640 bikes in its first month.",
        },
      ],
    }),
  ];

  it("a blog keeps to its topic: a section naming it in passing gives only its sentences on it, and no contact details", () => {
    const c = compose("blog-post", "bike servicing", items(), { word_count: 400, audience: "customers" });
    expect(c.markdown).toContain("offers no servicing");
    expect(c.markdown).toContain("free lifetime servicing");
    expect(c.markdown).toContain("640 bikes");
    expect(c.markdown).not.toContain("Portugal");
    expect(c.markdown).not.toContain("Kolva");
    expect(c.markdown).not.toMatch(/@|0161/);
    expectGrounded(c.markdown, items());
  });

  it("a blog for customers leaves out a cost section, the team's orders, and heads no section with an order or unasked-for bad news", () => {
    const report = note({
      id: "00000000-0000-4000-8000-000000000803",
      title: "site-report-4",
      heading: "Summary",
      lines: ["Works on the new library are 58% complete against 60% planned."],
      figures: [
        { metric: "works complete", value: "58%", sentence: "Works on the new library are 58% complete against 60% planned." },
        { metric: "approved variations", value: "£86,000", sentence: "Approved variations total £86,000." },
        { metric: "contract sum", value: "£2,400,000", sentence: "The contract sum is £2,400,000." },
      ],
      events: [{ date: "3 June 2026", iso: "2026-06-03", sentence: "Order the library shelving by 3 June 2026." }],
      statements: [{ kind: "plan", text: "Order the library shelving by 3 June 2026." }],
    });
    const add = (section: string, lines: string[]) => {
      report.analysis.blocks.push(
        { kind: "heading", text: section, level: 2, section: null, sentences: [] },
        ...lines.map((l) => ({ kind: "paragraph" as const, text: l, section, sentences: [l] })),
      );
      report.analysis.text += `\n\n${section}\n\n${lines.join("\n\n")}`;
    };
    add("Library progress", ["The library roof was finished on 12 May 2026.", "The reading room walls are plastered."]);
    add("Cost", ["The contract sum is £2,400,000.", "Approved variations total £86,000."]);
    add("Safety on the library site", [
      "Three near misses were recorded at the library gate; a marshal now meets every lorry.",
      "No lorries come to the library during the school run.",
    ]);
    add("Look-ahead", ["Order the library shelving by 3 June 2026.", "Start the library lift installation."]);
    const c = compose("blog-post", "the new library: progress", [report], { word_count: 400, audience: "general public" });
    expect(c.markdown).not.toMatch(/£2,400,000|£86,000/);
    expect(c.markdown).not.toMatch(/Order the library shelving|Start the library lift/);
    const headings = [...c.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!);
    for (const h of headings) expect(h, h).not.toMatch(/near miss|^Order\b|^Start\b/i);
    // The opening is the writer's summary figure, not the money.
    const opening = c.markdown.split("\n\n")[1]!;
    expect(opening).toContain("58% complete");
    expectGrounded(c.markdown, [report]);
  });

  it("a LinkedIn post carries the public half of a sentence whose other half is the company's own", () => {
    const board = [
      note({
        id: "00000000-0000-4000-8000-000000000804",
        title: "Q2 board update",
        heading: "Q2 board update",
        lines: [
          "Revenue for Q2 2026 reached $3.1 million, up 12% year over year.",
          "Customer acquisition cost fell to $41 per customer, while repeat purchase rate rose to 29%.",
          "Gross margin improved to 44%.",
        ],
        figures: [
          { metric: "revenue", value: "$3.1 million", sentence: "Revenue for Q2 2026 reached $3.1 million, up 12% year over year." },
          {
            metric: "customer acquisition cost",
            value: "$41 per customer",
            sentence: "Customer acquisition cost fell to $41 per customer, while repeat purchase rate rose to 29%.",
          },
          {
            metric: "repeat purchase rate",
            value: "29%",
            sentence: "Customer acquisition cost fell to $41 per customer, while repeat purchase rate rose to 29%.",
          },
          { metric: "gross margin", value: "44%", sentence: "Gross margin improved to 44%." },
        ],
      }),
    ];
    const c = compose("social-posts", "Q2 results", board, { platforms: ["linkedin", "x"], post_count: 1 });
    const linkedin = postsOf(c.markdown).get("LinkedIn")![0]!;
    expect(linkedin).toContain("$3.1 million");
    expect(linkedin).toContain("Repeat purchase rate rose to 29%.");
    expect(c.markdown).not.toMatch(/\$41|44%|acquisition/i);
    // The whole sentence leads; half of one never does.
    expect(postsOf(c.markdown).get("X")![0]!).toContain("$3.1 million");
    expectGrounded(c.markdown, board);
  });

  it("a brief's key figures are those that answer its question, not every figure of the context", () => {
    const ctx = [
      note({
        id: "00000000-0000-4000-8000-000000000805",
        title: "Rider interviews",
        heading: "Rider interviews, May 2026",
        lines: [
          "We interviewed 30 riders in Bergen and Oslo.",
          "Most riders said reliability matters more than speed; 21 of 30 named free servicing as a reason to buy.",
          "Slow deliveries were the most common complaint, mentioned by 11 riders.",
        ],
        figures: [
          { metric: "riders interviewed", value: "30", sentence: "We interviewed 30 riders in Bergen and Oslo." },
          {
            metric: "named free servicing as a reason to buy",
            value: "21 of 30",
            sentence: "Most riders said reliability matters more than speed; 21 of 30 named free servicing as a reason to buy.",
          },
          {
            metric: "riders complaining of slow deliveries",
            value: "11",
            sentence: "Slow deliveries were the most common complaint, mentioned by 11 riders.",
          },
        ],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000806",
        title: "Q2 board update",
        heading: "Q2 board update",
        lines: ["Revenue for Q2 2026 reached $3.1 million, up 12% year over year.", "Marketing spend was $240,000 in Q2 2026."],
        figures: [
          { metric: "revenue", value: "$3.1 million", sentence: "Revenue for Q2 2026 reached $3.1 million, up 12% year over year." },
          { metric: "marketing spend", value: "$240,000", sentence: "Marketing spend was $240,000 in Q2 2026." },
        ],
      }),
    ];
    const c = compose("research-brief", "what do riders value", ctx);
    const table = c.markdown.split("## Key figures")[1]!.split("\n## ")[0]!;
    expect(table).toContain("21 of 30");
    expect(table).not.toMatch(/\$3\.1 million|\$240,000/);
  });
});

describe("blog post (round 9a): sections a writer would keep, in the writer's order, for its readers", () => {
  // An item of several sections, each a writer's short label ("Added", "Fixed", "Volunteers").
  const sectioned = (id: string, title: string, sections: [string, string[]][]) => {
    const [first, ...rest] = sections;
    const item = note({ id, title, heading: first![0], lines: first![1] });
    for (const [heading, lines] of rest) {
      item.analysis.blocks.push(
        { kind: "heading", text: heading, level: 2, section: null, sentences: [] },
        ...lines.map((l) => ({ kind: "paragraph" as const, text: l, section: heading, sentences: [l] })),
      );
      item.analysis.text += `\n\n${heading}\n\n${lines.join("\n\n")}`;
    }
    return item;
  };
  const release = () => [
    sectioned("00000000-0000-4000-8000-000000000901", "Changelog 5.0", [
      [
        "Added",
        [
          "Route planning now works offline for up to 50 stops per route.",
          "Drivers can scan a parcel label with the phone camera instead of typing its number.",
          "A night theme is available for every screen of the driver app.",
        ],
      ],
      [
        "Changed",
        [
          "The app now needs Android 12 or later on every driver phone.",
          "Sync with the depot system runs every 2 minutes instead of every 10 minutes.",
        ],
      ],
      [
        "Fixed",
        [
          "The stop list no longer jumps back to the top after a delivery is marked as done.",
          "Photos of a signed delivery are kept when the phone loses its signal on the way.",
        ],
      ],
    ]),
    sectioned("00000000-0000-4000-8000-000000000902", "Upgrade guide", [
      ["Step 1: update the app", ["Each driver updates the app from the store before the first shift on the new version."]],
      ["Step 2: sign in again", ["Drivers sign in once more with their depot code after the update has finished."]],
      // The last step names the topic most: ranked by score it would come first.
      [
        "Step 3: check the stop list",
        ["In version 5.0 of the driver app the new stop list of the day appears within two minutes of signing in again."],
      ],
    ]),
  ];

  it("keeps a section the writer gave only a one-word label, under a phrase heading, and comes close to the asked length on a rich context", () => {
    const items = release();
    const c = compose("blog-post", "what is new in version 5.0 of the driver app", items, { word_count: 260, audience: "customers" });
    for (const fact of ["50 stops", "Android 12", "every 2 minutes", "no longer jumps back", "signing in again"])
      expect(c.markdown).toContain(fact);
    const headings = [...c.markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]!).filter((h) => h !== "Sources");
    // Phrase headings: never the bare label ("Added", "Fixed").
    for (const h of headings) expect(h.split(/\s+/).length, h).toBeGreaterThanOrEqual(2);
    const body = c.markdown.split("## Sources")[0]!.replace(/\[\d+\]/g, "");
    expect(body.match(/\S+/g)!.length).toBeGreaterThanOrEqual(260 * 0.7);
    expectGrounded(c.markdown, items);
  });

  it("keeps the sections of one item in the writer's order (step 1 before step 2 before step 3)", () => {
    const items = release();
    const c = compose("blog-post", "what is new in version 5.0 of the driver app", items, { word_count: 400, audience: "customers" });
    const at = (s: string) => c.markdown.indexOf(s);
    expect(at("updates the app from the store")).toBeGreaterThan(-1);
    expect(at("updates the app from the store")).toBeLessThan(at("sign in once more"));
    expect(at("sign in once more")).toBeLessThan(at("appears within two minutes"));
    expect(at("Route planning now works offline")).toBeLessThan(at("needs Android 12"));
  });

  it("a blog for developers is published: no pricing plan of the company, but its code identifiers stay", () => {
    const items = [
      ...release(),
      note({
        id: "00000000-0000-4000-8000-000000000903",
        title: "API notes",
        heading: "API",
        lines: ["The call `routes.v5.optimise()` plans up to 50 stops in one request in version 5.0."],
      }),
      note({
        id: "00000000-0000-4000-8000-000000000904",
        title: "Pricing plan 2027",
        heading: "Pricing plan for version 5.0",
        lines: ["The pricing plan for version 5.0 raises the Pro tier from $99 to $129 a month from March."],
      }),
    ];
    const c = compose("blog-post", "what is new in version 5.0 of the driver app", items, { word_count: 400, audience: "developers" });
    expect(c.markdown).not.toContain("$129");
    expect(c.markdown).toContain("routes.v5.optimise()");
  });
});

describe("social posts (round 9a): one feed never says the same thing twice", () => {
  const plan = () => [
    note({
      id: "00000000-0000-4000-8000-000000000911",
      title: "Release plan 5.0",
      heading: "Release 5.0",
      lines: [
        "Release 5.0 of the driver app goes out on 12 March 2027.",
        "Route planning in release 5.0 works offline for up to 50 stops per route.",
        "Drivers can scan a parcel label with the phone camera in release 5.0.",
      ],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000912",
      title: "Release gates",
      heading: "Go / no-go criteria",
      lines: ["Zero open severity-one bugs in release 5.0 for seven days before it ships."],
    }),
    note({
      id: "00000000-0000-4000-8000-000000000913",
      title: "Depot notes",
      heading: "Depot notes",
      lines: ["On 14 February 2,140 deliveries were delayed while the depots prepared for release 5.0."],
    }),
  ];

  it("a platform's second post carries no fact of its first; a release gate and unasked-for bad news are never a post", () => {
    const items = plan();
    const c = compose("social-posts", "release 5.0", items, { platforms: ["x", "bluesky", "linkedin"], post_count: 2 });
    const posts = postsOf(c.markdown);
    const facts = ["12 March 2027", "50 stops", "phone camera"];
    for (const [name, list] of posts) {
      expect(list.length, name).toBeGreaterThan(0);
      // Each fact at most once per platform.
      for (const f of facts) expect(list.filter((p) => p.includes(f)).length, `${name}: ${f}`).toBeLessThanOrEqual(1);
      for (const p of list) expect(p, p).not.toMatch(/severity-one|2,140 deliveries/);
    }
    expectGrounded(`${c.title}\n${c.markdown}`, items);
  });
});

describe("blog post (round 9a): a forwarded update's facts", () => {
  it("a post for customers states a letter's facts in the third person, never its greetings, requests or the writer's voice", () => {
    const letter = note({
      id: "00000000-0000-4000-8000-000000000921",
      title: "Fwd: workshop handover",
      heading: "Fwd: workshop handover",
      lines: [
        "Good news below from the builders.",
        "The new bike workshop on Quay Street is structurally complete.",
        "Its repair bench can service 12 bikes a day, against 5 a day in the old shed.",
        "Please keep the yard gate closed until we finish the paving.",
      ],
    });
    // An e-mail's envelope gave it a date: the analysis reads it as correspondence.
    letter.analysis.document_date = "2026-09-29";
    const items = [
      letter,
      note({
        id: "00000000-0000-4000-8000-000000000922",
        title: "Workshop plans",
        heading: "Opening the bike workshop",
        lines: ["The bike workshop opens to customers on 3 October 2026."],
      }),
    ];
    const c = compose("blog-post", "our new bike workshop", items, { word_count: 300, audience: "customers" });
    expect(c.markdown).toContain("12 bikes a day");
    expect(c.markdown).toContain("structurally complete");
    expect(c.markdown).not.toContain("Good news below");
    expect(c.markdown).not.toContain("Please keep");
    expectGrounded(c.markdown, items);
  });
});

describe("blog post (round 9a): an item's title as a heading", () => {
  it("loses its note to colleagues ('(draft for the newsletter)')", () => {
    const items = [
      note({
        id: "00000000-0000-4000-8000-000000000931",
        title: "Diner quotes",
        heading: "What diners said (draft for the newsletter)",
        lines: ['"The new spring menu is the best the cafe has had."', '"The lemon tart on the spring menu sold out by noon."'],
      }),
    ];
    const c = compose("blog-post", "the new spring menu", items, { word_count: 300, audience: "customers" });
    expect(c.markdown).toContain("lemon tart");
    expect(c.markdown).not.toContain("draft for the newsletter");
  });
});
