// Which hosts a string's URLs really lead to, for the payload tree's host badges. The WHATWG URL
// parser decides, as the browser would; its hostname is punycode for internationalised names.

/** Hosts that the URLs inside a string really point to (`https://paypal.com@evil.example/` → evil.example). */
export function realHosts(value: string): { kind: "web" | "mail"; host: string }[] {
  const found = new Map<string, { kind: "web" | "mail"; host: string }>();
  const add = (kind: "web" | "mail", host: string) => found.set(`${kind} ${host}`, { kind, host });
  // Any scheme spelling the URL parser accepts: "https://x", "HTTPS:\\x", "https:x" all load x.
  for (const [candidate] of value.matchAll(/\b(?:https?|mailto):[^\s"'<>]+/gi)) {
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      add("web", "(unparseable URL)");
      continue;
    }
    if (url.protocol !== "mailto:") {
      add("web", url.hostname || "(no host)");
      continue;
    }
    // mailto:a@x.example,b@y.example?cc=c@z.example — every recipient's domain, as punycode.
    const recipients = [decodeSafely(url.pathname), ...["to", "cc", "bcc"].flatMap((k) => url.searchParams.getAll(k))];
    for (const address of recipients.flatMap((r) => r.split(","))) {
      const domain = address.trim().split("@").pop();
      if (!address.includes("@") || !domain) continue;
      try {
        add("mail", new URL(`http://${domain}`).hostname);
      } catch {
        add("mail", "(unparseable address)");
      }
    }
  }
  return [...found.values()];
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
