import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// A local install (npm start without DATABASE_URL) keeps its demo agent's API key here, mode
// 0600, so `npm run demo:agent` works without copying the key by hand. Never written for a real
// deployment: nothing is seeded there.
const FILE = "demo-agent.json";

export type DemoAgentKey = { agentId: string; apiKey: string };

export function saveDemoAgentKey(dataDir: string, key: DemoAgentKey): void {
  writeFileSync(path.join(dataDir, FILE), JSON.stringify(key, null, 2) + "\n", { mode: 0o600 });
}

export function readDemoAgentKey(dataDir: string): DemoAgentKey | null {
  const file = path.join(dataDir, FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DemoAgentKey) : null;
}
