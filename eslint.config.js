// Lint: typescript-eslint with type information (no-floating-promises matters in an async worker),
// plus the import-boundary rule of DESIGN.md §2: dependencies point inward.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["eslint.config.js", ".probe-*", "dist/**", "node_modules/**", ".worksmith/**", "src/db/migrations/**", "test-results/**", "bench/out/**", "bin/**", "scripts/**"] },
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
      "boundaries/elements": [
        { type: "domain", pattern: "src/domain/**" },
        { type: "db", pattern: "src/db/**" },
        { type: "events", pattern: "src/events/**" },
        { type: "storage", pattern: "src/storage/**" },
        { type: "recipes", pattern: "src/recipes/**" },
        { type: "engine", pattern: "src/engine/**" },
        { type: "agents", pattern: "src/agents/**" },
        { type: "api", pattern: "src/api/**" },
        { type: "cli", pattern: "src/cli/**" },
        { type: "root", pattern: "src/*.ts", mode: "file" },
        { type: "web", pattern: "web/src/**" },
      ],
    },
    rules: {
      "boundaries/element-types": [
        "error",
        {
          default: "disallow",
          rules: [
            { from: "domain", allow: ["domain"] },
            { from: "db", allow: ["domain", "db", "root"] },
            { from: "events", allow: ["domain", "db", "events"] },
            { from: "storage", allow: ["domain", "storage", "root"] },
            { from: "recipes", allow: ["domain", "db", "recipes", "root"] },
            { from: "engine", allow: ["domain", "db", "events", "engine"] },
            { from: "agents", allow: ["domain", "db", "events", "storage", "agents", "root"] },
            { from: "api", allow: ["domain", "db", "events", "storage", "engine", "agents", "recipes", "api", "root"] },
            { from: "cli", allow: ["domain", "db", "events", "storage", "engine", "agents", "recipes", "api", "cli", "root"] },
            { from: "root", allow: ["root", "domain"] },
            { from: "web", allow: ["web", "domain"] },
          ],
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
