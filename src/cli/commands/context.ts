// `worksmith context add <project> <file|-> [--internal]`, `context list <project>`, `context show
// <project> <item>`, `context edit <project> <item> [file|-] [--title]` and `context internal
// <project> <item> on|off`: a file goes up as multipart (the server extracts its text); `-` reads
// stdin and posts it as a JSON note.
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { ContextItemDetail, ContextItemView, type ContextFlagView } from "../../domain/contract.js";
import { CliError, EXIT } from "../client/errors.js";
import { resolveProject } from "../client/projects.js";
import { formatAge, formatTable } from "../client/table.js";
import { clientCommand, clientFor, inputErrorsExit2, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const MIME_BY_EXT: Record<string, string> = {
  ".md": "text/markdown",
  ".markdown": "text/markdown",
  ".txt": "text/plain",
  ".vtt": "text/vtt",
  ".srt": "application/x-subrip",
  ".csv": "text/csv",
  ".pdf": "application/pdf",
  ".html": "text/html",
  ".htm": "text/html",
  ".json": "application/json",
};

const TITLE_MAX = 120;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** "markup removed ×2 (<img src=x onerror=…>); possible prompt injection removed" — for the list. */
export function flagsText(flags: readonly ContextFlagView[]): string {
  if (flags.length === 0) return "-";
  return flags.map((f) => `${f.label}${f.count > 1 ? ` ×${f.count}` : ""}`).join("; ");
}

/** A note's new text: a file's contents, or stdin for `-`; empty is a usage error. */
async function readNoteText(file: string): Promise<string> {
  let text: string;
  try {
    text = file === "-" ? await readStdin() : await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String(code ?? err)}`,
      EXIT.input,
    );
  }
  if (text.trim() === "") throw new CliError(`the new text is empty${file === "-" ? " (nothing on stdin)" : ""}`, EXIT.input);
  return text;
}

/** `on`/`off` (and true/false, yes/no) for `context internal`; anything else is a usage error. */
export function parseOnOff(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (["on", "true", "yes", "1"].includes(v)) return true;
  if (["off", "false", "no", "0"].includes(v)) return false;
  throw new CliError(`expected on or off, not ${JSON.stringify(value)}`, EXIT.input);
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
    .description("Add a file (.md .txt .csv .pdf .html .json) to a project's context, or `-` to read a note from stdin")
    .option("-t, --title <title>", "title (default: the file name, or the note's first line)")
    .option(
      "--internal",
      "internal: never used in content for customers or the public (a chat export or transcript is, unless switched off)",
    )
    .option("--json", "print JSON")
    .action(
      run(async (projectRef: string, file: string, flags: ConnectionFlags & { title?: string; internal?: boolean; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const project = await resolveProject(client, projectRef);
        const path = `/api/projects/${project.id}/context`;
        let item: ContextItemView;
        if (file === "-") {
          const body = await readStdin();
          if (body.trim() === "")
            throw new CliError("nothing on stdin: pipe the note's text in, e.g. `echo '...' | worksmith context add P -`", EXIT.input);
          item = await client.request("POST", path, ContextItemView, {
            json: { title: flags.title ?? titleFromText(body), body, ...(flags.internal ? { internal: true } : {}) },
          });
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
          if (flags.internal) form.append("internal", "true");
          item = await client.request("POST", path, ContextItemView, { body: form });
        }
        if (flags.json) return printJson(t, item);
        t.out(
          `added ${item.internal ? "internal " : ""}${item.kind} ${JSON.stringify(item.title)} (${item.bytes} bytes) to ${JSON.stringify(project.name)} — ${item.id}\n`,
        );
        // What the cleaner took out, so a person sees it at once rather than in an output later.
        for (const f of item.flags) t.out(`  ⚠ ${f.label}${f.count > 1 ? ` ×${f.count}` : ""}: ${JSON.stringify(f.excerpt)}\n`);
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
            ["ID", "KIND", "BYTES", "ADDED", "INTERNAL", "FLAGS", "TITLE"],
            list.items.map((i) => [
              i.id,
              i.kind,
              String(i.bytes),
              formatAge(i.created_at),
              i.internal ? "yes" : "-",
              flagsText(i.flags),
              i.title,
            ]),
          ),
        );
      }),
    );

  clientCommand(context.command("show <project> <item>"))
    .description("Print a context item's text: the clean text agents read (--original: as submitted)")
    .option("--original", "the text as submitted, markup and all")
    .option("--json", "print JSON")
    .action(
      run(async (projectRef: string, itemId: string, flags: ConnectionFlags & { original?: boolean; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        const project = await resolveProject(client, projectRef);
        const item = await client.request(
          "GET",
          `/api/projects/${project.id}/context/${encodeURIComponent(itemId)}`,
          ContextItemDetail.passthrough(),
        );
        if (flags.json) return printJson(t, item);
        const text = flags.original ? item.original : item.text;
        t.out(`${text}${text.endsWith("\n") ? "" : "\n"}`);
      }),
    );

  clientCommand(context.command("edit <project> <item> [file]"))
    .description("Change a note: its text from a file or `-` (stdin) and/or --title; the server analyses it again")
    .option("-t, --title <title>", "the new title")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          projectRef: string,
          itemId: string,
          file: string | undefined,
          flags: ConnectionFlags & { title?: string; json?: boolean },
        ) => {
          if (file === undefined && flags.title === undefined) {
            throw new CliError("nothing to change: give the new text (a file, or - for stdin) and/or --title", EXIT.input);
          }
          const body = file === undefined ? undefined : await readNoteText(file);
          const client = clientFor(flags, version);
          const t = terminal();
          const project = await resolveProject(client, projectRef);
          const item = await client.request("PATCH", `/api/projects/${project.id}/context/${encodeURIComponent(itemId)}`, ContextItemView, {
            json: { ...(flags.title === undefined ? {} : { title: flags.title }), ...(body === undefined ? {} : { body }) },
          });
          if (flags.json) return printJson(t, item);
          t.out(`updated ${JSON.stringify(item.title)} (${item.bytes} bytes), analysed again — ${item.id}\n`);
          for (const f of item.flags) t.out(`  ⚠ ${f.label}${f.count > 1 ? ` ×${f.count}` : ""}: ${JSON.stringify(f.excerpt)}\n`);
        },
      ),
    );

  clientCommand(context.command("internal <project> <item> <on|off>"))
    .description("Mark an item internal (never used in content for customers or the public), or not")
    .option("--json", "print JSON")
    .action(
      run(async (projectRef: string, itemId: string, value: string, flags: ConnectionFlags & { json?: boolean }) => {
        const internal = parseOnOff(value);
        const client = clientFor(flags, version);
        const t = terminal();
        const project = await resolveProject(client, projectRef);
        const item = await client.request("PATCH", `/api/projects/${project.id}/context/${encodeURIComponent(itemId)}`, ContextItemView, {
          json: { internal },
        });
        if (flags.json) return printJson(t, item);
        t.out(
          `${JSON.stringify(item.title)} is ${item.internal ? "internal: never used for customers or the public" : "no longer internal"}\n`,
        );
      }),
    );
}
