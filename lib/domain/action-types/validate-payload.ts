import type { ErrorObject, ValidateFunction } from "ajv";
import { AppError } from "@/lib/kernel/errors.ts";
import { compilePayloadSchema } from "./json-schema.ts";

/** Compiled validators, least recently used first. An update changes `updatedAt`, hence the key. */
const cache = new Map<string, ValidateFunction>();
const CACHE_SIZE = 500;

function validatorFor(actionType: { id: string; updatedAt: Date; payloadSchema: unknown }): ValidateFunction {
  const key = `${actionType.id}:${actionType.updatedAt.getTime()}`;
  let validate = cache.get(key);
  if (validate) {
    cache.delete(key);
  } else {
    validate = compilePayloadSchema(actionType.payloadSchema);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, validate);
  return validate;
}

/** JSON pointer to the offending value; for a missing or extra property, to that property. */
function errorPath(e: ErrorObject): string {
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  const property =
    e.keyword === "required" ? params.missingProperty : e.keyword === "additionalProperties" ? params.additionalProperty : undefined;
  const path = property === undefined ? e.instancePath : `${e.instancePath}/${property.replace(/~/g, "~0").replace(/\//g, "~1")}`;
  return path || "/";
}

/** Checks a payload against its action type's JSON Schema; `details` say where it fails. */
export function validatePayload(actionType: { id: string; updatedAt: Date; payloadSchema: unknown }, payload: unknown): void {
  const validate = validatorFor(actionType);
  if (validate(payload)) return;
  const details = (validate.errors ?? []).map((e) => ({ path: errorPath(e), message: e.message ?? "is invalid" }));
  throw new AppError("validation_error", "payload does not match the action type's schema", details);
}
