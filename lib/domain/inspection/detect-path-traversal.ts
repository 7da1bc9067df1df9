// path.traversal: a path that climbs out of its directory — `../` segments that go up more than
// one level, climb inside an absolute path, or are spelled in any encoded or doubled form — or
// that names a file nobody's agent should read or write (credentials, keys, system account
// databases, process environments). One plain `../` in a relative path ("../assets") is how
// repositories refer to their neighbours and is not a finding.

const SEGMENT = String.raw`(?:^|[\\/=\s"'(:,;])\.\.(?=[\\/])`;
const PLAIN_CLIMB = new RegExp(SEGMENT, "g");
const ABSOLUTE_CLIMB = new RegExp(String.raw`(?:^|[\s"'(=])(?:[a-z]:)?[\\/][^\s"']*?[\\/]\.\.[\\/]`, "i");
const CLIMB = new RegExp(
  [
    String.raw`(?:^|[\\/=\s"'(:,;])\.\.(?:%2f|%5c|%c0%af|%c1%9c|%255c|%252f|;\/)`,
    String.raw`(?:^|[\\/])\.{3,}[\\/]{1,2}`,
    String.raw`%2e%2e(?:[\\/]|%2f|%5c)`,
    String.raw`%252e%252e`,
    String.raw`(?:%c0%ae|%e0%80%ae){2}`,
    String.raw`\.\.%00`,
    String.raw`\\\.\.\\`,
  ].join("|"),
  "i",
);

const SENSITIVE = new RegExp(
  [
    String.raw`\/etc\/(?:passwd|shadow|sudoers|gshadow|master\.passwd|security\/opasswd)\b`,
    String.raw`\/etc\/ssh\/`,
    String.raw`\/proc\/(?:self|\d{1,7})\/(?:environ|cmdline|mem|maps|fd\/|root\/|cwd\/)`,
    String.raw`(?:^|[\\/~])\.ssh[\\/]`,
    String.raw`\bid_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?\b`,
    String.raw`\bauthorized_keys\b`,
    String.raw`\.aws[\\/](?:credentials|config)\b`,
    String.raw`\.kube[\\/]config\b`,
    String.raw`\.docker[\\/]config\.json\b`,
    String.raw`\.git-credentials\b`,
    String.raw`(?:^|[\\/~])\.(?:netrc|pgpass|bash_history|zsh_history|npmrc|pypirc)\b`,
    String.raw`(?:^|[\\/])\.env(?:\.(?:local|production|prod))?$`,
    String.raw`\/(?:var\/)?run\/secrets\/`,
    String.raw`\.htpasswd\b`,
    String.raw`\bwp-config\.php\b`,
    String.raw`[a-z]:\\+windows\\+(?:system32|win\.ini|repair)`,
    String.raw`\\windows\\+system32\\+config\\+(?:sam|system|security)\b`,
    String.raw`(?:^|[\\/])boot\.ini\b`,
    String.raw`^\/root\/|file:\/\/\/(?:etc|root|proc)\/`,
    String.raw`\.\w{1,5}%00`,
  ].join("|"),
  "i",
);

export function isPathTraversal(text: string): boolean {
  if (CLIMB.test(text) || SENSITIVE.test(text) || ABSOLUTE_CLIMB.test(text)) return true;
  return (text.match(PLAIN_CLIMB)?.length ?? 0) >= 2;
}
