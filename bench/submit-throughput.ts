import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; errors: number; total: number };

/**
 * Load from `connections` concurrent clients for `seconds`, as fast as they can. With `clientHeaders`, client n sends
 * `clientHeaders(n)` on top of `headers` — one agent (API key) per connection, say.
 */
export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  clientHeaders?: (n: number) => Record<string, string>;
  body?: string;
}): Promise<LoadResult> {
  let clients = 0;
  const r = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    ...(options.clientHeaders
      ? { setupClient: (client) => client.setHeaders({ ...options.headers, ...options.clientHeaders!(clients++) }) }
      : {}),
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, total: r.requests.total };
}

/**
 * The database's own limit for what a submission must at least do: pgbench inserting one request
 * row and one audit row per transaction, into the same tables, on the same server.
 */
export function pgbenchInsertTps(options: {
  databaseUrl: string;
  /** One agent per client (client n uses agent n), as the submissions do. */
  agentIds: string[];
  actionTypeId: string;
  clients: number;
  seconds: number;
}): number {
  const dir = mkdtempSync(path.join(tmpdir(), "cs-pgbench-"));
  const script = path.join(dir, "submit.sql");
  writeFileSync(
    script,
    `\\set agent :client_id
BEGIN;
INSERT INTO approval_requests (id, "agentId", "actionTypeId", action, status, payload, "payloadHash", "policyReason", "expiresAt")
  VALUES (gen_random_uuid(), (ARRAY[${options.agentIds.map((id) => `'${id}'`).join(",")}]::uuid[])[:agent + 1], '${options.actionTypeId}', 'bench.transfer', 'pending',
          '{"amount": 500, "currency": "USD", "to": "acct_123"}', 'sha256:x', 'pgbench', now() + interval '1 day');
INSERT INTO audit_events (type, "actorType", "actorId", subject, data) VALUES ('request.created', 'agent', 'pgbench', 'request:pgbench', '{"pgbench": true}');
COMMIT;
`,
  );
  const out = spawnSync(
    "pgbench",
    ["-n", "-c", String(options.clients), "-j", "2", "-T", String(options.seconds), "-f", script, options.databaseUrl],
    { encoding: "utf8" },
  );
  const tps = /tps = ([\d.]+)/.exec(out.stdout)?.[1];
  if (!tps) throw new Error(`pgbench failed: ${out.stderr || out.stdout}`);
  return Number(tps);
}
