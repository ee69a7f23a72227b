// Lint: typescript-eslint with type information (no-floating-promises matters in an async worker),
// plus the import-boundary rule of DESIGN.md §2: dependencies point inward.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

// Who may import whom (DESIGN.md §2). Imports resolve through TypeScript (".js" → ".ts").
const ALLOWED = {
  domain: ["domain"],
  db: ["domain", "db", "root"],
  events: ["domain", "db", "events"],
  storage: ["domain", "storage", "root"],
  recipes: ["domain", "db", "recipes", "root"],
  engine: ["domain", "db", "events", "engine"],
  automations: ["domain", "db", "events", "engine", "automations", "root"],
  auth: ["domain", "db", "auth"],
  agents: ["domain", "db", "events", "storage", "agents", "root"],
  api: ["domain", "db", "events", "storage", "engine", "agents", "recipes", "auth", "automations", "api", "root"],
  cli: ["domain", "db", "events", "storage", "engine", "agents", "recipes", "auth", "automations", "api", "cli", "root"],
  root: ["root", "domain"],
  web: ["web", "domain"],
};

export default tseslint.config(
  {
    ignores: [
      "eslint.config.js",
      ".probe-*",
      "dist/**",
      "node_modules/**",
      ".worksmith/**",
      "src/db/migrations/**",
      "test-results/**",
      "bench/out/**",
      "bin/**",
      "scripts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["src/**/*.ts", "web/src/**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "boundaries/elements": [
        { type: "web", pattern: "web/src/**", partialMatch: false },
        { type: "domain", pattern: "src/domain/**" },
        { type: "db", pattern: "src/db/**" },
        { type: "events", pattern: "src/events/**" },
        { type: "storage", pattern: "src/storage/**" },
        { type: "recipes", pattern: "src/recipes/**" },
        { type: "engine", pattern: "src/engine/**" },
        { type: "automations", pattern: "src/automations/**" },
        { type: "auth", pattern: "src/auth/**" },
        { type: "agents", pattern: "src/agents/**" },
        { type: "api", pattern: "src/api/**" },
        { type: "cli", pattern: "src/cli/**" },
        { type: "root", pattern: "src/*.ts", partialMatch: false },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          policies: Object.entries(ALLOWED).map(([from, to]) => ({
            from: { element: { type: from } },
            allow: { to: { element: { types: { anyOf: to } } } },
          })),
        },
      ],
    },
  },
  {
    files: ["**/*.test.ts", "test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
);
