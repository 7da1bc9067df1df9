import { getAtPointer, replaceAtPointer } from "@/lib/kernel/json/json-pointer.ts";
import type { JsonValue } from "@/lib/kernel/json/json-value.ts";
import { decryptValue, encryptValue, keyIdOf } from "./key-ring.ts";

// Encryption at rest of what agents send and report, on top of the key ring: whole text values
// (reasoning), whole JSON values (context, execution output, stored responses) kept as one
// ciphertext string, and single payload values at JSON pointers (the action type's
// sensitiveFields), each bound by its `context` to the row and place it belongs to. Values
// written before encryption existed are plaintext and are returned as they are.

const SEALED = /^enc1\.[A-Za-z0-9_-]{1,32}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$/;

export function isSealed(value: unknown): value is string {
  return typeof value === "string" && SEALED.test(value);
}

export function sealText(text: string, context: string): string;
export function sealText(text: string | null, context: string): string | null;
export function sealText(text: string | null, context: string): string | null {
  return text === null ? null : encryptValue(text, context);
}

export function openText(stored: string | null, context: string): string | null {
  return isSealed(stored) ? decryptValue(stored, context) : stored;
}

/** A JSON value as one ciphertext string (stored in a Json column as a JSON string). */
export function sealJson(value: unknown, context: string): string {
  return encryptValue(JSON.stringify(value), context);
}

export function openJson(stored: unknown, context: string): unknown {
  return isSealed(stored) ? JSON.parse(decryptValue(stored, context)) : stored;
}

/**
 * The document with the value at each pointer encrypted in place (absent pointers are skipped).
 * Always encrypts, whatever the value looks like: an agent cannot pass off a value as sealed.
 */
export function sealAtPointers(document: unknown, pointers: readonly string[], context: string): unknown {
  let out = document;
  for (const pointer of pointers) {
    const at = getAtPointer(out, pointer);
    if (at.found) out = replaceAtPointer(out, pointer, sealJson(at.value, `${context}:${pointer}`));
  }
  return out;
}

export function openAtPointers(document: unknown, pointers: readonly string[], context: string): unknown {
  let out = document;
  // Reverse order of sealing: "/card" sealed after "/card/number" must be opened before it.
  for (const pointer of [...pointers].reverse()) {
    const at = getAtPointer(out, pointer);
    if (at.found && isSealed(at.value)) out = replaceAtPointer(out, pointer, openJson(at.value, `${context}:${pointer}`));
  }
  return out;
}

/** The document with the value at each pointer replaced by `mask` (webhooks, logs). */
export function maskAtPointers(document: JsonValue, pointers: readonly string[], mask: JsonValue = "[redacted]"): JsonValue {
  let out: unknown = document;
  for (const pointer of pointers) if (getAtPointer(out, pointer).found) out = replaceAtPointer(out, pointer, mask);
  // JSON with some of its values replaced by a JSON value is JSON (replaceAtPointer is untyped).
  return out as JsonValue;
}

/**
 * Key ids of the values sealed at `pointers` of a document (for re-encryption). Only the pointers:
 * a string elsewhere that merely looks sealed was written by an agent, not by us.
 */
export function sealedKeyIdsAt(document: unknown, pointers: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const pointer of pointers) {
    const at = getAtPointer(document, pointer);
    if (at.found && isSealed(at.value)) ids.add(keyIdOf(at.value)!);
  }
  return ids;
}
