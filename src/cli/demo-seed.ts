// On a first embedded start, a demo project with a few context notes, so a new user can run every
// recipe at once. The notes carry figures and dates for the agents to cite.
import { count, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { contextItems, projects } from "../db/schema.js";

/** The demo project's notes (exported for the tests and benchmarks that use the demo's facts). */
export const DEMO_NOTES: readonly { title: string; body: string }[] = [
  {
    title: "q3-board-update.md",
    body: `# Q3 board update — Halvorsen Outdoor

Revenue for Q3 2026 reached $4.2 million, up 18% year over year, driven by the Trailhead jacket line.
Gross margin improved to 46% after we moved two suppliers to the Porto facility in July 2026.
Customer acquisition cost fell to $38 per customer, while repeat purchase rate rose to 31%.
The board approved a budget of $650,000 for the Nordic expansion, starting on 1 October 2026.
Risk: shipping costs from Asia rose 12% in September 2026 and may squeeze Q4 margins.`,
  },
  {
    title: "customer-interviews-september.md",
    body: `# Customer interviews, September 2026

We interviewed 24 customers across Norway, Sweden and Germany.
Most customers said durability matters more than price; 17 of 24 named repairability as a reason to buy.
Several customers asked for a rental option for expedition gear before committing to a purchase.
Delivery times above 5 days were the most common complaint, mentioned by 9 customers.
Customers in Germany want clearer sustainability labels on every product page.`,
  },
  {
    title: "q4-roadmap.md",
    body: `# Q4 2026 product roadmap

The repair service pilot launches in Oslo on 15 November 2026 with a target of 400 repairs in the first quarter.
The new e-commerce checkout ships in December 2026 and should cut checkout abandonment from 68% to under 55%.
A rental programme for expedition tents is planned for March 2027, pending a partner agreement.
Marketing will shift 25% of paid social budget to creator partnerships in the Nordics.`,
  },
  {
    title: "competitor-notes.md",
    body: `# Competitor notes

Fjellform cut prices by 10% on its shell jackets in August 2026 but does not offer repairs.
Nordvind launched a subscription for base layers at 29 euros per month with about 3,000 subscribers.
Both competitors ship from Poland with average delivery times of 3 days.
Our advantage is the lifetime repair guarantee and the highest review score in the segment at 4.7 out of 5.`,
  },
];

/** Seeds the demo project once (only into an empty database). Returns its id, or null if skipped. */
export async function seedDemoProject(database: Database): Promise<string | null> {
  const db = database.db;
  const [existing] = await db.select({ n: count() }).from(projects);
  if ((existing?.n ?? 0) > 0) return null;
  return db.transaction(async (tx) => {
    const [project] = await tx
      .insert(projects)
      .values({ name: "Halvorsen Q3", description: "Demo project: an outdoor-gear company's Q3 results, customer research and Q4 plans." })
      .returning({ id: projects.id });
    if (!project) throw new Error("demo project insert returned no row");
    await tx.insert(contextItems).values(
      DEMO_NOTES.map((n) => ({
        projectId: project.id,
        title: n.title,
        kind: "note" as const,
        mime: "text/markdown",
        bytes: Buffer.byteLength(n.body),
        body: n.body,
      })),
    );
    // Accounts made before the first start (`worksmith users create`): the administrator owns the
    // demo, as the setup page would have arranged. Without any account it waits for the first one.
    await tx.execute(sql`
      INSERT INTO project_members (project_id, user_id, role)
      SELECT ${project.id}::uuid, id, 'owner' FROM users WHERE is_admin ORDER BY created_at LIMIT 1`);
    return project.id;
  });
}
