// Timeouts of the web app's HTTP server, applied to `next start` by preloading this file
// (`node --import ./lib/web/server-timeouts.mjs node_modules/next/dist/bin/next start`, see
// `npm run web` and programs/launcher/app-processes.ts): Next.js creates its server with Node's defaults
// and offers no setting for these two. Plain JavaScript because it runs before any TypeScript loader.
import http from "node:http";

/**
 * requestTimeout: the whole request (headers and body) must arrive within this, or the client
 * gets 408 and the connection closes. Node's default is 5 minutes, which let anyone, signed in or
 * not, hold a connection open by trickling a body. Answers may take longer (the long poll, the
 * event stream): this bounds receiving the request, not sending the response.
 * headersTimeout: the same for the headers alone. connectionsCheckingInterval: how often Node
 * checks both (its default of 30 s would add up to 30 s to each).
 */
export const SERVER_TIMEOUTS = Object.freeze({ requestTimeout: 15_000, headersTimeout: 10_000, connectionsCheckingInterval: 1_000 });

const MARK = Symbol.for("countersign.serverTimeouts");

/** Makes every HTTP server this process creates use SERVER_TIMEOUTS unless it sets its own. */
export function installServerTimeouts() {
  if (http.createServer[MARK]) return;
  const create = http.createServer;
  const patched = function createServer(options, listener) {
    if (typeof options === "function" || options === undefined) return create.call(http, { ...SERVER_TIMEOUTS }, options);
    return create.call(http, { ...SERVER_TIMEOUTS, ...options }, listener);
  };
  patched[MARK] = true;
  http.createServer = patched;
}

installServerTimeouts();
