import { Environment } from "@marcbachmann/cel-js";

/** The longest condition accepted; together with the AST limits below it bounds evaluation cost. */
export const MAX_CONDITION_LENGTH = 4096;

/**
 * The CEL environment every policy condition is checked and evaluated in. The variables are the
 * request as the platform sees it; `payload` is dynamic because each action type's schema differs.
 */
export const celEnvironment = new Environment({
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 400, maxDepth: 16, maxListElements: 200, maxMapEntries: 100, maxCallArguments: 8 },
})
  .registerVariable("payload", "dyn")
  .registerVariable("agent", "map")
  .registerVariable("risk", "map")
  .registerVariable("request", "map")
  .registerVariable("now", "google.protobuf.Timestamp");

export type CelActivation = {
  payload: unknown;
  agent: { id: string; name: string; tags: string[]; owner: string | null };
  risk: { flags: string[]; score: number };
  request: { summary: string | null; context: unknown };
  now: Date;
};
