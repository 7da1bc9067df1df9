// A client that keeps connections alive and reuses one after some idle seconds must find it still
// open: the server's keep-alive timeout (lib/web/keep-alive.ts) is above common client idle times,
// not Node's 5 s default, which races such clients ("other side closed").
import http from "node:http";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KEEP_ALIVE_TIMEOUT_MS } from "@/lib/web/keep-alive.ts";
import { BASE_URL } from "../support/http.ts";

function get(agent: http.Agent, path: string): Promise<{ status: number; reused: boolean; localPort: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, BASE_URL), { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket, localPort: req.socket?.localPort }));
    });
    req.on("error", reject);
  });
}

describe("idle keep-alive connections", () => {
  it("a connection idle for 12 s (past the 10 s headers timeout) is still open and is reused", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(agent, "/api/v1/openapi.json");
      expect(first.status).toBe(200);
      await new Promise((r) => setTimeout(r, 12_000));
      const second = await get(agent, "/api/v1/openapi.json");
      expect(second.status).toBe(200);
      // The same socket: the server did not close it while it sat idle.
      expect(second.reused).toBe(true);
      expect(second.localPort).toBe(first.localPort);
    } finally {
      agent.destroy();
    }
  }, 30_000);

  it("`npm run web` passes the same keep-alive timeout as the launcher", () => {
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(scripts.web).toContain(`--keepAliveTimeout ${KEEP_ALIVE_TIMEOUT_MS}`);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
  });
});
