import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import ipaddr from "ipaddr.js";
import { checkOutboundUrl, embeddedIpv4, isAddressAllowed, type Lookup } from "@/lib/platform/outbound/outbound-address.ts";
import { postOutbound } from "@/lib/platform/outbound/post-outbound.ts";
import { startReceiver } from "../../support/webhook-receiver.ts";

/** A stand-in for DNS: fixed answers per host name (the real resolver has no test names here). */
function fakeDns(answers: Record<string, string[]>): Lookup {
  const lookup = (host: string, options: { all?: boolean }, cb: (err: Error | null, a: string | LookupAddress[], f?: number) => void) => {
    const list = (answers[host] ?? []).map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    if (list.length === 0) return cb(Object.assign(new Error(`ENOTFOUND ${host}`), { code: "ENOTFOUND" }), "");
    if (options.all) return cb(null, list);
    cb(null, list[0]!.address, list[0]!.family);
  };
  return lookup as unknown as Lookup;
}

describe("isAddressAllowed", () => {
  it.each([
    ["127.0.0.1", false],
    ["10.0.0.1", false],
    ["172.16.5.4", false],
    ["192.168.0.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["fd00:ec2::254", false],
    ["fe80::1", false],
    ["224.0.0.1", false],
    ["93.184.216.34", true],
    ["2606:2800:220:1:248:1893:25c8:1946", true],
  ])("%s → %s by default", (address, allowed) => {
    expect(isAddressAllowed(address, [])).toBe(allowed);
  });

  // IPv6 forms that embed an IPv4 address: IPv4-compatible ::/96 (the WHATWG URL parser writes
  // [::127.0.0.1] as ::7f00:1), mapped, translated, NAT64, 6to4 and Teredo.
  it.each([
    ["::7f00:1", "127.0.0.1"],
    ["::a9fe:a9fe", "169.254.169.254"],
    ["::808:808", "8.8.8.8"],
    ["::ffff:808:808", "8.8.8.8"],
    ["::ffff:0:7f00:1", "127.0.0.1"],
    ["64:ff9b::a9fe:a9fe", "169.254.169.254"],
    ["64:ff9b:1::7f00:1", "127.0.0.1"],
    ["2002:7f00:1::1", "127.0.0.1"],
    ["2002:a9fe:a9fe::", "169.254.169.254"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe", "127.0.0.1"],
  ])("%s embeds %s and is refused", (address, inner) => {
    expect(embeddedIpv4(ipaddr.IPv6.parse(address))).toBe(inner);
    expect(isAddressAllowed(address, [])).toBe(false);
    expect(isAddressAllowed(address, [`${inner}/32`])).toBe(false);
  });

  it("opens an IPv4-embedding form only through an IPv6 range in the allow list", () => {
    expect(isAddressAllowed("::7f00:1", ["::/96"])).toBe(true);
    expect(embeddedIpv4(ipaddr.IPv6.parse("2606:2800:220:1:248:1893:25c8:1946"))).toBeNull();
  });

  it("opens exactly the allow-listed ranges", () => {
    expect(isAddressAllowed("127.0.0.1", ["127.0.0.1/32"])).toBe(true);
    expect(isAddressAllowed("127.0.0.2", ["127.0.0.1/32"])).toBe(false);
    expect(isAddressAllowed("::ffff:127.0.0.1", ["127.0.0.1/32"])).toBe(false);
    expect(isAddressAllowed("10.9.8.7", ["10.0.0.0/8"])).toBe(true);
  });
});

describe("checkOutboundUrl", () => {
  const dns = fakeDns({
    "internal.corp.test": ["10.20.30.40"],
    "mixed.test": ["93.184.216.34", "192.168.1.1"],
    "public.test": ["93.184.216.34"],
  });

  it("refuses a host name that resolves to a private address", async () => {
    await expect(checkOutboundUrl("https://internal.corp.test/hook", [], dns)).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("10.20.30.40"),
    });
  });

  it("refuses a host name with any private address among its answers", async () => {
    await expect(checkOutboundUrl("https://mixed.test/hook", [], dns)).rejects.toMatchObject({ code: "validation_error" });
  });

  it("refuses literal IPv6 URLs that embed a loopback or link-local IPv4 address", async () => {
    await expect(checkOutboundUrl("http://[::127.0.0.1]:8089/", [], dns)).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("127.0.0.1"),
    });
    await expect(checkOutboundUrl("http://[::a9fe:a9fe]/", [], dns)).rejects.toMatchObject({
      code: "validation_error",
      message: expect.stringContaining("169.254.169.254"),
    });
  });

  it("refuses a host name that does not resolve, accepts a public one", async () => {
    await expect(checkOutboundUrl("https://nowhere.test/hook", [], dns)).rejects.toMatchObject({ code: "validation_error" });
    await expect(checkOutboundUrl("https://public.test/hook", [], dns)).resolves.toBeInstanceOf(URL);
  });
});

describe("postOutbound", () => {
  it("refuses a name that resolves to a private address before calling, and reaches an allowed one", async () => {
    const receiver = await startReceiver([204]);
    try {
      const dns = fakeDns({ "rebind.test": ["10.0.0.1"], "receiver.test": ["127.0.0.1"] });
      const base = { body: "{}", headers: {}, timeoutMs: 2000, allowCidrs: ["127.0.0.1/32"], lookup: dns };
      const refused = await postOutbound({ ...base, url: `http://rebind.test:${receiver.port}/hook` });
      expect(refused.status).toBeNull();
      expect(refused.error).toMatch(/10\.0\.0\.1/);
      const ok = await postOutbound({ ...base, url: `http://receiver.test:${receiver.port}/hook` });
      expect(ok.status).toBe(204);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it("checks the address actually dialled: a name that turns private after the check is refused (DNS rebinding)", async () => {
    const receiver = await startReceiver([204]);
    try {
      // The first answer (the URL check) is public; every later one (the connection) is loopback.
      let asked = 0;
      const rebinding: Lookup = ((
        host: string,
        options: { all?: boolean },
        cb: (err: Error | null, a: string | LookupAddress[], f?: number) => void,
      ) => {
        const address = asked++ === 0 ? "93.184.216.34" : "127.0.0.1";
        if (options.all) return cb(null, [{ address, family: 4 }]);
        cb(null, address, 4);
      }) as unknown as Lookup;
      const result = await postOutbound({
        url: `http://rebind.test:${receiver.port}/hook`,
        body: "{}",
        headers: {},
        timeoutMs: 2000,
        allowCidrs: [],
        lookup: rebinding,
      });
      expect(asked).toBeGreaterThanOrEqual(2);
      expect(result.status).toBeNull();
      expect(result.error).toMatch(/127\.0\.0\.1/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it("gives up on a resolver that never answers within the attempt's deadline", async () => {
    const silent = (() => {}) as unknown as Lookup; // never calls back
    const started = Date.now();
    const result = await postOutbound({
      url: "https://silent.test/hook",
      body: "{}",
      headers: {},
      timeoutMs: 300,
      allowCidrs: [],
      lookup: silent,
    });
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/does not resolve \(within 300 ms\)/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("does not follow redirects", async () => {
    const receiver = await startReceiver([302]);
    try {
      const result = await postOutbound({ url: receiver.url, body: "{}", headers: {}, timeoutMs: 2000, allowCidrs: ["127.0.0.1/32"] });
      expect(result.status).toBe(302);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});
