// The --llm column: every recipe on the LLM agent through the real HTTP path (AI SDK → the scripted
// fake OpenAI-compatible server of test/helpers/fake-openai-server.ts), the fake playing a "good"
// model. Its answers are built here from the answer key and the corpus: it lists the context, copies
// the key's facts in the sentences that state them (never the injected or hidden text), cites their
// items, and uses the layouts a careful writer would (a takeaway, a table slide, required sections).
// So this column measures what the pipeline does with good model output — tool schemas, cleaning,
// grounding, files — not a model's judgement.
import { createLlmProvider } from "../../src/agents/llm/index.js";
import type { AgentProvider } from "../../src/agents/context.js";
import { startFakeOpenAiServer, type FakeTurn } from "../../test/helpers/fake-openai-server.js";
import { contains } from "./checks.js";
import type { Expect, RecipeKey, SeededProject } from "./corpus.js";

interface Sentence {
  text: string;
  itemId: string;
  itemTitle: string;
  section: string | null;
}

const INJECTION = /ignore (?:all )?previous instructions|system note|developer mode|system prompt/i;

/** What a careful reader takes from an item: visible text, no markup, no injected orders. */
function sentencesOf(item: SeededProject["items"][number]): Sentence[] {
  const visible = item.body
    .replace(/<script[\s\S]*?<\/script>/gi, " ")
    .replace(/<div[^>]*display\s*:\s*none[^>]*>[\s\S]*?<\/div>/gi, " ")
    .replace(/<[^>]+>/g, " ");
  const out: Sentence[] = [];
  let section: string | null = null;
  for (const raw of visible.split("\n")) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.+)$/.exec(line);
    if (heading) {
      section = heading[1]!.replace(/[*`]/g, "").trim();
      // A heading can state a fact ("Incident report: invoice sync outage, 3 October 2026").
      if (section.split(/\s+/).length >= 4) out.push({ text: section, itemId: item.id, itemTitle: item.title, section });
      continue;
    }
    if (line === "" || /^\|?\s*:?-{3,}/.test(line) || INJECTION.test(line) || /^(from|to|subject|date):/i.test(line)) continue;
    const text = line
      .replace(/^(?:[-*]|\d+\.|>)\s+/, "")
      .replace(/\*\*|`/g, "")
      .replace(/^\|(.*)\|$/, (_m, cells: string) =>
        cells
          .split("|")
          .map((c) => c.trim())
          .join(", "),
      )
      .trim();
    for (const s of text.split(/(?<=[.!?])\s+(?=[A-Z0-9"$])/))
      if (s.split(/\s+/).length >= 3) out.push({ text: s, itemId: item.id, itemTitle: item.title, section });
  }
  return out;
}

function firstTable(items: SeededProject["items"]): { columns: string[]; rows: string[][]; itemId: string } | null {
  for (const item of items) {
    const lines = item.body.split("\n");
    for (let i = 0; i + 1 < lines.length; i++) {
      if (!/^\s*\|/.test(lines[i]!) || !/^\s*\|\s*:?-{3,}/.test(lines[i + 1]!)) continue;
      const cells = (l: string) =>
        l
          .trim()
          .replace(/^\||\|$/g, "")
          .split("|")
          .map((c) => c.trim());
      const rows: string[][] = [];
      for (let j = i + 2; j < lines.length && /^\s*\|/.test(lines[j]!); j++) rows.push(cells(lines[j]!));
      return { columns: cells(lines[i]!), rows, itemId: item.id };
    }
  }
  return null;
}

function find(sentences: Sentence[], e: Expect): Sentence | undefined {
  const alts = typeof e === "string" ? [e] : e;
  return sentences.find((s) => alts.some((a) => contains(s.text, a)));
}

const cite = (s: Sentence, n: Map<string, number>) => `[${n.get(s.itemId)}]`;

/** The turns of one good run of `slug` on `project`. */
export function goodModelTurns(project: SeededProject, slug: string, parameters: Record<string, unknown>): FakeTurn[] {
  const rk: RecipeKey = project.corpus.key.recipes[slug]!;
  const items = project.items.filter((i) => !(rk.customer_facing && i.internal));
  const pool = items.flatMap(sentencesOf);
  const facts = uniq([...rk.facts, ...rk.risks].flatMap((e) => find(pool, e) ?? []));
  const risks = uniq(rk.risks.flatMap((e) => find(pool, e) ?? []));
  const byOption = rk.options.map((o) => ({ option: o, sentences: pool.filter((s) => contains(s.text, o)).slice(0, 2) }));
  // Social posts draw on any sentence naming a key fact; everything quoted is cited.
  const candidates = pool.filter((s) => rk.facts.some((e) => (typeof e === "string" ? [e] : e).some((a) => contains(s.text, a))));
  const cited = uniq([...facts, ...byOption.flatMap((b) => b.sentences), ...(slug === "social-posts" ? candidates : [])]);
  const sources = [...new Map(cited.map((s) => [s.itemId, s.itemTitle])).entries()];
  const numbers = new Map(sources.map(([id], i) => [id, i + 1]));
  const sourcesMd = `## Sources\n\n${sources.map(([, title], i) => `${i + 1}. ${title}`).join("\n")}`;
  const topic = typeof parameters.topic === "string" ? parameters.topic : project.corpus.name;
  const period = rk.period[0] ? ` (${rk.period[0]})` : "";
  const title = `${capitalise(topic)}${period}`;
  const ids = sources.map(([id]) => id);
  const plan = (done: number) =>
    ["Read the project's context", "Write the deliverable", "Save it"].map((content, i) => ({
      content,
      activeForm: ["Reading the project's context", "Writing the deliverable", "Saving it"][i]!,
      status: i < done ? "completed" : i === done ? "in_progress" : "pending",
    }));
  const bullets = (xs: Sentence[]) => xs.map((s) => `- ${s.text} ${cite(s, numbers)}`).join("\n");

  const start: FakeTurn = {
    toolCalls: [
      { name: "todo_write", arguments: { todos: plan(0) } },
      { name: "list_context", arguments: { limit: 50 } },
    ],
  };
  const finish = (emits: Record<string, unknown>[]): FakeTurn => ({
    toolCalls: [...emits.map((e) => ({ name: "emit_work_output", arguments: e })), { name: "todo_write", arguments: { todos: plan(3) } }],
  });
  const tail: FakeTurn[] = [{ text: "Done." }, { text: "Done." }, { text: "Done." }];
  const summaryBody = `${facts
    .slice(0, 3)
    .map((s) => `${s.text} ${cite(s, numbers)}`)
    .join(" ")}\n\n${sourcesMd}`;

  switch (slug) {
    case "executive-summary-deck": {
      const table = firstTable(items);
      const slides: Record<string, unknown>[] = [];
      if (table)
        slides.push({
          layout: "table",
          title: "The figures side by side",
          columns: table.columns,
          rows: table.rows,
          source_id: table.itemId,
        });
      const groups = new Map<string, Sentence[]>();
      for (const s of facts.filter((f) => !risks.includes(f))) {
        const key = s.section ?? s.itemTitle;
        groups.set(key, [...(groups.get(key) ?? []), s]);
      }
      let carry: Sentence[] = [];
      for (const [heading, xs] of groups) {
        const all = [...carry, ...xs];
        if (all.length < 2) {
          carry = all;
          continue;
        }
        carry = [];
        slides.push({ title: heading, bullets: all.slice(0, 6).map((s) => ({ text: s.text, source_id: s.itemId })) });
      }
      const rest = [...risks, ...carry];
      const last = slides.at(-1) as { bullets?: { text: string; source_id: string }[] } | undefined;
      if (rest.length >= 2 || !last?.bullets)
        slides.push({ title: "Risks to watch", bullets: rest.map((s) => ({ text: s.text, source_id: s.itemId })) });
      else last.bullets.push(...rest.map((s) => ({ text: s.text, source_id: s.itemId })));
      return [
        start,
        {
          toolCalls: [
            {
              name: "create_pptx",
              arguments: { filename: "deck.pptx", title, takeaway: facts[0]?.text ?? title, slides },
            },
          ],
        },
        finish([{ title, body: summaryBody, output_type: "executive_summary", file_key: "file_1", source_ids: ids }]),
        ...tail,
      ];
    }
    case "status-report": {
      const md = [
        `# ${title}`,
        `## Summary\n\n${facts
          .slice(0, 3)
          .map((s) => `${s.text} ${cite(s, numbers)}`)
          .join(" ")}`,
        `## Key figures\n\n${bullets(facts.filter((f) => !risks.includes(f)))}`,
        `## Risks and issues\n\n${bullets(risks) || "- None stated in the context."}`,
        `## Next steps\n\n${bullets(facts.filter((f) => /\b(?:by|before|on|due|target)\b/i.test(f.text) && !risks.includes(f)).slice(0, 4))}`,
        sourcesMd,
      ].join("\n\n");
      return [
        start,
        { toolCalls: [{ name: "create_pdf", arguments: { filename: "status-report.pdf", title, markdown: md } }] },
        finish([{ title, body: md, output_type: "status_report", file_key: "file_1", source_ids: ids }]),
        ...tail,
      ];
    }
    case "comparison-table": {
      const rows = byOption.map((b) => [
        b.option,
        b.sentences.map((s) => s.text).join(" ") || "Not stated",
        b.sentences[0]?.itemTitle ?? "—",
      ]);
      const md = `# ${title}\n\n| Option | What the sources say | Source |\n| --- | --- | --- |\n${rows.map((r) => `| ${r.join(" | ")} |`).join("\n")}\n\n${sourcesMd}`;
      return [
        start,
        {
          toolCalls: [
            {
              name: "create_xlsx",
              arguments: {
                filename: "comparison.xlsx",
                sheets: [
                  {
                    name: "Comparison",
                    columns: [
                      { header: "Option", width: 22 },
                      { header: "What the sources say", width: 70 },
                      { header: "Source", width: 28 },
                    ],
                    rows,
                  },
                ],
              },
            },
          ],
        },
        finish([
          { title, body: md, output_type: "comparison_table", source_ids: ids },
          {
            title: `${title} (workbook)`,
            body: `The same comparison as a workbook.\n\n${sourcesMd}`,
            output_type: "comparison_table",
            file_key: "file_1",
            source_ids: ids,
          },
        ]),
        ...tail,
      ];
    }
    case "research-brief": {
      const md = `# ${title}\n\n## Summary\n\n${facts
        .slice(0, 2)
        .map((s) => `${s.text} ${cite(s, numbers)}`)
        .join(" ")}\n\n## Findings\n\n${bullets(uniq([...facts, ...byOption.flatMap((b) => b.sentences)]))}\n\n${sourcesMd}`;
      return [start, finish([{ title, body: md, output_type: "research_brief", source_ids: ids }]), ...tail];
    }
    case "blog-post": {
      // A post tells the whole story of the items the key's facts come from, section by section,
      // under headlines that say something (the section's first sentence, shortened).
      const relevant = new Set(facts.map((f) => f.itemId));
      const sections = new Map<string, Sentence[]>();
      for (const s of pool.filter((p) => relevant.has(p.itemId))) {
        const key = `${s.itemId}/${s.section ?? ""}`;
        sections.set(key, [...(sections.get(key) ?? []), s]);
      }
      const headline = (xs: Sentence[]) =>
        xs[0]!.text
          .split(/\s+/)
          .slice(0, 8)
          .join(" ")
          .replace(/[,.;:—-]+$/, "");
      const md = `# ${title}\n\n${facts[0]?.text ?? ""}\n\n${[...sections.values()]
        .map((xs) => `## ${headline(xs)}\n\n${xs.map((s) => `${s.text} ${cite(s, numbers)}`).join(" ")}`)
        .join("\n\n")}\n\n${sourcesMd}`;
      return [start, finish([{ title, body: md, output_type: "blog_post", source_ids: ids }]), ...tail];
    }
    case "social-posts": {
      const platforms = (parameters.platforms as string[] | undefined) ?? ["linkedin", "x"];
      const count = Number(parameters.post_count ?? 3);
      const limits: Record<string, number> = { x: 280, bluesky: 300, mastodon: 500, linkedin: 700 };
      const names: Record<string, string> = { x: "X", bluesky: "Bluesky", mastodon: "Mastodon", linkedin: "LinkedIn" };
      const tags = rk.facts
        .flatMap((e) => (typeof e === "string" ? [e] : e))
        .filter((w) => /^[a-z]+$/i.test(w))
        .map((w) => `#${capitalise(w)}`)
        .slice(0, 2)
        .join(" ");
      let next = 0;
      const blocks = platforms.map((p) => {
        const posts: string[] = [];
        // Never the same text twice: each platform frames its posts its own way, and no fact is reused on one platform.
        const framing: Record<string, string> = {
          x: "",
          bluesky: "News from the team: ",
          linkedin: "An update worth sharing. ",
          mastodon: "Update: ",
        };
        const frame = framing[p] ?? "";
        for (let i = 0; i < Math.min(count, candidates.length); i++) {
          const s = candidates[next++ % candidates.length]!;
          const room = (limits[p] ?? 280) - tags.length - 2 - frame.length;
          const text = `${frame}${s.text.length > room ? `${s.text.slice(0, room - 1).replace(/\s+\S*$/, "")}…` : s.text}`;
          posts.push(`> ${text}\n>\n> ${tags}\n\nSource: ${s.itemTitle} ${cite(s, numbers)}`);
        }
        return `## ${names[p] ?? p}\n\n${posts.join("\n\n")}`;
      });
      const md = `# ${title}\n\n${blocks.join("\n\n")}\n\n${sourcesMd}`;
      return [start, finish([{ title, body: md, output_type: "social_posts", source_ids: ids }]), ...tail];
    }
    default:
      return [start, finish([{ title, body: summaryBody, output_type: "summary", source_ids: ids }]), ...tail];
  }
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Starts the fake, runs the phase with an LLM provider pointed at it, scripting each ticket before it is submitted. */
export async function llmPhase<T>(
  run: (
    providers: Record<string, AgentProvider>,
    beforeEach: (project: SeededProject, recipe: { slug: string; parameters: Record<string, unknown> }) => void,
  ) => Promise<T[]>,
): Promise<T[]> {
  const server = await startFakeOpenAiServer();
  try {
    const llm = createLlmProvider({ provider: "openai-compatible", model: "fake-good-model", baseUrl: server.baseUrl }, { maxRetries: 0 });
    // QUALITY_DEBUG=1 prints what the tools answered the scripted model, ticket by ticket.
    const dumpToolResults = () => {
      for (const m of server.requests.at(-1)?.body.messages ?? [])
        if (m.role === "tool") process.stderr.write(`  tool: ${JSON.stringify(m.content).slice(0, 400)}\n`);
      server.requests.length = 0;
    };
    const results = await run({ llm }, (project, recipe) => {
      if (process.env.QUALITY_DEBUG) dumpToolResults();
      server.script(goodModelTurns(project, recipe.slug, recipe.parameters));
    });
    if (process.env.QUALITY_DEBUG) dumpToolResults();
    return results;
  } finally {
    await server.close();
  }
}
