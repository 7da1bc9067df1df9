import { describe, expect, it } from "vitest";
import { parseStrictJson } from "@/lib/kernel/json/parse-strict-json.ts";

const refusal = (text: string) => {
  try {
    parseStrictJson(text);
  } catch (e) {
    return e as { code: string; message: string; details: { path: string }[] };
  }
  throw new Error(`accepted ${text}`);
};

describe("parseStrictJson", () => {
  it("parses what JSON.parse parses when nothing is ambiguous", () => {
    const text = '{"a":[1,-2.5e3,true,false,null,{"a":"x\\"}y","b":"\\\\"}],"b":{"a":{}},"c":"[{,:}]"}';
    expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    expect(parseStrictJson(" [ ] ")).toEqual([]);
    expect(parseStrictJson("1e308")).toBe(1e308);
  });

  it.each([
    ['{"amount":50,"amount":5000}', "/amount", /"amount" appears more than once/],
    ['{"a":{"b":1,"c":[{"d":1,"d":2}]}}', "/a/c/0/d", /"d" appears more than once/],
    ['{"a\\u0062":1,"ab":2}', "/ab", /"ab" appears more than once/],
    ['{"x":{"__proto__":{"admin":true}}}', "/x/__proto__", /__proto__/],
    ['{"\\u005f_proto__":1}', "/__proto__", /__proto__/],
    ['{"a":[1,2,1e309]}', "/a/2", /too large/],
    ['{"a/b":-1E400}', "/a~1b", /too large/],
  ])("refuses %s at %s", (text, path, message) => {
    const e = refusal(text);
    expect(e.code).toBe("validation_error");
    expect(e.message).toMatch(message);
    expect(e.details[0]!.path).toBe(path);
  });

  it("refuses text that is not JSON", () => {
    expect(refusal("{not json").message).toMatch(/not valid JSON/);
  });
});
