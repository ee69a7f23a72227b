// Independent readers for generated files: poppler's pdftotext/pdfinfo and headless LibreOffice
// (apt: poppler-utils, libreoffice-impress, libreoffice-calc). Nothing here shares code with the
// skills that wrote the files.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function pdfText(pdf: Buffer): Promise<string> {
  return withDir(async (dir) => {
    const path = join(dir, "in.pdf");
    await writeFile(path, pdf);
    const { stdout } = await run("pdftotext", ["-layout", path, "-"], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withDir(async (dir) => {
    const path = join(dir, "in.pdf");
    await writeFile(path, pdf);
    const { stdout } = await run("pdfinfo", [path]);
    return Object.fromEntries(
      stdout.split("\n").flatMap((line) => {
        const m = /^([^:]+):\s*(.*)$/.exec(line);
        return m ? [[m[1]!.trim(), m[2]!.trim()]] : [];
      }),
    );
  });
}

/** Convert office files to PDF with one headless LibreOffice run (own profile dir: runs can overlap). */
export async function officeToPdf(files: { name: string; data: Buffer }[]): Promise<Map<string, Buffer>> {
  return withDir(async (dir) => {
    const paths = [];
    for (const f of files) {
      const p = join(dir, f.name);
      await writeFile(p, f.data);
      paths.push(p);
    }
    const profile = `file://${join(dir, `lo-profile-${randomUUID()}`)}`;
    await run("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...paths], {
      timeout: 120_000,
    });
    const out = new Map<string, Buffer>();
    for (const f of files) out.set(f.name, await readFile(join(dir, f.name.replace(/\.[^.]+$/, ".pdf"))));
    return out;
  });
}

async function withDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "readers-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
