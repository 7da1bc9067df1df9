import type { z } from "zod";

/** A JSON value, exactly as the wire schemas' `z.json()` types it (what a response's payload fields carry). */
export type JsonValue = z.output<ReturnType<typeof z.json>>;
