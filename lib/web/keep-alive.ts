/**
 * How long the web server keeps an idle keep-alive connection open (`next start
 * --keepAliveTimeout`). Node's default is 5 s: a client that reuses a connection idle for about that
 * long races the server's close and its request fails ("other side closed"). A server must close
 * idle connections later than its clients and any load balancer in front of it give up on them
 * (many agents/proxies: 4–60 s; AWS ALB 60 s by default), so the client always closes first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;
