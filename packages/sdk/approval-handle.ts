import { ApprovalTimeoutError, CountersignError } from "./errors.ts";
import type { Http } from "./http.ts";
import type { ApprovalRequest, ResultReport } from "./types.ts";

/** The longest single long-poll; the server allows 60 s, we stay well under proxies' idle limits. */
const MAX_POLL_SECONDS = 50;

/** One submitted request: wait for its decision, read it, cancel it, report its result. */
export class ApprovalHandle {
  constructor(
    private readonly http: Http,
    /** The latest state seen. */
    public request: ApprovalRequest,
    /** True when the server replayed an earlier submission with the same idempotency key. */
    readonly replayed = false,
  ) {}

  get id(): string {
    return this.request.id;
  }

  private path(suffix = ""): string {
    return `/api/v1/requests/${encodeURIComponent(this.request.id)}${suffix}`;
  }

  /**
   * Resolves with the request once it is no longer pending (approved, rejected, expired or
   * cancelled). `timeout` (ms, default: no limit) makes it throw ApprovalTimeoutError instead;
   * `signal` aborts it. Long-polls the server, so a decision arrives within moments.
   */
  async wait(options: { timeout?: number; signal?: AbortSignal } = {}): Promise<ApprovalRequest> {
    const deadline = options.timeout === undefined ? Infinity : Date.now() + options.timeout;
    for (;;) {
      if (this.request.status !== "pending") return this.request;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new ApprovalTimeoutError(this.request);
      const seconds = Math.min(MAX_POLL_SECONDS, Math.ceil(remaining / 1000));
      const res = await this.http.call<ApprovalRequest>("GET", this.path(`/wait?timeout=${seconds}`), {
        signal: options.signal,
        repeatable: true,
        timeoutMs: seconds * 1000 + 15_000,
      });
      this.request = res.body;
    }
  }

  /** Reads the current state (no waiting). */
  async status(options: { signal?: AbortSignal } = {}): Promise<ApprovalRequest> {
    this.request = (await this.http.call<ApprovalRequest>("GET", this.path(), { signal: options.signal, repeatable: true })).body;
    return this.request;
  }

  /** Withdraws the request while it is pending; a CountersignError `conflict` once it is decided. */
  async cancel(options: { signal?: AbortSignal } = {}): Promise<ApprovalRequest> {
    return this.settle(
      () => this.http.call<ApprovalRequest>("POST", this.path("/cancel"), { signal: options.signal, repeatable: true }),
      (r) => r.status === "cancelled",
    );
  }

  /**
   * Reports how executing the approved action went, with the request's receipt (the server
   * requires it). Recorded once; a CountersignError `conflict` if a result was already recorded.
   */
  async reportResult(result: ResultReport, options: { signal?: AbortSignal } = {}): Promise<ApprovalRequest> {
    const receipt = this.request.receipt;
    if (this.request.status !== "approved" || !receipt) {
      throw new CountersignError(`Only an approved request takes a result; this one is ${this.request.status}`, 409, "conflict");
    }
    return this.settle(
      () =>
        this.http.call<ApprovalRequest>("POST", this.path("/result"), {
          body: { ...result, receipt },
          signal: options.signal,
          repeatable: true,
        }),
      (r) => r.execution?.status === result.status,
    );
  }

  /**
   * Runs a state-changing call that the SDK repeats after a lost connection. If the repeat
   * answers `conflict` because the lost attempt had in fact taken effect, that is success.
   */
  private async settle(
    send: () => Promise<{ body: ApprovalRequest }>,
    tookEffect: (r: ApprovalRequest) => boolean,
  ): Promise<ApprovalRequest> {
    try {
      this.request = (await send()).body;
      return this.request;
    } catch (e) {
      if (e instanceof CountersignError && e.code === "conflict" && e.afterLostAttempt) {
        const now = await this.status();
        if (tookEffect(now)) return now;
      }
      throw e;
    }
  }
}
