// bench:pool (`npx tsx bench/pool.ts`) — does the main thread stay responsive while agents work?
// Four builtin decks (executive-summary-deck) are built at once through the real engine on embedded
// PGlite, on a project of 60 generated documents (~300 KB), first with the agent pool at size 0
// (analysis, draft and PPTX rendering inline on the main thread, as before issue 14), then with the
// pool at its default size (one thread per core). Measured on the main thread with perf_hooks'
// monitorEventLoopDelay while the four run: p50/p99/max event-loop delay — what an HTTP request, an
// SSE write or a PGlite query waits behind. Also: the four decks' wall time. ROUNDS=3 by default.
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createAgentPool, defaultPoolSize } from "../src/agents/pool/index.js";
import { createAgentRunner } from "../src/agents/runtime.js";
import { openDatabase } from "../src/db/client.js";
import { migrateDatabase } from "../src/db/migrate.js";
import { insertContextItem } from "../src/db/repositories/context.js";
import { createProject } from "../src/db/repositories/projects.js";
import { createWorker, submitTicket, waitForTicketEnd } from "../src/engine/index.js";
import { syncRecipes } from "../src/recipes/load.js";
import { createLocalFileStore } from "../src/storage/index.js";

const DOCS = 60;
const DECKS = 4;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

let seed = 7;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const SUBJECTS = ["Revenue", "Churn", "The warehouse migration", "Support volume", "Hiring", "Infrastructure cost"];
const VERBS = ["grew", "fell", "rose", "dropped", "improved", "reached"];
const MONTHS = ["March", "June", "September", "December"];

function documentText(): string {
  let text = "";
  while (text.length < 5_000) {
    const figure = pick([`${(rand() * 40).toFixed(1)}%`, `$${(rand() * 9 + 0.5).toFixed(1)} million`]);
    text += `${rand() < 0.15 ? "\n\n" : " "}${pick(SUBJECTS)} ${pick(VERBS)} to ${figure} in ${pick(MONTHS)} 2026, after the pricing change.`;
  }
  return text.trim();
}

interface Round {
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
}

async function measure(poolSize: number, niceIncrement?: number): Promise<Round[]> {
  const dataDir = await mkdtemp(join(tmpdir(), "bench-pool-"));
  const database = await openDatabase({ databaseUrl: undefined });
  const pool = createAgentPool({ size: poolSize, niceIncrement });
  try {
    await migrateDatabase(database);
    await syncRecipes(database);
    seed = 7;
    const project = await createProject(database.db, { name: "Bench corpus", description: "" });
    for (let i = 0; i < DOCS; i++) {
      const body = documentText();
      await insertContextItem(database.db, { projectId: project.id, title: `Update ${i + 1}`, kind: "note", bytes: body.length, body });
    }
    const store = createLocalFileStore(join(dataDir, "files"));
    const runner = createAgentRunner({ database, store, pool, config: { agentProvider: "builtin", builtinStepDelayMs: 0 } });
    const worker = createWorker({ database, runner, concurrency: DECKS, leaseMs: 60_000, shutdownGraceMs: 2_000, pollMs: 50 });
    await worker.start();
    const deck = async (topic: string) => {
      const { ticket } = await submitTicket(database, {
        projectId: project.id,
        recipeSlug: "executive-summary-deck",
        parameters: { topic },
      });
      const ended = await waitForTicketEnd(database, ticket.id, 300_000);
      if (ended.status !== "completed") throw new Error(`ticket ${ended.status}: ${ended.metadata.error_message}`);
    };
    // Warm-up, not measured: the items' analyses are saved on first read, the threads load their modules.
    await Promise.all(Array.from({ length: DECKS }, () => deck("revenue and churn")));
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      const started = performance.now();
      delay.enable();
      await Promise.all(["revenue", "churn after the pricing change", "support volume", "hiring and cost"].map(deck));
      delay.disable();
      const ms = (ns: number) => ns / 1e6;
      rounds.push({
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        wallMs: performance.now() - started,
      });
    }
    await worker.stop();
    return rounds;
  } finally {
    await pool.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(label: string, rounds: Round[]): void {
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const f = (n: number) => n.toFixed(0);
  console.log(
    `${label}: event-loop delay p50 ${f(med(rounds.map((r) => r.p50)))} ms, p99 ${f(med(rounds.map((r) => r.p99)))} ms, max ${f(Math.max(...rounds.map((r) => r.max)))} ms; ${DECKS} decks in ${f(med(rounds.map((r) => r.wallMs)))} ms (median of ${rounds.length} rounds)`,
  );
  for (const r of rounds) console.log(`  round: p50 ${f(r.p50)} / p99 ${f(r.p99)} / max ${f(r.max)} ms, wall ${f(r.wallMs)} ms`);
}

console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
// MODE=inline or MODE=pool measures one (e.g. under --cpu-prof); both also measures the pool not niced.
const mode = process.env.MODE ?? "both";
if (mode !== "pool") report("inline (WORKSMITH_AGENT_POOL_SIZE=0)", await measure(0));
if (mode !== "inline") report(`pool (${defaultPoolSize()} threads, niced +10)`, await measure(defaultPoolSize()));
if (mode === "both") report(`pool (${defaultPoolSize()} threads, not niced)`, await measure(defaultPoolSize(), 0));
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
