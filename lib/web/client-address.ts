/** The client's address: X-Forwarded-For's last entry (see client-address.mjs for why it is trusted). */
export function clientAddress(forwardedFor: string | string[] | null | undefined): string {
  const value = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  return (
    value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .at(-1) ?? "unknown"
  );
}
