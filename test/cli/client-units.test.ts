// The CLI's pure parts: --param coercion by a recipe's JSON Schema, the file names it writes
// downloads under, and the one-line error text.
import { describe, expect, it } from "vitest";
import { safeFileName, pathInside } from "../../src/cli/client/download.js";
import { CliError, describeProblem, EXIT } from "../../src/cli/client/errors.js";
import { formatDuration, progressBar } from "../../src/cli/client/follow-view.js";
import { coerceParameters } from "../../src/cli/client/params.js";
import { describeStats } from "../../src/cli/commands/recipes.js";
import type { ParametersSchema } from "../../src/domain/recipe.js";

const schema: ParametersSchema = {
  type: "object",
  required: ["topic"],
  properties: {
    topic: { type: "string", title: "Topic" },
    count: { type: "integer", title: "Count" },
    ratio: { type: "number", title: "Ratio" },
    charts: { type: "boolean", title: "Charts" },
    sections: { type: "array", title: "Sections", items: { type: "string", enum: ["a", "b", "c"] } },
    years: { type: "array", title: "Years", items: { type: "integer" } },
  },
};

function errorOf(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error("expected a CliError");
}

describe("coerceParameters", () => {
  it("coerces by the schema: integers, numbers, booleans, lists by comma and by repeating the flag", () => {
    expect(
      coerceParameters(schema, [
        "topic= Q3, with commas ",
        "count=+7",
        "ratio=0.25",
        "charts=no",
        "sections=a, b",
        "sections=c",
        "years=2024,2025",
        "extra=kept",
      ]),
    ).toEqual({
      topic: " Q3, with commas ",
      count: 7,
      ratio: 0.25,
      charts: false,
      sections: ["a", "b", "c"],
      years: [2024, 2025],
      extra: "kept",
    });
    expect(coerceParameters(schema, ["sections="])).toEqual({ sections: [] });
    expect(coerceParameters(schema, ["topic=a=b"])).toEqual({ topic: "a=b" });
  });

  it("refuses values of the wrong type with exit 2 and the parameter's name", () => {
    for (const [pair, message] of [
      ["count=1.5", '--param count must be an integer (got "1.5")'],
      ["count=", '--param count must be an integer (got "")'],
      ["ratio=abc", '--param ratio must be a number (got "abc")'],
      ["charts=maybe", '--param charts must be true or false (got "maybe")'],
      ["years=2024,soon", '--param years must be an integer (got "soon")'],
      ["novalue", '--param "novalue": expected key=value'],
      ["=x", '--param "=x": expected key=value'],
    ] as const) {
      const err = errorOf(() => coerceParameters(schema, [pair]));
      expect(err.message).toBe(message);
      expect(err.exitCode).toBe(EXIT.input);
    }
    expect(errorOf(() => coerceParameters(schema, ["count=1", "count=2"])).message).toMatch(/given twice/);
  });
});

describe("download file names", () => {
  it("keeps one clean path segment whatever the server sends", () => {
    expect(safeFileName("report.pdf", "x")).toBe("report.pdf");
    expect(safeFileName("../../etc/passwd", "x")).toBe("passwd");
    expect(safeFileName("..\\..\\win.ini", "x")).toBe("win.ini");
    expect(safeFileName("/abs/path/deck.pptx", "x")).toBe("deck.pptx");
    expect(safeFileName("..", "fallback.bin")).toBe("fallback.bin");
    expect(safeFileName(".hidden", "x")).toBe("hidden");
    expect(safeFileName("a\u0000b\nc.md", "x")).toBe("abc.md");
    expect(safeFileName(null, "id.pdf")).toBe("id.pdf");
    expect(safeFileName("x".repeat(500), "y").length).toBe(180);
  });

  it("refuses a path outside the directory", () => {
    expect(pathInside("/tmp/out", "a.pdf")).toBe("/tmp/out/a.pdf");
    expect(() => pathInside("/tmp/out", "../a.pdf")).toThrow(CliError);
    expect(() => pathInside("/tmp/out", "/etc/passwd")).toThrow(CliError);
    expect(() => pathInside("/tmp/out", ".")).toThrow(CliError);
  });
});

describe("one-line errors and the progress line", () => {
  it("puts the problem's detail and each field error on one line", () => {
    expect(
      describeProblem(
        422,
        {
          type: "t",
          title: "Invalid request",
          status: 422,
          detail: "parameters do not match\nthe recipe",
          errors: [
            { field: "parameters/a", message: "A is required" },
            { field: "parameters/b", message: "bad\r\nvalue" },
          ],
        },
        "fallback",
      ),
    ).toBe("parameters do not match the recipe (HTTP 422) — parameters/a: A is required; parameters/b: bad value");
    expect(describeProblem(502, null, "502 Bad Gateway from /api/recipes")).toBe("502 Bad Gateway from /api/recipes (HTTP 502)");
  });

  it("formats durations and the progress bar", () => {
    expect(formatDuration(1234)).toBe("1.2s");
    expect(formatDuration(65_000)).toBe("1m 05s");
    expect(formatDuration(3_726_000)).toBe("1h 02m");
    expect(progressBar(2, 4, 8)).toBe("[████░░░░] 2/4");
    expect(progressBar(0, 0, 4)).toBe("[░░░░] 0/0");
  });
});

describe("recipe history in `worksmith recipes`", () => {
  const base = {
    completed: 0,
    failed: 0,
    cancelled: 0,
    success_rate: null,
    p50_ms: null,
    p90_ms: null,
    typical_tokens: null,
    typical_cost_usd: null,
    steps: [],
  };
  it("says there is no history rather than printing zeros", () => {
    expect(describeStats({ ...base, runs: 0 })).toBe("no runs yet");
    expect(describeStats({ ...base, runs: 2, completed: 2, success_rate: 1 })).toBe("2 runs · 100% succeed · no typical time yet");
  });
  it("gives the typical and the 9-in-10 duration", () => {
    expect(describeStats({ ...base, runs: 12, completed: 11, failed: 1, success_rate: 11 / 12, p50_ms: 41_000, p90_ms: 70_000 })).toBe(
      "12 runs · 92% succeed · usually ~40 s (9 in 10 within ~1 min)",
    );
  });
});
