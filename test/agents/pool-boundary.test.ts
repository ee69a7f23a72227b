// The pool's threads never touch the database (decision 0005): nothing the worker entry imports,
// directly or through other modules, is database or storage code. A static walk of the imports;
// the same walk from the runtime (which does use the database) shows that it would notice.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FORBIDDEN = [/^src\/db\//, /^src\/storage\//, /^pkg:@electric-sql\/pglite/, /^pkg:pg$/, /^pkg:drizzle-orm/];

/** Every module reachable from `entry`: repo files as paths from the root, packages as "pkg:name". */
function importsOf(entry: string): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    const key = relative(ROOT, file);
    if (seen.has(key)) return;
    seen.add(key);
    const source = readFileSync(file, "utf8");
    // Value imports only: `import type` and `export type` are erased and load nothing.
    const specifiers = [
      ...source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']/gm),
      ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1]!);
    for (const spec of specifiers) {
      if (spec.startsWith(".")) walk(resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
      else if (!spec.startsWith("node:")) seen.add(`pkg:${spec}`);
    }
  };
  walk(resolve(ROOT, entry));
  return seen;
}

describe("the agent pool's worker entry", () => {
  it("imports no database or storage code", () => {
    const reached = [...importsOf("src/agents/pool/worker.ts")];
    expect(reached).toContain("src/agents/pool/jobs.ts");
    expect(reached).toContain("src/agents/skills/pptx.ts");
    expect(reached.filter((m) => FORBIDDEN.some((re) => re.test(m)))).toEqual([]);
  });

  it("(the walk notices database code where it is imported)", () => {
    const reached = [...importsOf("src/agents/runtime.ts")];
    expect(reached.filter((m) => FORBIDDEN.some((re) => re.test(m))).length).toBeGreaterThan(0);
  });
});
