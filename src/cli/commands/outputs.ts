// `worksmith outputs <ticket> [--download DIR]`: what a ticket produced, and its files saved locally
// through their signed download links. `worksmith outputs --project ID`: the project's outputs library
// (issue 15), newest first, with each output's version in its lineage of regenerations.
import type { Command } from "commander";
import { z } from "zod";
import { OutputView } from "../../domain/contract.js";
import { LibraryFormat, LibraryPage } from "../../domain/outputs-library.js";
import { downloadOutputs } from "../client/download.js";
import { CliError, EXIT } from "../client/errors.js";
import { resolveProject } from "../client/projects.js";
import { formatTable } from "../client/table.js";
import { groundingCell, groundingLine } from "../client/usage-text.js";
import { clientCommand, clientFor, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const OutputList = z.object({ items: z.array(OutputView) }).passthrough();

interface LibraryFlags extends ConnectionFlags {
  project: string;
  recipe?: string;
  format?: string;
  search?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** The query of a library listing, checked here so a typo is one line with exit 2, not a server round trip. */
export function libraryQuery(flags: Pick<LibraryFlags, "recipe" | "format" | "search" | "limit" | "cursor">): URLSearchParams {
  const q = new URLSearchParams();
  if (flags.recipe) q.set("recipe", flags.recipe);
  if (flags.format) {
    const format = LibraryFormat.safeParse(flags.format);
    if (!format.success) throw new CliError(`--format must be one of ${LibraryFormat.options.join(", ")}`, EXIT.input);
    q.set("format", format.data);
  }
  if (flags.search) q.set("q", flags.search);
  if (flags.limit) {
    const n = Number(flags.limit);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new CliError("--limit must be a whole number from 1 to 100", EXIT.input);
    q.set("limit", String(n));
  }
  if (flags.cursor) q.set("cursor", flags.cursor);
  return q;
}

function size(bytes: number | null): string {
  if (bytes === null) return "-";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerOutputCommands(program: Command, version: string): void {
  clientCommand(program.command("outputs [ticket]"))
    .description("List a ticket's outputs, or save them with --download DIR; with --project, the project's outputs library")
    .option("-d, --download <dir>", "save every output into DIR (files under their own names; text-only outputs as .md)")
    .option("-p, --project <id-or-name>", "list every output of the project, newest first, with its version in its lineage")
    .option("--recipe <slug>", "with --project: only this recipe's outputs")
    .option("--format <format>", `with --project: ${LibraryFormat.options.join(", ")}`)
    .option("-s, --search <words>", "with --project: search output titles")
    .option("--limit <n>", "with --project: outputs per page (1-100, default 50)")
    .option("--cursor <cursor>", "with --project: the next page, as the previous listing printed it")
    .option("--json", "print JSON")
    .action(
      run(async (id: string | undefined, flags: ConnectionFlags & Partial<LibraryFlags> & { download?: string; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
        if (flags.project !== undefined) {
          if (id !== undefined || flags.download)
            throw new CliError("--project lists a project's outputs: give no ticket and no --download", EXIT.input);
          const q = libraryQuery(flags);
          const project = await resolveProject(client, flags.project);
          const page = await client.request("GET", `/api/projects/${encodeURIComponent(project.id)}/outputs?${q.toString()}`, LibraryPage);
          if (flags.json) return printJson(t, page);
          if (page.items.length === 0) return t.out("No outputs.\n");
          t.out(
            formatTable(
              ["ID", "VERSION", "LINEAGE", "FORMAT", "SIZE", "RECIPE", "TICKET", "TITLE"],
              page.items.map((o) => [
                o.id,
                `v${o.lineage.version}/${o.lineage.versions}`,
                o.lineage.id.slice(0, 8),
                o.file_format ?? "text",
                size(o.bytes),
                o.ticket.recipe_slug,
                o.ticket.id,
                o.title,
              ]),
            ),
          );
          if (page.next_cursor) t.out(`more: --cursor ${page.next_cursor}\n`);
          return;
        }
        if (id === undefined) throw new CliError("give a ticket id, or --project ID for the project's outputs", EXIT.input);
        const list = await client.request("GET", `/api/work/tickets/${encodeURIComponent(id)}/outputs`, OutputList);
        if (flags.download) {
          const saved = await downloadOutputs(client, list.items, flags.download);
          if (flags.json) return printJson(t, { items: saved });
          if (saved.length === 0) return t.out("This ticket has no outputs to save.\n");
          for (const f of saved) t.out(`saved ${f.path} (${size(f.bytes)})\n`);
          return;
        }
        if (flags.json) return printJson(t, list);
        if (list.items.length === 0) return t.out("No outputs.\n");
        t.out(
          formatTable(
            ["ID", "FORMAT", "SIZE", "FILE", "FIGURES", "TITLE"],
            list.items.map((o) => [o.id, o.file_format ?? "text", size(o.bytes), o.filename ?? "-", groundingCell(o.grounding), o.title]),
          ),
        );
        // Figures no cited source states are worth a line each: a person should check them before sending.
        for (const o of list.items) {
          if (o.grounding && o.grounding.unverified.length > 0) t.out(`⚠ ${o.title}: ${groundingLine(o.grounding)}\n`);
        }
      }),
    );
}
