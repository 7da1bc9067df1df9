// `npm run bench:profile` (a tool, not part of `npm run bench`): CPU-profiles the web and worker
// processes while 64 agents submit for PROFILE_SECONDS; writes .cpuprofile files to PROFILE_DIR
// (open them in Chrome DevTools) and prints each process's CPU by package and its top functions.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startWeb, startWorker, stopApp, waitForHttp } from "@/programs/launcher/app-processes.ts";
import { startStack } from "@/programs/launcher/start-stack.ts";
import { setup, SUBMISSION } from "./bench-setup.ts";
import { load } from "./submit-throughput.ts";

const DIR = path.resolve(process.env.PROFILE_DIR ?? "/tmp/cs-prof");
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 15);

async function main() {
  mkdirSync(DIR, { recursive: true });
  for (const f of readdirSync(DIR)) if (f.endsWith(".cpuprofile")) rmSync(path.join(DIR, f));
  const stack = await startStack({
    name: "profile",
    preferredPorts: { pg: 54359, redis: 63829, web: 3400 },
    env: { RATE_LIMIT_SUBMITS_PER_MINUTE: "1000000" },
    log: console.log,
  });
  // The same processes again, under --cpu-prof (which NODE_OPTIONS does not accept).
  await stopApp(stack.app);
  const nodeFlags = ["--cpu-prof", `--cpu-prof-dir=${DIR}`];
  const write = (line: string) => console.log(line);
  const procs = [
    startWeb({ port: Number(stack.env.PORT), env: stack.env, write, nodeFlags }),
    startWorker({ env: stack.env, write, nodeFlags }),
  ];
  await waitForHttp(`${stack.appUrl}/api/health`);
  try {
    const s = await setup(stack.env, stack.appUrl);
    const r = await load({
      url: `${stack.appUrl}/api/v1/requests`,
      connections: 64,
      seconds: SECONDS,
      method: "POST",
      headers: { "content-type": "application/json" },
      clientHeaders: (n) => ({ authorization: `Bearer ${s.agents[n % s.agents.length]!.apiKey}` }),
      body: JSON.stringify(SUBMISSION),
    });
    console.log(`submit: ${r.rps.toFixed(0)} req/s p50 ${r.p50} p99 ${r.p99} errors ${r.errors}`);
    await new Promise((res) => setTimeout(res, 5000));
  } finally {
    await stopApp(procs); // a graceful exit writes the profiles
    await stack.stop();
  }
  for (const f of readdirSync(DIR).filter((f) => f.endsWith(".cpuprofile"))) summarise(path.join(DIR, f));
}

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] };
function summarise(file: string) {
  const p = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[] };
  const total = p.samples.length;
  if (total < 500) return;
  const self = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of p.nodes) {
    const url = n.callFrame.url;
    const key = `${n.callFrame.functionName || "(anon)"} ${url.replace(/^.*node_modules\//, "nm/").replace(/^file:\/\/\/work\/main\//, "")}:${n.callFrame.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + n.hitCount);
    const pkg = url.includes("node_modules/")
      ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, "$1")
      : url.startsWith("node:")
        ? "node:"
        : url.includes("/work/main/")
          ? url.includes("/.next/")
            ? ".next"
            : "ours"
          : n.callFrame.functionName.startsWith("(")
            ? n.callFrame.functionName
            : "native/other";
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + n.hitCount);
  }
  console.log(`\n== ${path.basename(file)}: ${total} samples`);
  for (const [k, v] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log("-- top self");
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
