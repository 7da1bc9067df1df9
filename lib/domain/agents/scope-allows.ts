import { z } from "zod";

/** A scope pattern: an exact action (`email.send`), a prefix wildcard (`payments.*`), or `*`. */
export const ZScopePattern = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/, "use an action key, a prefix like payments.*, or *");

export function scopeAllows(scopes: string[], action: string): boolean {
  return scopes.some((scope) => {
    if (scope === "*") return true;
    if (scope.endsWith(".*")) return action.startsWith(scope.slice(0, -1));
    return scope === action;
  });
}
