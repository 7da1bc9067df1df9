import net from "node:net";
import ipaddr from "ipaddr.js";
import { isLookalikeHost } from "./lookalike-host.ts";

// url.private_address, url.punycode and url.deceptive_userinfo: the hosts that URLs, scheme-relative links, bare
// host:port/path references and email addresses in a string really name. Hosts are normalised by
// the WHATWG URL parser, as a browser or fetch would (`http://0x7f.1/` is 127.0.0.1). Nothing is
// resolved: a name that resolves privately is the SSRF guard's business at call time; here only
// what the text itself says counts.

const URL_CANDIDATES = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s"'<>`]+|\bhttps?:[\\/]{0,2}[^\s"'<>`]+|(?:^|[\s"'(=])(\/\/[^\s"'<>`/]+)/gi;
// A CIDR suffix ("10.0.0.0/8") is a network, not a path.
const BARE_HOST_PORT_PATH =
  /(?:^|[\s"'(=@])((?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:.]+\]|localhost|(?:[\w-]+\.)+(?:internal|local|localhost|intranet|corp|lan|home\.arpa))(?::\d{1,5}|\/(?!\d{1,3}(?![\w/.])))/gi;
const METADATA_IP = /\b169\.254\.169\.254\b|\bfd00:ec2::254\b|\b100\.100\.100\.200\b/i;
const EMAIL = /[\w.+-]{1,64}@((?:[\p{L}\p{N}-]{1,63}\.){1,10}(?:[\p{L}]{2,63}|xn--[a-z0-9-]{1,59}))/giu;
const BARE_DOMAIN = /(?:^|[\s"'(=<])((?:[\p{L}\p{N}-]{1,63}\.){1,10}(?:[a-z]{2,24}|xn--[a-z0-9-]{1,59}))(?=[\s/:"')>,;]|$)/giu;

const PRIVATE_NAMES =
  /^(?:localhost|.*\.localhost|.*\.local|.*\.internal|.*\.intranet|.*\.corp|.*\.lan|.*\.home\.arpa|.*\.svc|.*\.cluster\.local|metadata|instance-data|localtest\.me|.*\.localtest\.me|lvh\.me|.*\.lvh\.me|vcap\.me|.*\.vcap\.me)$/i;
/** Wildcard-DNS services that resolve a name with an embedded address to that address. */
const EMBEDDED_ADDRESS = /^(?:.*[.-])?((?:\d{1,3}[.-]){3}\d{1,3})\.(?:nip\.io|sslip\.io|xip\.io|traefik\.me)$/i;

/**
 * Address ranges a request could use to reach inside a network. Documentation and other reserved
 * ranges (203.0.113.0/24, …) appear in ordinary text as examples and are not counted; the SSRF
 * guard of outbound calls refuses them all the same.
 */
const PRIVATE_RANGES = new Set(["private", "loopback", "linkLocal", "uniqueLocal", "carrierGradeNat", "unspecified", "broadcast"]);

function isPrivateAddress(address: string): boolean {
  try {
    return PRIVATE_RANGES.has(ipaddr.process(address).range());
  } catch {
    return false;
  }
}

/** Schemes whose "host" is a bucket or account name, not a network host. */
const STORAGE_SCHEMES = new Set(["s3:", "gs:", "az:", "abfs:", "abfss:", "wasb:", "wasbs:", "hdfs:", "r2:"]);

type UrlHost = { host: string; storage: boolean };

/** The host a URL candidate names, normalised (IPv4 forms folded, IDNs in punycode), or null. */
function hostOf(candidate: string): UrlHost | null {
  try {
    const url = new URL(candidate.startsWith("//") ? `http:${candidate}` : candidate);
    // Non-special schemes (gopher:, dict:, …) keep the host as written: fold it like http would.
    const host = url.hostname;
    if (!host) return null;
    const normal = new URL(`http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}/`).hostname;
    return { host: normal, storage: STORAGE_SCHEMES.has(url.protocol) };
  } catch {
    return null;
  }
}

export function isPrivateHost(host: string, options: { singleLabel?: boolean } = {}): boolean {
  const bare = host.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (net.isIP(bare)) return isPrivateAddress(bare);
  if (PRIVATE_NAMES.test(bare)) return true;
  // A single label ("intranet", "jenkins") only resolves on an internal network.
  if (!bare.includes(".")) return options.singleLabel ?? true;
  const embedded = EMBEDDED_ADDRESS.exec(bare)?.[1]?.replace(/-/g, ".");
  return embedded !== undefined && net.isIP(embedded) !== 0 && isPrivateAddress(embedded);
}

function urlHosts(text: string): UrlHost[] {
  const hosts: UrlHost[] = [];
  for (const m of text.matchAll(URL_CANDIDATES)) {
    const host = hostOf(m[1] ?? m[0]);
    if (host) hosts.push(host);
  }
  return hosts;
}

export function hasPrivateAddressUrl(text: string): boolean {
  if (METADATA_IP.test(text)) return true;
  if (urlHosts(text).some((h) => isPrivateHost(h.host, { singleLabel: !h.storage }))) return true;
  for (const m of text.matchAll(BARE_HOST_PORT_PATH)) {
    const found = hostOf(`http://${m[1]}/`);
    if (found && isPrivateHost(found.host)) return true;
  }
  return false;
}

export function hasLookalikeHost(text: string): boolean {
  if (/^[\x00-\x7f]*$/.test(text) && !/xn--/i.test(text)) return false;
  const hosts = urlHosts(text).map((h) => h.host);
  for (const re of [EMAIL, BARE_DOMAIN]) {
    for (const m of text.matchAll(re)) {
      const found = hostOf(`http://${m[1]}/`);
      if (found) hosts.push(found.host);
    }
  }
  return hosts.some(isLookalikeHost);
}

/** Top-level domains common enough that `name.<tld>` before an `@` reads as a host to anyone. */
const COMMON_TLDS = new Set([
  "com",
  "net",
  "org",
  "io",
  "co",
  "app",
  "dev",
  "ai",
  "gov",
  "edu",
  "info",
  "biz",
  "me",
  "us",
  "uk",
  "de",
  "fr",
  "eu",
  "ca",
  "au",
  "in",
  "jp",
  "cn",
  "ru",
  "br",
]);
const DOMAIN_LIKE = /^(?:[\p{L}\p{N}-]{1,63}\.){1,10}([\p{L}]{2,24})\.?$/u;

/**
 * A URL whose user-info (before the `@`) is written as a host name, so a reader takes it for the
 * host: `https://paypal.com@evil.example/` goes to evil.example. A user name that merely has a dot
 * (`john.doe@`) is not a finding; one ending in a common top-level domain or starting with `www.` is.
 */
export function hasDeceptiveUserinfo(text: string): boolean {
  if (!text.includes("@")) return false;
  for (const m of text.matchAll(URL_CANDIDATES)) {
    let user: string;
    try {
      const candidate = m[1] ?? m[0];
      user = decodeURIComponent(new URL(candidate.startsWith("//") ? `http:${candidate}` : candidate).username);
    } catch {
      continue;
    }
    // An encoded "@" or ":" (stripe.com%40x@…) hides a second user-info part: judge each.
    for (const part of user.split(/[@:]/)) {
      const tld = DOMAIN_LIKE.exec(part)?.[1]?.toLowerCase();
      if (tld && (COMMON_TLDS.has(tld) || /^www\./i.test(part))) return true;
    }
  }
  return false;
}
