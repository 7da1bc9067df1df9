import vm from "node:vm";

/** How long one policy evaluation (all its rules) may run before it fails closed to review. */
export const CONDITION_DEADLINE_MS = 50;

export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = "DeadlineExceeded";
  }
}

// cel-js counts no evaluation cost, and conditions run synchronously on the event loop: a
// backtracking regex in `matches()` or a macro over a large payload list could stall the whole
// process. V8 can only interrupt synchronous JavaScript through vm's watchdog, so the evaluation
// is entered through a one-line script run with a timeout; the watchdog terminates everything the
// call does (our functions and cel-js's included), and the termination cannot be caught inside.
const sandbox: { run?: () => unknown } = {};
const context = vm.createContext(sandbox);
const script = new vm.Script("run()", { filename: "policy-condition-deadline" });

/** Runs `fn` synchronously; throws DeadlineExceeded if it has not returned within `ms`. */
export function runWithDeadline<T>(fn: () => T, ms: number = CONDITION_DEADLINE_MS): T {
  const outer = sandbox.run;
  sandbox.run = fn;
  try {
    return script.runInContext(context, { timeout: ms }) as T;
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new DeadlineExceeded(ms);
    throw e;
  } finally {
    sandbox.run = outer;
  }
}
