// Which earlier output a version is compared with: the same kind of output (type and format) of the
// newest earlier ticket of the lineage that has one. Pure, so the library and the track page agree.
import type { LibraryOutput } from "../../../../src/domain/outputs-library.js";

const sameSlot = (a: LibraryOutput, b: LibraryOutput) => a.output_type === b.output_type && a.file_format === b.file_format;

/** The output `head` is best compared with, among outputs of its lineage; null when it is the first of its kind. */
export function previousVersionOf(head: LibraryOutput, lineage: readonly LibraryOutput[]): LibraryOutput | null {
  let best: LibraryOutput | null = null;
  for (const o of lineage) {
    if (o.id === head.id || o.lineage.id !== head.lineage.id || o.lineage.version >= head.lineage.version) continue;
    if (!sameSlot(o, head)) continue;
    if (
      !best ||
      o.lineage.version > best.lineage.version ||
      (o.lineage.version === best.lineage.version && o.created_at > best.created_at)
    ) {
      best = o;
    }
  }
  return best;
}

export interface LineageGroup {
  id: string;
  recipeName: string;
  versions: number;
  outputs: LibraryOutput[];
}

/** Outputs grouped by lineage, groups in the order of their newest output (the input's order: newest first). */
export function groupByLineage(outputs: readonly LibraryOutput[]): LineageGroup[] {
  const groups = new Map<string, LineageGroup>();
  for (const o of outputs) {
    const g = groups.get(o.lineage.id) ?? { id: o.lineage.id, recipeName: o.ticket.recipe_name, versions: o.lineage.versions, outputs: [] };
    g.versions = Math.max(g.versions, o.lineage.versions);
    g.outputs.push(o);
    groups.set(o.lineage.id, g);
  }
  return [...groups.values()];
}
