import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** RFC 8785 (JSON Canonicalization Scheme) serialisation. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value cannot be canonicalised");
  return text;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** `sha256:` + hex SHA-256 of the RFC 8785 form: what any client can recompute for a payload. */
export function payloadHash(payload: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(payload))}`;
}
