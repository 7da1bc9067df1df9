import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { KEEP_ALIVE_TIMEOUT_MS } from "@/lib/web/keep-alive.ts";

export type AppProcess = { name: string; child: ChildProcess; exited: Promise<number | null> };

const NODE_FLAGS = ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx"];

function pipeWithPrefix(child: ChildProcess, prefix: string, write: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => write(`${prefix} | ${line}`));
  }
}

function launch(name: string, args: string[], env: NodeJS.ProcessEnv, write: (line: string) => void): AppProcess {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  pipeWithPrefix(child, name.padEnd(6), write);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, exited };
}

const productionEnv = (env: NodeJS.ProcessEnv) => ({
  ...env,
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  NODE_ENV: "production" as const,
});

// `nodeFlags`: extra flags for Node itself, for flags NODE_OPTIONS refuses (`--cpu-prof`).
type LaunchOptions = { env: NodeJS.ProcessEnv; write: (line: string) => void; nodeFlags?: string[] };

// Preloaded into `next start`, which has no setting for either: the server's timeouts
// (lib/web/server-timeouts.mjs) and the client's own address in X-Forwarded-For (client-address.mjs).
const WEB_FLAGS = ["--import", "./lib/web/server-timeouts.mjs", "--import", "./lib/web/client-address.mjs"];

/** The production web app (`next start`). */
export function startWeb(options: LaunchOptions & { port: number }): AppProcess {
  return launch(
    "web",
    [
      ...(options.nodeFlags ?? []),
      ...WEB_FLAGS,
      "node_modules/next/dist/bin/next",
      "start",
      "-p",
      String(options.port),
      "--keepAliveTimeout",
      String(KEEP_ALIVE_TIMEOUT_MS),
    ],
    { ...productionEnv(options.env), COUNTERSIGN_SERVICE: "web" },
    options.write,
  );
}

/** One worker process (any number may run against the same database and Redis). */
export function startWorker(options: LaunchOptions): AppProcess {
  return launch(
    "worker",
    [...(options.nodeFlags ?? []), ...NODE_FLAGS, "workers/index.ts"],
    { ...productionEnv(options.env), COUNTERSIGN_SERVICE: "worker" },
    options.write,
  );
}

/** The web app and the worker process, as `npm start` runs them. */
export function startApp(options: { port: number; env: NodeJS.ProcessEnv; write: (line: string) => void }): AppProcess[] {
  return [startWeb(options), startWorker(options)];
}

/** Stops children gently (SIGTERM), then firmly after the grace period. */
export async function stopApp(processes: AppProcess[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill("SIGTERM");
      const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

/** Resolves once the web app answers on /api/health (any status), or rejects after the timeout. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}
