/** See server-timeouts.mjs. */
export declare const SERVER_TIMEOUTS: Readonly<{ requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number }>;
export declare function installServerTimeouts(): void;
