// `worksmith files migrate|sweep`: output files across stores (decision 0007). Unlike the client
// commands these work on the database and the stores directly, with the server's own settings
// (WORKSMITH_FILE_STORE, DATABASE_URL, WORKSMITH_S3_*); on the embedded database the server must be
// stopped first, since it holds the data directory.
import type { Command } from "commander";
import { z } from "zod";

const StoreName = z.enum(["local", "postgres", "s3"]);

function die(message: string, code: number): never {
  process.stderr.write(`worksmith: ${message}\n`);
  process.exit(code);
}

/** Opens the database as the server would, and hands the work what it needs; closes everything after. */
async function withServerSide<T>(
  work: (m: {
    config: import("../../config.js").Config;
    database: import("../../db/client.js").Database;
    storage: typeof import("../../storage/index.js");
    files: typeof import("../../db/repositories/stored-files.js");
  }) => Promise<T>,
): Promise<T> {
  const [{ loadConfig, ConfigError }, client, serve, logging, storage, files] = await Promise.all([
    import("../../config.js"),
    import("../../db/client.js"),
    import("../serve.js"),
    import("../logger.js"),
    import("../../storage/index.js"),
    import("../../db/repositories/stored-files.js"),
  ]);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) die(err.message, 2);
    throw err;
  }
  if (!config.databaseUrl && !client.embeddedDatabaseExists(config.dataDir))
    die(`no Worksmith database in ${config.dataDir}: set WORKSMITH_DATA_DIR to the server's data directory`, 2);
  const quiet = { ...config, logLevel: "warn" as const };
  const { database, lock } = await serve.openAndMigrate(quiet, logging.createLogger(quiet)).catch((err: unknown) => die(String(err), 2));
  try {
    return await work({ config, database, storage, files });
  } finally {
    await database.close();
    await lock?.release();
  }
}

export function registerFileCommands(program: Command): void {
  const files = program
    .command("files")
    .description("Output files in the stores (on the database directly; stop an embedded-database server first)");

  files
    .command("migrate")
    .description("Copy every file from one store to another, verifying each copy's SHA-256 by reading it back")
    .requiredOption("--to <store>", "postgres, s3 or local")
    .option("--from <store>", "where the files are now", "local")
    .option("--delete-source", "remove each file from the source once its copy checked out")
    .action(async (opts: { to: string; from: string; deleteSource?: boolean }) => {
      const to = StoreName.safeParse(opts.to);
      const from = StoreName.safeParse(opts.from);
      if (!to.success || !from.success) die("--to and --from take local, postgres or s3", 2);
      if (to.data === from.data) die(`--from and --to are both ${to.data}`, 2);
      const report = await withServerSide(async ({ config, database, storage, files: rows }) => {
        const common = { dataDir: config.dataDir, s3: config.files.s3, sql: storage.sqlRunnerOf(database.raw) };
        const source = await storage.openStore(from.data, common);
        const target = await storage.openStore(to.data, common).catch((err: unknown) => die(String(err), 2));
        try {
          return await storage.migrateFiles({
            from: source,
            to: target,
            keep: (keys) => rows.fileKeysWithTicket(database.db, keys),
            deleteSource: opts.deleteSource ?? false,
          });
        } finally {
          await source.close();
          await target.close();
        }
      });
      const mb = (report.bytes / 1024 / 1024).toFixed(1);
      process.stdout.write(
        `worksmith: moved ${report.moved} files (${mb} MB) from ${from.data} to ${to.data}, each verified by SHA-256; ` +
          `${report.alreadyThere} already there; ${report.orphans} orphans left in ${from.data} (their tickets are gone)` +
          `${report.failed.length ? `; ${report.failed.length} FAILED` : ""}\n`,
      );
      for (const f of report.failed) process.stderr.write(`worksmith: ${f.key}: ${f.reason}\n`);
      process.exit(report.failed.length ? 1 : 0);
    });

  files
    .command("sweep")
    .description("Remove files no row needs (their ticket ended without them, or is gone) and unfinished uploads")
    .option("--min-age-minutes <n>", "leave files younger than this alone", "10")
    .action(async (opts: { minAgeMinutes: string }) => {
      const minutes = z.coerce.number().int().min(0).max(10_000_000).safeParse(opts.minAgeMinutes);
      if (!minutes.success) die("--min-age-minutes takes a whole number of minutes", 2);
      const report = await withServerSide(async ({ config, database, storage, files: rows }) => {
        const sql = storage.sqlRunnerOf(database.raw);
        const { store } = await storage.openFileStore({ store: config.files.store, dataDir: config.dataDir, s3: config.files.s3, sql });
        try {
          return await storage.sweepOrphanFiles(store, {
            stillNeeded: (keys) => rows.fileKeysStillNeeded(database.db, keys),
            minAgeMs: minutes.data * 60_000,
            incompleteAfterMs: Math.max(minutes.data, 60) * 60_000,
          });
        } finally {
          await store.close();
        }
      });
      process.stdout.write(
        `worksmith: checked ${report.checked} files, removed ${report.removed} no row needs and ${report.incomplete} unfinished uploads\n`,
      );
    });
}
