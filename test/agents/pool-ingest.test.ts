// Context analysis at ingest runs on the agent pool's thread: a note POSTed through the API is
// stored with its analysis; a job that kills its thread refuses the item with problem+json and stores
// nothing; an analyser that throws stores the item without analysis (the runtime analyses it later).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi } from "../../src/api/app.js";
import { registerContextRoutes } from "../../src/api/routes/context.js";
import { createAgentPool, type AgentPool } from "../../src/agents/pool/index.js";
import { loadConfig } from "../../src/config.js";
import { readContextItems } from "../../src/db/repositories/context.js";
import { createProject } from "../../src/db/repositories/projects.js";
import { ANALYSIS_VERSION } from "../../src/domain/context-analysis.js";
import { silentLogger, postJson } from "../helpers/api-app.js";
import { clientFor, createTestUser, type TestClient } from "../helpers/auth.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../helpers/databases.js";

const FAULT_WORKER = new URL("./pool-fault-worker.ts", import.meta.url);

describe.each(DRIVERS)("context ingest through the agent pool (%s)", { timeout: 150_000 }, (driver) => {
  let t: TestDatabase;
  let pool: AgentPool;
  let app: TestClient;
  let projectId: string;

  beforeAll(async () => {
    t = await openTestDatabase(driver);
    const owner = await createTestUser(t.database);
    projectId = (await createProject(t.database.db, { name: "P", description: "" }, owner.id)).id;
    pool = createAgentPool({ size: 1, workerFile: FAULT_WORKER });
    await pool.run("analyse-item", { title: "warm.md", body: "Revenue rose 18%." }); // the thread has loaded
    const config = loadConfig({ WORKSMITH_DATA_DIR: "/tmp/worksmith-test-unused" });
    app = clientFor(
      createApi({ database: t.database, config, version: "test", logger: silentLogger }, [
        (a) => registerContextRoutes(a, { database: t.database, config, pool }),
      ]),
      owner,
    );
  });
  afterAll(async () => {
    await pool?.close();
    await t?.cleanup();
  });

  const note = (title: string) => ({ title, body: "# Q3\n\nRevenue rose 18% to $4.2 million. Churn fell to 3.1%." });

  it("stores a POSTed note with its analysis, made on the pool's thread", async () => {
    const res = await postJson(app, `/api/projects/${projectId}/context`, note("q3.md"));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [item] = (await readContextItems(t.database.db, projectId, 50)).filter((i) => i.id === id);
    expect(item?.analysis?.version).toBe(ANALYSIS_VERSION);
    expect(item?.analysis?.figures.map((f) => f.value)).toEqual(expect.arrayContaining(["18%", "$4.2 million", "3.1%"]));
    expect(pool.threadIds()).toHaveLength(1);
  });

  it("refuses the item with problem+json when the analysis kills its thread; nothing is stored; the next item is analysed", async () => {
    const before = (await readContextItems(t.database.db, projectId, 50)).length;
    const res = await postJson(app, `/api/projects/${projectId}/context`, note("fault-exit.md"));
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await res.json()) as { title: string; detail: string };
    expect(problem.title).toBe("Context item not analysable");
    expect(problem.detail).toBe("The context analysis step crashed its worker thread (exit code 7). Nothing was stored.");
    expect(await readContextItems(t.database.db, projectId, 50)).toHaveLength(before);

    const next = await postJson(app, `/api/projects/${projectId}/context`, note("q4.md"));
    expect(next.status).toBe(201);
    const { id } = (await next.json()) as { id: string };
    const [item] = (await readContextItems(t.database.db, projectId, 50)).filter((i) => i.id === id);
    expect(item?.analysis?.figures.length).toBeGreaterThan(0);
  });

  it("stores the item without analysis when the analyser throws (as before the pool)", async () => {
    const res = await postJson(app, `/api/projects/${projectId}/context`, note("fault-throw.md"));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [item] = (await readContextItems(t.database.db, projectId, 50)).filter((i) => i.id === id);
    expect(item).toBeDefined();
    expect(item?.analysis).toBeNull();
  });
});
