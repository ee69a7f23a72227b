import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has defaults that start the embedded mode on localhost", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      databaseUrl: undefined,
      workerConcurrency: 4,
      leaseMs: 30_000,
      agentProvider: "builtin",
    });
    expect(c.dataDir).toMatch(/\.worksmith$/);
  });

  it.each([
    ["PORT", "http"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["WORKSMITH_LEASE_MS", "10"],
    ["WORKSMITH_AGENT_PROVIDER", "magic"],
    ["WORKSMITH_SEED_DEMO", "perhaps"],
  ])("a bad %s=%s stops start-up with one line naming it", (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain("\n");
  });

  it("takes the vendor key for the chosen LLM provider", () => {
    expect(loadConfig({ WORKSMITH_LLM_PROVIDER: "anthropic", ANTHROPIC_API_KEY: "k" }).llm.apiKey).toBe("k");
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db" }).databaseUrl).toBe("postgres://u@h/db");
  });
});
