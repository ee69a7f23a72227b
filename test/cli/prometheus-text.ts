// A strict reader of the Prometheus text exposition format 0.0.4, for tests that scrape /metrics:
// any line it does not understand throws, so a malformed scrape fails the test instead of matching.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Scrape {
  types: Map<string, string>;
  samples: Sample[];
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const TYPES = ["counter", "gauge", "histogram", "summary", "untyped"];

export function parsePrometheus(text: string): Scrape {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("# HELP ")) continue;
    if (line.startsWith("# TYPE ")) {
      const [, , metric, type, ...rest] = line.split(" ");
      if (!metric || !type || rest.length > 0 || !TYPES.includes(type)) throw new Error(`bad TYPE line: ${line}`);
      types.set(metric, type);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      const pair = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;
      while (pair.lastIndex < m[2].length) {
        const l = pair.exec(m[2]);
        if (!l) throw new Error(`bad labels in: ${line}`);
        labels[l[1]!] = l[2]!.replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
      }
    }
    const raw = m[3]!;
    // Prometheus reads values with Go's ParseFloat, which takes NaN in any case (prom-client writes "Nan").
    const nan = /^nan$/i.test(raw);
    const value = raw === "+Inf" ? Infinity : raw === "-Inf" ? -Infinity : nan ? NaN : Number(raw);
    if (Number.isNaN(value) && !nan) throw new Error(`bad value in: ${line}`);
    samples.push({ name: m[1]!, labels, value });
  }
  return { types, samples };
}

/** The one sample of `name` whose labels include `labels`; throws when there are 0 or several. */
export function sampleValue(s: Scrape, name: string, labels: Record<string, string> = {}): number {
  const found = s.samples.filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}`);
  return found[0]!.value;
}
