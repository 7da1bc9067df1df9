import type { ValidateFunction } from "ajv";
import { AppError } from "@/lib/errors.ts";
import { ajv } from "./json-schema.ts";

const cache = new Map<string, ValidateFunction>();

function validatorFor(actionType: { id: string; updatedAt: Date; payloadSchema: unknown }): ValidateFunction {
  const key = `${actionType.id}:${actionType.updatedAt.getTime()}`;
  let validate = cache.get(key);
  if (!validate) {
    validate = ajv.compile(actionType.payloadSchema as object);
    if (cache.size > 1000) cache.clear();
    cache.set(key, validate);
  }
  return validate;
}

/** Checks a payload against its action type's JSON Schema; `details` say where it fails. */
export function validatePayload(actionType: { id: string; updatedAt: Date; payloadSchema: unknown }, payload: unknown): void {
  const validate = validatorFor(actionType);
  if (validate(payload)) return;
  const details = (validate.errors ?? []).map((e) => {
    const missing = e.keyword === "required" ? `/${(e.params as { missingProperty: string }).missingProperty}` : "";
    const extra = e.keyword === "additionalProperties" ? `/${(e.params as { additionalProperty: string }).additionalProperty}` : "";
    return { path: (e.instancePath || "") + (missing || extra) || "/", message: e.message ?? "is invalid" };
  });
  throw new AppError("validation_error", "payload does not match the action type's schema", details);
}
