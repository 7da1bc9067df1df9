const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID in its usual hyphenated form (any version; ids here are v7). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
