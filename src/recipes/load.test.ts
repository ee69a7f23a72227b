import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRecipeVersion, listRecipeVersions } from "../db/repositories/recipe-versions.js";
import { getRecipe, listActiveRecipes } from "../db/repositories/recipes.js";
import { validateParameters } from "../domain/parameters.js";
import { DRIVERS, openTestDatabase, type TestDatabase } from "../../test/helpers/databases.js";
import { loadRecipeFiles, syncRecipes } from "./load.js";

const GOOD = {
  slug: "blog-post",
  name: "Blog post",
  description: "d",
  icon: "📝",
  agent_type: "content",
  output_format: "markdown",
  parameters: {
    type: "object",
    required: ["topic"],
    properties: {
      topic: { type: "string", title: "Topic", minLength: 1 },
      tone: { type: "string", title: "Tone", enum: ["a", "b"], default: "a" },
    },
  },
};

async function dirWith(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "recipes-"));
  for (const [name, body] of Object.entries(files)) {
    await writeFile(join(dir, name), typeof body === "string" ? body : JSON.stringify(body));
  }
  return dir;
}

describe("the built-in recipes", () => {
  it("parse, cover three agent types and at least six recipes, and accept a topic alone", async () => {
    const recipes = await loadRecipeFiles();
    expect(recipes.length).toBeGreaterThanOrEqual(6);
    expect(new Set(recipes.map((r) => r.agent_type))).toEqual(new Set(["reporting", "research", "content"]));
    const formats = new Set(recipes.flatMap((r) => [r.output_format, ...r.extra_formats]));
    expect(formats).toEqual(new Set(["pptx", "pdf", "markdown", "xlsx"]));
    for (const r of recipes) {
      expect(r.parameters.required, r.slug).toContain("topic");
      expect([...new Intl.Segmenter().segment(r.icon)].length, `${r.slug} icon`).toBe(1);
      const ok = validateParameters(r.parameters, { topic: "Q3 revenue" });
      expect(ok.ok, r.slug).toBe(true);
      const empty = validateParameters(r.parameters, { topic: "" });
      expect(empty.ok, r.slug).toBe(false);
      // A choice for the form to offer: one of a set, some of a set, or a list in the person's own words.
      const hasEnum = Object.values(r.parameters.properties).some((p) => Array.isArray(p.enum) || p.type === "array");
      const hasBoundedInt = Object.values(r.parameters.properties).some(
        (p) => p.type === "integer" && typeof p.minimum === "number" && typeof p.maximum === "number" && p.default !== undefined,
      );
      expect(hasEnum && hasBoundedInt, `${r.slug} has choices and bounded integers`).toBe(true);
    }
  });

  it("refuse an out-of-range slide count, naming the field", async () => {
    const deck = (await loadRecipeFiles()).find((r) => r.slug === "executive-summary-deck")!;
    const res = validateParameters(deck.parameters, { topic: "x", slide_count: 50 });
    expect(res).toEqual({
      ok: false,
      errors: [{ field: "parameters/slide_count", message: "Maximum number of slides must be at most 20" }],
    });
  });
});

describe("loadRecipeFiles on bad files", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  async function loadError(files: Record<string, unknown>): Promise<string> {
    const dir = await dirWith(files);
    dirs.push(dir);
    return loadRecipeFiles(dir).then(
      () => "loaded",
      (err: unknown) => (err instanceof Error ? err.message : String(err)),
    );
  }

  it("names the file and the field of a bad enum", async () => {
    const bad = structuredClone(GOOD);
    (bad.parameters.properties.tone as { enum: unknown }).enum = "a,b";
    const message = await loadError({ "blog-post.json": bad });
    expect(message).toMatch(/blog-post\.json: parameters\.properties\.tone\.enum: /);
  });

  it("names a missing field", async () => {
    const { name: _name, ...bad } = GOOD;
    expect(await loadError({ "blog-post.json": bad })).toMatch(/blog-post\.json: name: /);
  });

  it("rejects invalid JSON", async () => {
    expect(await loadError({ "blog-post.json": "{ nope" })).toMatch(/blog-post\.json: not valid JSON/);
  });

  it("rejects a schema Ajv cannot compile", async () => {
    const bad = structuredClone(GOOD);
    (bad.parameters.properties.topic as Record<string, unknown>).pattern = "([";
    expect(await loadError({ "blog-post.json": bad })).toMatch(/blog-post\.json: parameters: not a valid JSON Schema/);
  });

  it("rejects a default that breaks its own property", async () => {
    const bad = structuredClone(GOOD);
    (bad.parameters.properties.tone as Record<string, unknown>).default = "c";
    expect(await loadError({ "blog-post.json": bad })).toMatch(
      /blog-post\.json: parameters\.properties\.tone\.default: Tone must be one of: a, b/,
    );
  });

  it("rejects a required name that is not a property", async () => {
    const bad = structuredClone(GOOD);
    bad.parameters.required = ["topic", "subject"];
    expect(await loadError({ "blog-post.json": bad })).toMatch(/blog-post\.json: parameters\.required: "subject"/);
  });

  it("rejects a slug that does not match its file", async () => {
    expect(await loadError({ "other.json": GOOD })).toMatch(/other\.json: slug: "blog-post" must match/);
  });

  it("refuses two files with the same slug, naming the second file", async () => {
    // A directory cannot hold two files of one name, so the duplicate is a second file claiming the
    // slug; either rule that refuses it (file-name match, or the seen-slug check) must name it.
    const message = await loadError({ "blog-post.json": GOOD, "blog-post-copy.json": GOOD });
    expect(message).toMatch(/blog-post-copy\.json: slug: "blog-post" (must match|is already used)/);
    // The first file alone loads: the refusal is about the duplicate.
    expect(await loadError({ "blog-post.json": GOOD })).toBe("loaded");
  });

  it("loads a good directory", async () => {
    expect(await loadError({ "blog-post.json": GOOD, "notes.txt": "ignored" })).toBe("loaded");
  });
});

describe.each(DRIVERS)("syncRecipes on %s", (driver) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(driver);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it("upserts every recipe as a read-only system recipe and is idempotent", async () => {
    const loaded = await syncRecipes(t.database);
    await syncRecipes(t.database);
    const active = await listActiveRecipes(t.database.db);
    expect(active.map((r) => r.slug).sort()).toEqual(loaded.map((r) => r.slug).sort());
    const deck = await getRecipe(t.database.db, "executive-summary-deck");
    expect(deck).toEqual({ ...loaded.find((r) => r.slug === "executive-summary-deck"), system: true, project_id: null });
    // Syncing twice saved one version, not two.
    expect((await listRecipeVersions(t.database.db, "executive-summary-deck")).map((v) => v.version)).toEqual([deck!.version]);
  });

  it("saves a changed file as a new version and keeps the old one as it was", async () => {
    const dir = await mkdtemp(join(tmpdir(), "recipes-sync-"));
    try {
      const original = GOOD;
      await writeFile(join(dir, "sync-probe.json"), JSON.stringify({ ...original, slug: "sync-probe" }));
      await syncRecipes(t.database, dir);
      const first = await getRecipe(t.database.db, "sync-probe");
      await writeFile(join(dir, "sync-probe.json"), JSON.stringify({ ...original, slug: "sync-probe", description: "Changed on disk" }));
      await syncRecipes(t.database, dir);
      const second = await getRecipe(t.database.db, "sync-probe");
      expect(second!.version).toBe(first!.version + 1);
      expect(second!.description).toBe("Changed on disk");
      expect((await getRecipeVersion(t.database.db, "sync-probe", first!.version))!.description).toBe(original.description);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
