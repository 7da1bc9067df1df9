import http from "node:http";
import { verifyWebhook } from "@/packages/sdk/index.ts";
import type { DecisionWatcher } from "./decision-watcher.ts";
import { line } from "./output.ts";

const MAX_BODY = 1024 * 1024;

/**
 * "webhook" mode: Countersign pushes each decision here (an admin sets this URL as the agent's
 * webhook). Only a body whose Standard Webhooks signature verifies with the agent's secret is
 * believed; it resumes the parked job, which then re-reads the request from Countersign anyway.
 */
export function startWebhookReceiver(options: { port: number; secret: string; watcher: DecisionWatcher }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on("end", () => {
      let event;
      try {
        event = verifyWebhook(options.secret, Buffer.concat(chunks).toString("utf8"), req.headers);
      } catch {
        res.writeHead(401).end();
        return;
      }
      void options.watcher.decided(event.data.id).then((resumed) => {
        if (resumed) line(null, "⇠ webhook", `${event.type} for request ${event.data.id}: resuming its task`);
      });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve(server));
  });
}
