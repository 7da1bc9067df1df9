import { Ajv2020, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";

// ajv-formats is CommonJS: depending on the loader its plugin is the default export or under it.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as typeof formats;

// Strict mode refuses unknown keywords and ambiguous schemas. No `loadSchema` is configured, so a
// `$ref` to anything outside the schema itself fails to compile: nothing is ever fetched.
const OPTIONS: Options = { allErrors: true, strict: true, allowUnionTypes: true };

// Checks schemas against the 2020-12 meta-schema. `validateSchema` registers nothing, so one
// instance serves every schema and compiles the (costly) meta-schema validator only once.
const metaSchemaChecker = new Ajv2020(OPTIONS);
addFormats(metaSchemaChecker);

/**
 * Compiles an action type's payload schema (JSON Schema 2020-12) in an Ajv instance of its own:
 * one action type's `$id`s can neither collide with nor be `$ref`erenced by another's, and a
 * dropped validator takes its instance with it. Throws an Error saying what is wrong.
 */
export function compilePayloadSchema(schema: unknown): ValidateFunction {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new Error("a payload schema must be a JSON object");
  }
  if (!metaSchemaChecker.validateSchema(schema)) {
    throw new Error(metaSchemaChecker.errorsText(metaSchemaChecker.errors, { dataVar: "schema" }));
  }
  const ajv = new Ajv2020({ ...OPTIONS, validateSchema: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
