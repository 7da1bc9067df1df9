import { CountersignError } from "./errors.ts";

export type RetryOptions = {
  /** Further attempts after the first (default 5). */
  retries?: number;
  /** First backoff delay in ms (default 500); doubles each attempt, with jitter. */
  minDelayMs?: number;
  /** Largest backoff delay in ms (default 20 000). */
  maxDelayMs?: number;
  /** A Retry-After longer than this (ms, default 120 000) is not waited for: the error is thrown. */
  maxRetryAfterMs?: number;
};

export type HttpOptions = { baseUrl: string; apiKey: string; fetch?: typeof fetch; retry?: RetryOptions };

type CallOptions = {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether repeating the call is safe when an attempt is lost in transit (GET, keyed POST). */
  repeatable: boolean;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number;
};

export type HttpResponse<T> = { status: number; headers: Headers; body: T };

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal?.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(signal!.reason));
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110). */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * The one way the SDK talks to the API: JSON in and out, bearer auth, and retries — 429 (always:
 * nothing was done) and 502/503/504 or a connection lost in transit (only for repeatable calls),
 * honouring Retry-After, otherwise exponential backoff with jitter.
 */
export class Http {
  private readonly fetch: typeof fetch;
  private readonly retry: Required<RetryOptions>;

  constructor(private readonly options: HttpOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.retry = { retries: 5, minDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 120_000, ...options.retry };
  }

  /** A path under `baseUrl`, keeping any path prefix it has (a reverse proxy's `/countersign/`). */
  url(path: string): URL {
    return new URL(path.replace(/^\//, ""), this.options.baseUrl.replace(/\/*$/, "/"));
  }

  async call<T>(method: string, path: string, call: CallOptions): Promise<HttpResponse<T>> {
    const url = this.url(path).toString();
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${this.options.apiKey}`, ...call.headers };
    if (call.body !== undefined) headers["content-type"] = "application/json";
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    let lostAttempt = false;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.retry.retries;
      let res: Response;
      let text: string;
      try {
        res = await this.fetch(url, { method, headers, body, signal: this.attemptSignal(call) });
        text = await res.text();
      } catch (e) {
        if (call.signal?.aborted) throw call.signal.reason;
        // Lost in transit (connection cut, attempt timed out): the server may or may not have
        // acted on it, so only a call that is safe to repeat is repeated.
        if (!canRetry || !call.repeatable) throw e;
        lostAttempt = true;
        await sleep(this.backoff(attempt), call.signal);
        continue;
      }
      const parsed = parseJson(text);
      if (res.ok) return { status: res.status, headers: res.headers, body: parsed as T };
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
      const retryable = res.status === 429 || (RETRY_STATUSES.has(res.status) && call.repeatable);
      if (retryable && canRetry && (retryAfterMs === null || retryAfterMs <= this.retry.maxRetryAfterMs)) {
        await sleep(retryAfterMs ?? this.backoff(attempt), call.signal);
        continue;
      }
      throw toError(res, parsed, retryAfterMs, lostAttempt);
    }
  }

  private attemptSignal(call: CallOptions): AbortSignal | undefined {
    const signals = [call.signal, call.timeoutMs ? AbortSignal.timeout(call.timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.minDelayMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toError(res: Response, body: unknown, retryAfterMs: number | null, lostAttempt: boolean): CountersignError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : `http_${res.status}`;
  const message = typeof error?.message === "string" ? error.message : `HTTP ${res.status}`;
  return new CountersignError(
    message,
    res.status,
    code,
    error?.details,
    res.headers.get("x-request-id") ?? undefined,
    retryAfterMs === null ? undefined : retryAfterMs / 1000,
    lostAttempt,
  );
}
