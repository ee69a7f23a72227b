// `worksmith context add <project> <file|->` and `worksmith context list <project>`: a file goes up
// as multipart (the server extracts its text); `-` reads stdin and posts it as a JSON note.
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { ContextItemView } from "../../domain/contract.js";
import { CliError, EXIT } from "../client/errors.js";
import { resolveProject } from "../client/projects.js";
import { formatAge, formatTable } from "../client/table.js";
import { clientCommand, clientFor, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const MIME_BY_EXT: Record<string, string> = {
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".pdf": "application/pdf",
};

const TITLE_MAX = 120;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** A note's title when none is given: its first non-empty line, without a markdown heading mark. */
export function titleFromText(text: string): string {
  const first = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^#+\s*/, "").trim())
    .find((l) => l !== "");
  if (!first) return "Note";
  return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
}

export function registerContextCommands(program: Command, version: string): void {
  const context = inputErrorsExit2(program.command("context").description("A project's context: the notes and files agents work from"));

  clientCommand(context.command("add <project> <file>"))
    .description("Add a file (.md .txt .csv .pdf) to a project's context, or `-` to read a note from stdin")
    .option("-t, --title <title>", "title (default: the file name, or the note's first line)")
    .option("--json", "print JSON")
    .action(
      run(async (projectRef: string, file: string, flags: ConnectionFlags & { title?: string; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const project = await resolveProject(client, projectRef);
        const path = `/api/projects/${project.id}/context`;
        let item: ContextItemView;
        if (file === "-") {
          const body = await readStdin();
          if (body.trim() === "")
            throw new CliError("nothing on stdin: pipe the note's text in, e.g. `echo '...' | worksmith context add P -`", EXIT.input);
          item = await client.request("POST", path, ContextItemView, { json: { title: flags.title ?? titleFromText(body), body } });
        } else {
          let bytes: Buffer;
          try {
            bytes = await readFile(file);
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            throw new CliError(
              `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String(code ?? err)}`,
              EXIT.input,
            );
          }
          const form = new FormData();
          const type = MIME_BY_EXT[extname(file).toLowerCase()] ?? "application/octet-stream";
          form.append("file", new Blob([new Uint8Array(bytes)], { type }), basename(file));
          if (flags.title) form.append("title", flags.title);
          item = await client.request("POST", path, ContextItemView, { body: form });
        }
        if (flags.json) return printJson(t, item);
        t.out(`added ${item.kind} ${JSON.stringify(item.title)} (${item.bytes} bytes) to ${JSON.stringify(project.name)} — ${item.id}\n`);
      }),
    );

  clientCommand(context.command("list <project>"))
    .description("List a project's context items")
    .option("--json", "print JSON")
    .action(
      run(async (projectRef: string, flags: ConnectionFlags & { json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const project = await resolveProject(client, projectRef);
        const list = await client.request(
          "GET",
          `/api/projects/${project.id}/context`,
          z.object({ items: z.array(ContextItemView) }).passthrough(),
        );
        if (flags.json) return printJson(t, list);
        t.out(
          formatTable(
            ["ID", "KIND", "BYTES", "ADDED", "TITLE"],
            list.items.map((i) => [i.id, i.kind, String(i.bytes), formatAge(i.created_at), i.title]),
          ),
        );
      }),
    );
}
