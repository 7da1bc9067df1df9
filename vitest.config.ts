import path from "node:path";
import { defineConfig } from "vitest/config";

// Run through `npm test` (tests/run.ts), which starts the real services and the app first.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Prisma's schema engine (migrations in tests) is WebAssembly loaded as an ES module.
    execArgv: ["--experimental-wasm-modules", "--no-warnings"],
  },
});
