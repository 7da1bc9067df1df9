// A real TCP proxy on 127.0.0.1 in front of the app that can drop a connection after the server
// has received (and acted on) a request, before the client sees any of the answer — the
// "connection lost after the request was sent" case that idempotency keys exist for.
import net from "node:net";
import type { AddressInfo } from "node:net";

export async function startCuttingProxy(target: string) {
  const upstream = new URL(target);
  let armed: ((firstChunk: string) => boolean) | null = null;
  let cut = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const server = net.connect({ host: upstream.hostname === "localhost" ? "127.0.0.1" : upstream.hostname, port: Number(upstream.port) });
    sockets.add(client).add(server);
    let cutOnAnswer = false;
    client.on("data", (chunk: Buffer) => {
      if (armed?.(chunk.toString("latin1"))) {
        armed = null;
        cutOnAnswer = true;
      }
      server.write(chunk);
    });
    server.on("data", (chunk: Buffer) => {
      if (cutOnAnswer) {
        // The server has answered: drop both sides without forwarding a byte of it.
        cut++;
        client.resetAndDestroy();
        server.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => (client.destroy(), server.destroy(), sockets.delete(client), sockets.delete(server));
    client.on("error", close).on("close", close);
    server.on("error", close).on("close", close);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Drops the next connection whose request starts with `requestLine` once the server answers it. */
    cutNext(requestLine: string) {
      armed = (chunk) => chunk.startsWith(requestLine);
    },
    get cuts() {
      return cut;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
