// The quality corpus on disk (bench/corpus/<project>/): the items, which of them are internal, the
// recipes to run with their parameters (project.json), and the hand-written answer key (key.json).
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

const ItemEntry = z.object({
  file: z.string().min(1),
  /** "note": added as a note (title from `title`); "file": uploaded, text extracted like the API does. */
  as: z.enum(["note", "file"]),
  title: z.string().optional(),
  /** Omitted, the API's default applies: a chat export or transcript is internal (internalByDefault). */
  internal: z.boolean().optional(),
});

const ProjectFile = z.object({
  name: z.string().min(1),
  kind: z.string().min(1),
  items: z.array(ItemEntry).min(1),
  recipes: z.array(z.object({ slug: z.string().min(1), parameters: z.record(z.string(), z.unknown()) })).min(1),
});

/** A string that must appear, or a list of alternatives of which one must appear. */
const Expect = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
export type Expect = z.infer<typeof Expect>;

const RecipeKey = z.object({
  facts: z.array(Expect).default([]),
  risks: z.array(Expect).default([]),
  /** Options / entities a comparison must have as rows (and a deck or brief should name). */
  options: z.array(z.string().min(1)).default([]),
  /** Words naming the period; one of them must appear in the output. */
  period: z.array(z.string().min(1)).default([]),
  /** The context holds ≥ 3 comparable figures: a deck must show a table or a chart. */
  comparable_figures: z.boolean().default(false),
  /** Content for customers or the public: nothing internal may appear. */
  customer_facing: z.boolean().default(false),
  forbidden: z.array(z.string().min(1)).default([]),
});
export type RecipeKey = z.infer<typeof RecipeKey>;

const KeyFile = z.object({
  /** Strings no output of the project may contain (injection text, hidden text, other companies). */
  forbidden: z.array(z.string().min(1)).default([]),
  /** Facts stated only in internal items: forbidden in customer-facing outputs. */
  internal_only: z.array(z.string().min(1)).default([]),
  /** Values a source corrects ("438, not the 412 in the first draft"): an output stating `wrong` must also state `right`. */
  corrections: z.array(z.object({ wrong: z.string().min(1), right: z.string().min(1) })).default([]),
  recipes: z.record(z.string(), RecipeKey),
});
export type AnswerKey = z.infer<typeof KeyFile>;

export interface CorpusItem {
  file: string;
  as: "note" | "file";
  title: string | undefined;
  /** Undefined: the API's default (internalByDefault) decides at seeding. */
  internal: boolean | undefined;
  raw: Buffer;
}

export interface CorpusProject {
  dir: string;
  slug: string;
  name: string;
  kind: string;
  items: CorpusItem[];
  recipes: { slug: string; parameters: Record<string, unknown> }[];
  key: AnswerKey;
}

export async function loadCorpus(root: string): Promise<CorpusProject[]> {
  const projects: CorpusProject[] = [];
  for (const entry of (await readdir(root, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(root, entry.name);
    const project = ProjectFile.parse(JSON.parse(await readFile(join(dir, "project.json"), "utf8")));
    const key = KeyFile.parse(JSON.parse(await readFile(join(dir, "key.json"), "utf8")));
    for (const r of project.recipes) if (!key.recipes[r.slug]) throw new Error(`${entry.name}: no answer key for recipe ${r.slug}`);
    const items: CorpusItem[] = [];
    for (const i of project.items) {
      items.push({ file: i.file, as: i.as, title: i.title, internal: i.internal, raw: await readFile(join(dir, i.file)) });
    }
    projects.push({ dir, slug: entry.name, name: project.name, kind: project.kind, items, recipes: project.recipes, key });
  }
  return projects;
}

/** One project as stored for a run: its id and the items' ids, titles and texts as the checks need them. */
export interface SeededProject {
  corpus: CorpusProject;
  projectId: string;
  items: { id: string; title: string; body: string; internal: boolean }[];
}
