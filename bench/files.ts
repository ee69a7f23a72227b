// `npm run bench:files`: a 100 MB output downloaded through a real `worksmith serve --no-worker`
// process from each file store — local (its data dir), postgres (chunks in PostgreSQL), s3 (s3rver, a
// local S3-compatible server in its own process). Per store: throughput of three whole downloads one
// after another, the time to the first and last byte of a 1 MiB range at the end of the file, and the
// server's RSS (VmRSS from /proc, sampled every 50 ms) before and at its peak while serving.
// Creates its own database and drops it. Prints numbers; not a test.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import pg from "pg";
import { openDatabase } from "../src/db/client.js";
import { workOutputs } from "../src/db/schema.js";
import { submitTicket } from "../src/engine/index.js";
import { newTicketFileKey, openStore, sqlRunnerOf, type FileStoreKind } from "../src/storage/index.js";
import { startHost } from "../test/scale-out/host.js";
import { startLocalS3 } from "../test/storage/s3-server.js";
import { patternBytes } from "../test/storage/store-fixtures.js";

const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const MB = 1024 * 1024;
const SIZE = Number(process.env.BENCH_FILE_MB ?? 100) * MB;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

async function benchStore(kind: FileStoreKind, url: string): Promise<string> {
  const s3 = kind === "s3" ? await startLocalS3() : null;
  const env = { DATABASE_URL: url, WORKSMITH_FILE_STORE: kind, LOG_LEVEL: "warn", ...(s3?.env ?? {}) };
  const host = await startHost(`bench-${kind}`, "serve --no-worker", env);
  const database = await openDatabase({ databaseUrl: url });
  try {
    const setup = await fetch(new URL("/api/auth/setup", host.url!), {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(host.url!).origin },
      body: JSON.stringify({ email: `${kind}@example.test`, name: "Bench", password: "correct horse battery" }),
    });
    const cookie = setup.headers
      .getSetCookie()
      .find((c) => c.startsWith("worksmith_session="))
      ?.split(";")[0];
    // Later stores share the database: sign in instead.
    const session =
      cookie ??
      (
        await fetch(new URL("/api/auth/login", host.url!), {
          method: "POST",
          headers: { "content-type": "application/json", origin: new URL(host.url!).origin },
          body: JSON.stringify({ email: "local@example.test", password: "correct horse battery" }),
        })
      ).headers
        .getSetCookie()
        .find((c) => c.startsWith("worksmith_session="))!
        .split(";")[0]!;
    const headers = { cookie: session, origin: new URL(host.url!).origin, "content-type": "application/json" };
    const project = (await (
      await fetch(new URL("/api/projects", host.url!), { method: "POST", headers, body: JSON.stringify({ name: kind, description: "" }) })
    ).json()) as { id: string };
    const { ticket } = await submitTicket(database, { projectId: project.id, recipeSlug: "status-report", parameters: { topic: "bench" } });
    const key = newTicketFileKey(ticket.id, "pdf");
    const store = await openStore(kind, {
      dataDir: host.dataDir,
      s3: s3?.settings ?? null,
      sql: sqlRunnerOf(database.raw),
    });
    const putStarted = performance.now();
    await store.put(key, patternBytes(SIZE, MB), "application/pdf");
    const putS = (performance.now() - putStarted) / 1000;
    await store.close();
    await database.db.insert(workOutputs).values({
      ticketId: ticket.id,
      projectId: project.id,
      title: "Big",
      fileKey: key,
      fileFormat: "pdf",
      filename: "big.pdf",
      mime: "application/pdf",
      bytes: SIZE,
      generationMethod: "skill",
      agentType: "reporting",
      outputType: "report",
    });
    const outputs = (await (await fetch(new URL(`/api/work/tickets/${ticket.id}/outputs`, host.url!), { headers })).json()) as {
      items: { download_url: string }[];
    };
    const link = new URL(outputs.items[0]!.download_url, host.url!);
    const before = await rssOf(host.pid);
    let peak = before;
    const sampler = setInterval(() => {
      void rssOf(host.pid).then((r) => (peak = Math.max(peak, r)));
    }, 50);
    const speeds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const res = await fetch(link, { headers });
      let got = 0;
      const reader = res.body!.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) got += next.value.byteLength;
      if (got !== SIZE) throw new Error(`${kind}: downloaded ${got} of ${SIZE} bytes`);
      speeds.push(SIZE / MB / ((performance.now() - started) / 1000));
    }
    const rangeStarted = performance.now();
    const ranged = await fetch(link, { headers: { ...headers, range: `bytes=${SIZE - MB}-` } });
    const first = await ranged.body!.getReader().read();
    const firstMs = performance.now() - rangeStarted;
    await ranged.body?.cancel().catch(() => undefined);
    clearInterval(sampler);
    if (ranged.status !== 206 || first.done) throw new Error(`${kind}: range answered ${ranged.status}`);
    const best = Math.max(...speeds);
    const median = [...speeds].sort((a, b) => a - b)[1]!;
    return (
      `${kind.padEnd(9)} put ${(SIZE / MB / putS).toFixed(0).padStart(4)} MB/s | download median ${median.toFixed(0).padStart(4)} MB/s ` +
      `(best ${best.toFixed(0)}) | last-MiB range first byte ${firstMs.toFixed(0)} ms | server RSS ${(before / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)})`
    );
  } finally {
    await database.close();
    await host.stop();
    await s3?.stop();
  }
}

const name = `worksmith_bench_files_${randomBytes(4).toString("hex")}`;
await admin(`CREATE DATABASE "${name}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
try {
  console.log(
    `bench:files — ${SIZE / MB} MB, node ${process.version}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  for (const kind of ["local", "postgres", "s3"] as const) console.log(await benchStore(kind, url.toString()));
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
} finally {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
