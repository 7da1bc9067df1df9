import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy } from "@/lib/web/content-security-policy.ts";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("page Content-Security-Policy", () => {
  it("allows scripts only with the nonce, never inline or eval in production", () => {
    const csp = pageContentSecurityPolicy({ nonce: "abc123" });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "style-src-attr")).toBe("style-src-attr 'none'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "img-src")).toBe("img-src 'self' data:");
    expect(directive(csp, "connect-src")).toBe("connect-src 'self'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
    expect(pageContentSecurityPolicy({ nonce: "n", dev: true })).toContain("'unsafe-eval'");
  });

  it("uses a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
