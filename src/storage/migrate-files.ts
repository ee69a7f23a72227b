// `worksmith files migrate`: copies every file of one store into another, streaming, and proves each
// copy by reading it back: the SHA-256 of the bytes read from the target must equal the SHA-256 of the
// bytes that left the source. A copy that does not match is deleted and reported; nothing is removed
// from the source unless asked, and then only after its copy checked out. Running it again skips
// files the target already holds with the same bytes.
import { createHash } from "node:crypto";
import { mimeOfKey, type FileStore } from "./file-store.js";

export interface MigrateOptions {
  from: FileStore;
  to: FileStore;
  /** Of these keys, the ones worth moving (their ticket still exists); the rest are orphans, left for the sweep. */
  keep(keys: string[]): Promise<Set<string>>;
  deleteSource: boolean;
  onFile?(key: string, outcome: "moved" | "already there" | "orphan" | "failed"): void;
}

export interface MigrateReport {
  moved: number;
  bytes: number;
  alreadyThere: number;
  orphans: number;
  failed: { key: string; reason: string }[];
}

async function sha256Of(store: FileStore, key: string): Promise<{ bytes: number; sha256: string } | null> {
  const file = await store.get(key);
  if (!file) return null;
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = file.stream().getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    hash.update(next.value);
    bytes += next.value.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}

export async function migrateFiles(options: MigrateOptions): Promise<MigrateReport> {
  const { from, to } = options;
  const report: MigrateReport = { moved: 0, bytes: 0, alreadyThere: 0, orphans: 0, failed: [] };
  // Keys first (a listing is cheap), then one file at a time: memory stays one file's stream.
  const keys: string[] = [];
  for await (const file of from.list()) keys.push(file.key);
  const BATCH = 500;
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const keep = await options.keep(batch);
    for (const key of batch) {
      if (!keep.has(key)) {
        report.orphans += 1;
        options.onFile?.(key, "orphan");
        continue;
      }
      const outcome = await moveOne(key).catch((err: unknown) => ({ failed: err instanceof Error ? err.message : String(err) }));
      if (typeof outcome === "object") {
        report.failed.push({ key, reason: outcome.failed });
        options.onFile?.(key, "failed");
        continue;
      }
      if (options.deleteSource) await from.delete(key);
      options.onFile?.(key, outcome);
    }
  }
  return report;

  async function moveOne(key: string): Promise<"moved" | "already there" | { failed: string }> {
    const source = await from.get(key);
    if (!source) return { failed: "vanished from the source" };
    if (await to.exists(key)) {
      const [a, b] = await Promise.all([sha256Of(from, key), sha256Of(to, key)]);
      if (a && b && a.sha256 === b.sha256 && a.bytes === b.bytes) {
        report.alreadyThere += 1;
        return "already there";
      }
    }
    const sent = await to.put(key, source.stream(), mimeOfKey(key));
    const back = await sha256Of(to, key);
    if (!back || back.sha256 !== sent.sha256 || back.bytes !== sent.bytes || sent.bytes !== source.bytes) {
      await to.delete(key).catch(() => undefined);
      return {
        failed: `checksum mismatch: sent ${sent.bytes} bytes sha256 ${sent.sha256}, read back ${back?.bytes ?? 0} bytes sha256 ${back?.sha256 ?? "none"}`,
      };
    }
    report.moved += 1;
    report.bytes += sent.bytes;
    return "moved";
  }
}
