import { createRemoteJWKSet, customFetch, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { ApprovalHandle } from "./approval-handle.ts";
import { guardTool, type GuardOptions, type GuardedTool } from "./guard.ts";
import { Http, type RetryOptions } from "./http.ts";
import { idempotencyKeyFor } from "./idempotency-key.ts";
import { verifyReceipt, type VerifiedReceipt, type VerifyReceiptOptions } from "./receipts.ts";
import type { ApprovalInput, ApprovalRequest } from "./types.ts";

export type CountersignOptions = {
  /** Where Countersign runs, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** The agent's API key (`csk_…`). */
  apiKey: string;
  retry?: RetryOptions;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
};

/** The Countersign client for agents. */
export class Countersign {
  private readonly http: Http;
  private jwks?: JWTVerifyGetKey;

  constructor(private readonly options: CountersignOptions) {
    if (!options.baseUrl) throw new TypeError("Countersign: baseUrl is required");
    if (!options.apiKey) throw new TypeError("Countersign: apiKey is required");
    this.http = new Http({ baseUrl: options.baseUrl, apiKey: options.apiKey, retry: options.retry, fetch: options.fetch });
  }

  /**
   * Submits an action for approval and returns at once with a handle — the request may already
   * be approved or rejected by policy, or pending review. Safe to retry: the idempotency key comes
   * from `context.callId` (+ `runId`) when given.
   */
  async requestApproval(input: ApprovalInput): Promise<ApprovalHandle> {
    const { idempotencyKey, signal, ...fields } = input;
    const key = idempotencyKey ?? (await idempotencyKeyFor(input.action, input.context));
    const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const res = await this.http.call<ApprovalRequest>("POST", "/api/v1/requests", {
      body,
      headers: { "idempotency-key": key },
      signal,
      repeatable: true,
    });
    return new ApprovalHandle(this.http, res.body, res.headers.get("idempotent-replayed") === "true");
  }

  /** A handle on an existing request (e.g. after a restart), read fresh from the server. */
  async getRequest(id: string, options: { signal?: AbortSignal } = {}): Promise<ApprovalHandle> {
    const res = await this.http.call<ApprovalRequest>("GET", `/api/v1/requests/${encodeURIComponent(id)}`, {
      signal: options.signal,
      repeatable: true,
    });
    return new ApprovalHandle(this.http, res.body);
  }

  /** The instance's receipt keys (`/.well-known/jwks.json`), to keep for offline verification. */
  async receiptKeys(): Promise<JSONWebKeySet> {
    const res = await this.http.call<JSONWebKeySet>("GET", "/.well-known/jwks.json", { repeatable: true });
    return res.body;
  }

  /**
   * Verifies a receipt against the payload about to be executed, with this instance's published
   * keys (fetched once and cached; refetched when an unknown key id appears).
   */
  verifyReceipt(receipt: string, payload: unknown, options: Omit<VerifyReceiptOptions, "keys"> = {}): Promise<VerifiedReceipt> {
    this.jwks ??= createRemoteJWKSet(this.http.url("/.well-known/jwks.json"), {
      // A rotation's new key is fetched on first sight rather than after jose's default 30 s cooldown.
      cooldownDuration: 1000,
      ...(this.options.fetch ? { [customFetch]: this.options.fetch } : {}),
    });
    return verifyReceipt(receipt, payload, { ...options, keys: this.jwks });
  }

  /**
   * Wraps a tool so that it runs only once Countersign approved it, with the approved payload
   * (verified against its receipt), and otherwise returns an ActionRejection for the LLM.
   */
  guard<A, R>(tool: (args: A) => R | Promise<R>, options: GuardOptions<A, R>): GuardedTool<A, R> {
    return guardTool(this, tool, options);
  }
}
