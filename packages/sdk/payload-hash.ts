import canonicalize from "canonicalize";

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** SHA-256 of a string as lowercase hex (Web Crypto: browsers, Node ≥ 18, edge runtimes). */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** `sha256:` + hex SHA-256 of the payload in RFC 8785 (JCS) form — the server's `payloadHash`. */
export async function payloadHash(payload: unknown): Promise<string> {
  const text = canonicalize(payload);
  if (text === undefined) throw new TypeError("the payload cannot be serialised as JSON");
  return `sha256:${await sha256Hex(text)}`;
}
