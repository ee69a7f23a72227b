// A realistic project for the agent tests: a handful of notes with figures, dates and recurring
// themes — and a second project whose facts must never leak into the first one's outputs.

export interface FixtureNote {
  title: string;
  body: string;
}

export const NORTHWIND_NOTES: FixtureNote[] = [
  {
    title: "Q3 revenue review",
    body: `# Q3 revenue review

Revenue grew 18% to $4.2 million in Q3 2024, driven by the enterprise plan.
The enterprise plan now accounts for 62% of recurring revenue, up from 48% a year earlier.
Average contract value rose to $38,500 after the pricing change on 1 July.
Self-serve revenue was flat at $610,000, and the self-serve conversion rate slipped to 2.4%.
Finance expects the board to approve the FY2025 budget on 14 November.`,
  },
  {
    title: "Customer churn analysis",
    body: `Customer churn fell to 3.1% in September after the onboarding redesign shipped on 12 August.
Churn among small accounts is still high: 7.8% of accounts under 10 seats cancelled in Q3.
The support team closed 4,310 tickets in Q3, and median first response time dropped to 2 hours.
- Accounts that finished onboarding in the first week renewed at a rate of 94%.
- The main reasons for cancelling were price and missing integrations.`,
  },
  {
    title: "Warehouse migration plan",
    body: `## Warehouse migration

The data warehouse migration to the new platform starts on 3 February 2025 and should finish by the end of April.
The migration budget is $1.2 million, of which $400,000 is for contractor time.
The risk is that the legacy reporting jobs, about 140 of them, have no owners and may break during the cutover.
A delay in the vendor contract could push the cutover back by six weeks.`,
  },
  {
    title: "Hiring and team update",
    body: `Engineering headcount reached 46 people in October after 9 hires in Q3.
We plan to hire 12 more engineers before March 2025, mostly for the integrations team.
Attrition in engineering was 6% over the last twelve months.
The integrations team is the bottleneck for the enterprise roadmap.`,
  },
  {
    title: "Vendor comparison: analytics platforms",
    body: `Snowflake quoted $310,000 per year for our expected usage, with a 3-year commitment.
BigQuery came in at $265,000 per year on flat-rate pricing, but migration tooling is weaker.
Databricks quoted $340,000 per year and offers the best support for machine learning workloads.
The evaluation team ranked Snowflake first on ease of migration and BigQuery first on price.`,
  },
  {
    title: "Risks and open issues",
    body: `Risk: the SOC 2 audit is scheduled for 20 January 2025 and two controls are still open.
Risk: the payments provider raises its fees by 0.5% from 1 January, which would cost about $45,000 a year.
Issue: the mobile app rating dropped to 3.9 stars after the September release.
Security found no critical vulnerabilities in the October penetration test.`,
  },
];

/** Distinctive facts of another project; none of these strings may appear in Northwind's outputs. */
export const ZEPHYR_NOTES: FixtureNote[] = [
  {
    title: "Zephyr solar output",
    body: `The Zephyr heliostat field produced 47.3 GWh of electricity in 2023, beating the plan by 9.7%.
Zephyr revenue reached €8.65 million, and the turbine overhaul is planned for 17 June.`,
  },
  {
    title: "Zephyr churn and revenue",
    body: `Zephyr's revenue and customer churn are tracked by the cooperative board; churn was 0.4% among members in 2023.`,
  },
];

export const ZEPHYR_MARKERS = ["Zephyr", "heliostat", "47.3", "€8.65", "8.65", "0.4%", "17 June", "turbine"];

/** Topics the recipes are run with, matching the fixture. */
export const TOPICS: Record<string, string> = {
  "executive-summary-deck": "Q3 revenue and churn",
  "status-report": "warehouse migration",
  "research-brief": "why did churn fall",
  "comparison-table": "analytics platform vendors",
  "blog-post": "enterprise plan growth",
  "social-posts": "Q3 revenue and churn",
};
