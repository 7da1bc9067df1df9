import ipaddr from "ipaddr.js";

/** OUTBOUND_ALLOW_CIDRS entries are single addresses or CIDR ranges, IPv4 or IPv6. */
export function validateAllowCidrs(allowCidrs: readonly string[]): void {
  for (const cidr of allowCidrs) {
    if (!(cidr.includes("/") ? ipaddr.isValidCIDR(cidr) : ipaddr.isValid(cidr))) throw new Error(`"${cidr}" is not an IP address or CIDR`);
  }
}
