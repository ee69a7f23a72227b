// The LLM variables of src/config.ts: defaults, the price table, and a bad value that stops
// start-up with one line naming the variable.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.js";

describe("LLM configuration", () => {
  it("defaults to a 24-call step cap, a 60 s idle timeout and no prices", () => {
    const { llm } = loadConfig({});
    expect([llm.maxSteps, llm.idleTimeoutS, llm.prices]).toEqual([24, 60, {}]);
  });

  it("reads the step cap, idle timeout, per-provider keys and the price table", () => {
    const { llm } = loadConfig({
      WORKSMITH_LLM_PROVIDER: "openai",
      WORKSMITH_LLM_MAX_STEPS: "40",
      WORKSMITH_LLM_IDLE_TIMEOUT_S: "15",
      WORKSMITH_LLM_PRICES:
        '{"gpt-4.1":{"input_per_mtok":2,"output_per_mtok":8},"claude-sonnet-4-5":{"input_per_mtok":3,"output_per_mtok":15}}',
      OPENAI_API_KEY: "sk-o",
      ANTHROPIC_API_KEY: "sk-a",
    });
    expect(llm).toMatchObject({
      maxSteps: 40,
      idleTimeoutS: 15,
      apiKey: "sk-o",
      apiKeys: { openai: "sk-o", anthropic: "sk-a" },
      prices: { "gpt-4.1": { input_per_mtok: 2, output_per_mtok: 8 }, "claude-sonnet-4-5": { input_per_mtok: 3, output_per_mtok: 15 } },
    });
  });

  it.each([
    ["not json", /^Invalid WORKSMITH_LLM_PRICES="not json": must be JSON like/],
    ['{"gpt-4.1":{"input_per_mtok":-1,"output_per_mtok":8}}', /^Invalid WORKSMITH_LLM_PRICES=.*: gpt-4\.1\.input_per_mtok: Too small/],
    ['{"gpt-4.1":{"input":2}}', /^Invalid WORKSMITH_LLM_PRICES=.*gpt-4\.1/],
    ["[1,2]", /^Invalid WORKSMITH_LLM_PRICES=/],
  ])("stops start-up on WORKSMITH_LLM_PRICES=%s, naming the variable", (value, message) => {
    expect(() => loadConfig({ WORKSMITH_LLM_PRICES: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKSMITH_LLM_PRICES: value })).toThrow(message);
  });

  it.each([
    ["WORKSMITH_LLM_MAX_STEPS", "0"],
    ["WORKSMITH_LLM_IDLE_TIMEOUT_S", "soon"],
  ])("stops start-up on a bad %s", (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Invalid ${name}=`));
  });
});
