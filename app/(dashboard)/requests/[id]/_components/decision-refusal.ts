type RefusalBody = { error?: { code?: string; message?: string; details?: { path?: string; message?: string }[] } } | null;

/**
 * What a refused decision tells the reviewer: the API's message with the places its details name
 * (or the HTTP status when the body says nothing), and whether the payload changed under them.
 */
export function decisionRefusal(json: unknown, status: number): { said: string; stale: boolean } {
  const body = json as RefusalBody;
  const where = Array.isArray(body?.error?.details)
    ? body.error.details.map((d) => `${d.path ?? ""} ${d.message ?? ""}`.trim()).join("; ")
    : "";
  const said = `${body?.error?.message ?? `The decision failed (HTTP ${status}).`}${where ? ` (${where})` : ""}`;
  return { said, stale: body?.error?.code === "stale" };
}
