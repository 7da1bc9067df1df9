import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { AppError } from "@/lib/kernel/errors.ts";

// SSRF guard for every call Countersign makes to an operator-configured URL (agent webhooks,
// chat webhooks). By default only public unicast addresses are reachable: loopback, private,
// link-local (cloud metadata), carrier-grade NAT, unique-local, IPv6 forms that embed an IPv4
// address (compatible, mapped, NAT64, 6to4, Teredo) and other special ranges are refused.
// OUTBOUND_ALLOW_CIDRS opens specific ranges (local development, tests).
// The rule is applied when a URL is registered and again at connect time to the address actually
// dialled, so DNS that changes after registration (rebinding) gains nothing.

export type Lookup = typeof dns.lookup;

// IPv6 forms that carry an IPv4 address inside them: a host or gateway may route them to that
// IPv4 address, so `::127.0.0.1` or `::a9fe:a9fe` reach loopback or cloud metadata. ipaddr.js
// classes most of them as special ranges, but not IPv4-compatible `::/96` (it calls that unicast).
// [prefix, prefix length, index of the first 16-bit word holding the IPv4 address, XOR mask]
const EMBEDDED_IPV4: readonly (readonly [string, number, number, number])[] = [
  ["::", 96, 6, 0], // IPv4-compatible (deprecated)
  ["::ffff:0:0", 96, 6, 0], // IPv4-mapped
  ["::ffff:0:0:0", 96, 6, 0], // IPv4-translated (RFC 6145)
  ["64:ff9b::", 96, 6, 0], // NAT64 well-known prefix
  ["64:ff9b:1::", 48, 6, 0], // NAT64 local-use prefix
  ["2002::", 16, 1, 0], // 6to4: the IPv4 address follows the prefix
  ["2001::", 32, 6, 0xffffffff], // Teredo: the client's address, inverted
];

/** The IPv4 address an IPv6 address embeds (IPv4-compatible, mapped, NAT64, 6to4, Teredo), if any. */
export function embeddedIpv4(address: ipaddr.IPv6): string | null {
  for (const [prefix, bits, word, mask] of EMBEDDED_IPV4) {
    if (!address.match(ipaddr.IPv6.parse(prefix), bits)) continue;
    const parts = address.parts;
    const value = ((((parts[word] ?? 0) << 16) | (parts[word + 1] ?? 0)) ^ mask) >>> 0;
    return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
  }
  return null;
}

export function isAddressAllowed(address: string, allowCidrs: readonly string[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  for (const cidr of allowCidrs) {
    const [range, bits] = cidr.includes("/")
      ? ipaddr.parseCIDR(cidr)
      : [ipaddr.parse(cidr), ipaddr.parse(cidr).kind() === "ipv4" ? 32 : 128];
    if (range.kind() === parsed.kind() && parsed.match(range, bits)) return true;
  }
  // An embedded IPv4 address is refused whatever it is (these are transition forms no webhook
  // needs); only an IPv6 range in OUTBOUND_ALLOW_CIDRS, matched above, opens one.
  if (parsed.kind() === "ipv6" && embeddedIpv4(parsed as ipaddr.IPv6) !== null) return false;
  return parsed.range() === "unicast";
}

/** Why an address is refused, naming the IPv4 address it embeds when it embeds one. */
function describeRefused(address: string): string {
  const parsed = ipaddr.isValid(address) ? ipaddr.parse(address) : null;
  const inner = parsed?.kind() === "ipv6" ? embeddedIpv4(parsed as ipaddr.IPv6) : null;
  return inner === null ? address : `${address} (which embeds the IPv4 address ${inner})`;
}

const LOOKUP_TIMEOUT_MS = 5000;

/** A dns.lookup that fails for any resolved address the rule refuses (used at connect time). */
export function guardedLookup(allowCidrs: readonly string[], base: Lookup = dns.lookup): Lookup {
  const guarded = (
    hostname: string,
    options: LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    base(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !isAddressAllowed(a.address, allowCidrs));
      const first = list[0];
      if (refused || !first) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to ${refused?.address ?? "nothing"}, which outbound calls may not reach`), {
            code: "EADDRNOTALLOWED",
          }),
          "",
        );
      }
      if (options.all) return callback(null, list);
      callback(null, first.address, first.family);
    });
  };
  return guarded as unknown as Lookup;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Checks a URL before it is stored or called: http(s) only, no credentials, and every address
 * its host resolves to must pass the rule. Throws validation_error naming the problem.
 */
export async function checkOutboundUrl(
  raw: string,
  allowCidrs: readonly string[],
  lookup: Lookup = dns.lookup,
  timeoutMs = LOOKUP_TIMEOUT_MS,
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("validation_error", "The URL is not valid", { url: raw });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("validation_error", "Only http and https URLs are allowed");
  if (url.username || url.password) throw new AppError("validation_error", "The URL must not contain credentials");
  const host = hostOf(url);
  if (net.isIP(host)) {
    if (!isAddressAllowed(host, allowCidrs))
      throw new AppError(
        "validation_error",
        `${describeRefused(host)} is a private, loopback, link-local, reserved or IPv4-embedding address`,
        { url: raw },
      );
    return url;
  }
  // A resolver that never answers must not hold a delivery (or an admin's save) past its deadline.
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
    lookup(host, { all: true }, (err, list) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(list as LookupAddress[]);
    });
  }).catch(() => {
    throw new AppError("validation_error", `${host} does not resolve (within ${timeoutMs} ms)`, { url: raw });
  });
  const refused = addresses.find((a) => !isAddressAllowed(a.address, allowCidrs));
  if (refused)
    throw new AppError(
      "validation_error",
      `${host} resolves to ${describeRefused(refused.address)}, a private, loopback, link-local, reserved or IPv4-embedding address`,
      { url: raw },
    );
  return url;
}
