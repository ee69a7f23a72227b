// `worksmith outputs <ticket> [--download DIR]`: what a ticket produced, and its files saved locally
// through their signed download links.
import type { Command } from "commander";
import { z } from "zod";
import { OutputView } from "../../domain/contract.js";
import { downloadOutputs } from "../client/download.js";
import { formatTable } from "../client/table.js";
import { groundingCell, groundingLine } from "../client/usage-text.js";
import { clientCommand, clientFor, printJson, run, terminal, type ConnectionFlags } from "./shared.js";

const OutputList = z.object({ items: z.array(OutputView) }).passthrough();

function size(bytes: number | null): string {
  if (bytes === null) return "-";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function registerOutputCommands(program: Command, version: string): void {
  clientCommand(program.command("outputs <ticket>"))
    .description("List a ticket's outputs, or save them with --download DIR")
    .option("-d, --download <dir>", "save every output into DIR (files under their own names; text-only outputs as .md)")
    .option("--json", "print JSON")
    .action(
      run(async (id: string, flags: ConnectionFlags & { download?: string; json?: boolean }) => {
        const client = clientFor(flags, version);
        const t = terminal();
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
