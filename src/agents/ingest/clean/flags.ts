// Collects what the cleaner took out of an item, one flag per kind and reason (with a count), so a
// note with forty links or a page of inline styles shows one line on the context list, not forty.
import type { ContextFlag } from "../../../domain/context-analysis.js";

const EXCERPT_CHARS = 120;

export class FlagCollector {
  readonly #byKey = new Map<string, { flag: ContextFlag; count: number }>();

  add(kind: ContextFlag["kind"], detail: string, removed: string): void {
    const key = `${kind}\u0000${detail}`;
    const seen = this.#byKey.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    this.#byKey.set(key, { flag: { kind, excerpt: excerpt(removed), detail }, count: 1 });
  }

  get size(): number {
    return this.#byKey.size;
  }

  list(): ContextFlag[] {
    return [...this.#byKey.values()].map(({ flag, count }) => (count > 1 ? { ...flag, detail: `${flag.detail} (${count} times)` } : flag));
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat;
}
