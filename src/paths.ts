// Where the package's own files are, whether we run from src/ (tsx, tests) or dist/src/ (npm start).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "recipes"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the worksmith package root above ${start}`);
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, "src", "db", "migrations");
export const RECIPES_DIR = join(PACKAGE_ROOT, "recipes");
export const WEB_DIST_DIR = join(PACKAGE_ROOT, "dist", "web");
