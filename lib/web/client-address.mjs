// The client's address for per-address limits (sign-in), as X-Forwarded-For's last entry.
// Next.js fills X-Forwarded-For with the socket's address only when the client sent none, so any
// client could name itself. Preloaded into the web server (like server-timeouts.mjs), this sets
// it to the socket's address on every request, unless TRUST_X_FORWARDED_FOR=1 says a reverse
// proxy in front of the app appends the real client address (its last entry is then trusted).
import http from "node:http";

const MARK = Symbol.for("countersign.clientAddress");

export function installClientAddress() {
  if (http.createServer[MARK] || process.env.TRUST_X_FORWARDED_FOR === "1") return;
  const create = http.createServer;
  const patched = function createServer(options, listener) {
    const handler = typeof options === "function" ? options : listener;
    const own = (req, res) => {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
      return handler(req, res);
    };
    return typeof options === "function" || options === undefined
      ? create.call(http, own)
      : create.call(http, options, handler ? own : undefined);
  };
  patched[MARK] = true;
  http.createServer = patched;
}

installClientAddress();
