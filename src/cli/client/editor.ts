// Editing a text in the person's editor ($VISUAL, then $EDITOR, then vi): `answer --edit` and the
// interactive answer of `follow` (a long text field such as the deck's outline, or a list).
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CliError, EXIT } from "./errors.js";

/** The text as saved when the editor exits; a failing editor answers nothing (exit 2). */
export async function editText(name: string, initial: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "worksmith-answer-"));
  const file = join(dir, `${name.replace(/[^\w-]/g, "_")}.md`);
  try {
    await writeFile(file, initial);
    const editor = process.env.VISUAL ?? process.env.EDITOR ?? "vi";
    const done = spawnSync(`${editor} "${file}"`, { stdio: "inherit", shell: true });
    if (done.status !== 0)
      throw new CliError(`the editor (${editor}) exited with ${done.status ?? done.signal}; nothing was answered`, EXIT.input);
    return await readFile(file, "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
