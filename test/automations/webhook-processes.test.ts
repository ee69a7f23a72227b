// Real OS processes on PostgreSQL: the process delivering a webhook is killed with SIGKILL while the
// receiver holds the request; once its lease runs out another process delivers the same event again,
// with the same webhook-id, and the delivery ends `delivered`.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type ServerResponse, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEndpoint, listDeliveries } from "../../src/automations/index.js";
import { cancelTicket, submitTicket } from "../../src/engine/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/databases.js";
import { seedEngine, until } from "../engine/seed.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/webhook-process.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("webhook delivery across a kill -9 on postgres", () => {
  let t: TestDatabase;
  let projectId: string;
  let receiver: Server;
  const children: { child: ChildProcess; exited: Promise<unknown> }[] = [];
  const seen: string[] = [];
  const held: ServerResponse[] = [];

  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    ({ projectId } = await seedEngine(t.database));
    receiver = createServer((req, res) => {
      seen.push(String(req.headers["webhook-id"]));
      // The first attempt is held open (the sender dies meanwhile); later ones are acknowledged.
      req.resume().on("end", () => (seen.length === 1 ? held.push(res) : res.writeHead(200).end("ok")));
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    for (const r of held) r.destroy();
    await new Promise((r) => receiver.close(r));
    await t.cleanup();
  });

  function spawnDispatcher(id: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url ?? "", PROC_ID: id, LEASE_MS: "2000" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push({ child, exited: new Promise((r) => child.on("exit", r)) });
    return new Promise((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => d.toString().includes(`ready ${id}`) && resolve(child));
      child.on("exit", (code) => reject(new Error(`${id} exited with ${code}`)));
    });
  }

  it("delivers at least once with the same webhook-id", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const endpoint = await createEndpoint(t.database.db, {
      projectId,
      url,
      events: ["ticket.cancelled"],
      createdBy: null,
      allowPrivate: true,
    });
    const first = await spawnDispatcher("first");
    const { ticket } = await submitTicket(t.database, { projectId, recipeSlug: "test-report", parameters: {} });
    await cancelTicket(t.database, ticket.id);
    await until(async () => seen.length === 1, 20_000);
    first.kill("SIGKILL");
    await spawnDispatcher("second");
    const [delivery] = await until(async () => {
      const list = await listDeliveries(t.database.db, endpoint.id);
      return list[0]?.status === "delivered" ? list : null;
    }, 30_000);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(seen)).toEqual(new Set([delivery!.id]));
    expect(delivery).toMatchObject({ attempts: seen.length, last_status_code: 200 });
  }, 90_000);
});
