import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "lib",
  "packages",
  "public",
  "proxy.ts",
  "proxy.ts",
  "next.config.js",
  "package.json",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) {
    // dist: the SDK's own build output (npm run sdk:build), not a source of the app.
    if (child === "node_modules" || child === "dist" || child.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/** Whether there is no production build or a source is newer than it. */
export function needsBuild(): boolean {
  const buildId = ".next/BUILD_ID";
  return !(existsSync(buildId) && statSync(buildId).mtimeMs >= Math.max(...SOURCES.map(newestMtime)));
}

/** Runs `next build` when there is no production build or a source is newer than it. */
export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  if (!needsBuild()) return;
  log("Building the web app (next build)…");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" as const },
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (exit ${code})`))));
    child.on("error", reject);
  });
}
