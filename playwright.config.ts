import { defineConfig, devices } from "@playwright/test";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

// Run through `npm test` (tests/run.ts), which starts the real services and the app first.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  outputDir: "test-results/playwright-artifacts",
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  use: {
    baseURL: process.env.APP_URL,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      grepInvert: /@latency/,
      use: chromium,
    },
    // Tests that measure a latency (tagged @latency) run after the rest, one at a time, so a heavy
    // neighbour on a 2-core machine cannot decide whether they pass.
    {
      name: "latency",
      grep: /@latency/,
      dependencies: ["chromium"],
      workers: 1,
      use: chromium,
    },
  ],
});
