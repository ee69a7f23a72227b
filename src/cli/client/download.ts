// Saving a ticket's outputs into a directory: each file under its own filename, cleaned to a single
// path segment, so nothing the server says can write outside the directory the user named.
import { createWriteStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { OutputView } from "../../domain/contract.js";
import { CliError, EXIT } from "./errors.js";
import type { ApiClient } from "./http.js";

const MAX_NAME = 180;

/** The last segment of `name`, without control characters, leading dots or reserved characters. */
export function safeFileName(name: string | null | undefined, fallback: string): string {
  const last = (name ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = last
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "")
    .slice(0, MAX_NAME);
  return cleaned === "" ? fallback : cleaned;
}

/** `dir/name`, refusing anything that would resolve outside `dir` (belt and braces after safeFileName). */
export function pathInside(dir: string, name: string): string {
  const root = resolve(dir);
  const target = resolve(root, name);
  const rel = relative(root, target);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel))
    throw new CliError(`refusing to write ${JSON.stringify(name)} outside ${root}`, EXIT.server);
  return target;
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) return name;
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "output"
  );
}

export interface SavedFile {
  output_id: string;
  title: string;
  path: string;
  bytes: number;
}

/**
 * Writes each output with a file (via its signed download_url) under its filename; an output that is
 * only text is saved as `<title>.md`. Returns what was written, in order.
 */
export async function downloadOutputs(client: ApiClient, outputs: readonly OutputView[], dir: string): Promise<SavedFile[]> {
  await mkdir(resolve(dir), { recursive: true });
  const taken = new Set<string>();
  const saved: SavedFile[] = [];
  for (const output of outputs) {
    if (output.download_url) {
      const name = uniqueName(safeFileName(output.filename, `${output.id}.${output.file_format ?? "bin"}`), taken);
      taken.add(name.toLowerCase());
      const path = pathInside(dir, name);
      const res = await client.fetchOk(client.url(output.download_url));
      if (!res.body) throw new CliError(`the download of ${JSON.stringify(output.title)} had no body`, EXIT.server);
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(path));
      const { size } = await stat(path);
      saved.push({ output_id: output.id, title: output.title, path, bytes: size });
    } else if (output.body.trim() !== "") {
      const name = uniqueName(`${slug(output.title)}.md`, taken);
      taken.add(name.toLowerCase());
      const path = pathInside(dir, name);
      await writeFile(path, output.body, "utf8");
      saved.push({ output_id: output.id, title: output.title, path, bytes: Buffer.byteLength(output.body) });
    }
  }
  return saved;
}
