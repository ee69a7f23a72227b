// Scaffolding the builtin agent's tests share: an item read by the real analyser, a composition of
// items for a topic, the status report's markdown, a deck outline, and the Q2 board paper with the
// e-mail restating one of its figures that both the deck and the report tests read. It lives under
// test/helpers so that the build (tsconfig.build.json takes src only) leaves it out, and its name is
// no *.test.ts so that vitest runs no test from it.
import type { Recipe } from "../../src/domain/recipe.js";
import { analyseContextItem } from "../../src/agents/ingest/analyse.js";
import { Citations, type Composer } from "../../src/agents/builtin/compose-kit.js";
import { planSlides } from "../../src/agents/builtin/compose-deck.js";
import { reportComposer } from "../../src/agents/builtin/compose-report.js";
import { tableComposer } from "../../src/agents/builtin/compose-table.js";
import { analyseContext, type SourceItem } from "../../src/agents/builtin/insights.js";

export const item = (id: string, title: string, body: string, internal?: boolean): SourceItem => ({
  id,
  title,
  internal,
  analysis: analyseContextItem({ title, body, mime: "text/markdown" }),
});

/** A plain-text upload (what a mail client exports: no markup trusted), internal unless said. */
export const plainItem = (id: string, title: string, body: string, internal = true): SourceItem => ({
  id,
  title,
  internal,
  analysis: analyseContextItem({ title, body, mime: "text/plain" }),
});

export const STATUS_REPORT = { slug: "status-report", name: "Status report", output_format: "pdf" } as Recipe;
export const COMPARISON_TABLE = { slug: "comparison-table", name: "Comparison table", output_format: "xlsx" } as Recipe;

/** What a composer makes of these items for this topic, as the agent calls it on a project with context. */
export const composeWith = (composer: Composer, recipe: Recipe, items: SourceItem[], topic: string) =>
  composer.compose({
    recipe,
    parameters: { topic },
    topic,
    insights: analyseContext(topic, items),
    projectHasContext: true,
  });

/** The status report's markdown. */
export const report = (items: SourceItem[], topic: string) => composeWith(reportComposer, STATUS_REPORT, items, topic).markdown;

/** The comparison table's markdown, its rows' option names, and one option's row. */
export const comparison = (items: SourceItem[], topic: string) => composeWith(tableComposer, COMPARISON_TABLE, items, topic).markdown;
export const rowNames = (md: string) => [...md.matchAll(/^\| \*\*([^*]+)\*\*/gm)].map((m) => m[1] ?? "");
export const rowOf = (md: string, name: string) => md.split("\n").find((l) => l.startsWith(`| **${name}`)) ?? "";

/** The deck's outline, with figures, for an audience (the board unless said). */
export const plan = (items: SourceItem[], topic: string, audience = "board") =>
  planSlides(analyseContext(topic, items), { audience, withFigures: true, cites: new Citations() });

export const PAPER = item(
  "paper",
  "Board paper — Q2 performance",
  [
    "# Performance report Q2",
    "",
    "## Summary",
    "",
    "Patronage rose to 4.82 million journeys in Q2, up 6.4% on Q2 2025 (4.53 million). Fare revenue was £7.91m against a budget of £7.60m. Lost mileage fell to 2.1% of scheduled kilometres (Q1: 3.4%).",
    "",
    "## Key indicators",
    "",
    "| Indicator | Q2 2025 | Q2 2026 | Target |",
    "|---|---|---|---|",
    "| Lost mileage | 1.2% | 2.1% | 1.0% |",
    "| Complaints | 412 | 538 | – |",
    "",
    "## Fleet",
    "",
    "Twelve electric buses were delivered in May, so 24 of our 186 buses are now zero-emission. The charging installation went live on 18 May. Charging works at the second depot start in October.",
    "",
    "## Risks",
    "",
    "Driver vacancies stand at 37 of 612 posts and a ballot cannot be ruled out.",
    "Roadworks on the ring road, from 7 September for 14 weeks, will hit punctuality on two routes.",
    "",
    "## Actions",
    "",
    "Recruit 45 trainee drivers by December.",
    "Install real-time screens at 60 more stops by November.",
  ].join("\n"),
);

export const EMAIL = item(
  "mail",
  "fw-restated-punctuality",
  [
    "Hi all,",
    "",
    "Correction to paper 14/26: the Q2 punctuality figure (86.3%) counted cancelled journeys twice. The restated figure is 87.1%, still below the 90% target. Route 21 restates from 79.4% to 80.6%. Please use 87.1% in anything that goes out, including the passenger newsletter.",
    "",
    "Please find the Q2 performance paper attached.",
  ].join("\n"),
);
