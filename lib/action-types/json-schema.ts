import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";

/**
 * One Ajv instance for action-type payload schemas (JSON Schema 2020-12). Strict mode refuses
 * unknown keywords; no loader is configured, so a `$ref` can never fetch anything remote.
 */
export const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
// ajv-formats is CommonJS: depending on the loader its plugin is the default export or under it.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as typeof formats;
addFormats(ajv);
