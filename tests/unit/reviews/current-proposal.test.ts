import { describe, expect, it } from "vitest";
import { payloadHash } from "@/lib/kernel/json/canonical-json.ts";
import { currentProposal } from "@/lib/domain/reviews/current-proposal.ts";

const original = { amount: 900 };
const edited = { amount: 250 };
const request = (reviews: { outcome: string; payloadHash: string; editedPayload: unknown }[]) => ({
  payload: original,
  payloadHash: payloadHash(original),
  reviews,
});

describe("currentProposal", () => {
  it("is the agent's payload until someone edits it", () => {
    expect(currentProposal(request([]))).toEqual({ payload: original, hash: payloadHash(original), approvals: 0, countedGroups: [] });
    const one = currentProposal(request([{ outcome: "approve", payloadHash: payloadHash(original), editedPayload: null }]));
    expect(one.approvals).toBe(1);
  });

  it("after an edit, only approvals of the edited payload count", () => {
    const p = currentProposal(
      request([
        { outcome: "approve", payloadHash: payloadHash(original), editedPayload: null },
        { outcome: "approve", payloadHash: payloadHash(edited), editedPayload: edited },
      ]),
    );
    expect(p).toEqual({ payload: edited, hash: payloadHash(edited), approvals: 1, countedGroups: [] });
  });

  it("with distinct groups, counts one approval per group", () => {
    const h = payloadHash(original);
    const reviews = [
      { outcome: "approve", payloadHash: h, editedPayload: null, groupName: "finance" },
      { outcome: "approve", payloadHash: h, editedPayload: null, groupName: null },
      { outcome: "approve", payloadHash: h, editedPayload: null, groupName: "legal" },
    ];
    expect(currentProposal(request(reviews), { distinctGroups: true })).toMatchObject({
      approvals: 2,
      countedGroups: ["finance", "legal"],
    });
    expect(currentProposal(request(reviews)).approvals).toBe(3);
  });
});

describe("payloadHash", () => {
  it("is the SHA-256 of the RFC 8785 form, independent of key order", () => {
    expect(payloadHash({ b: 1, a: "x" })).toBe(payloadHash({ a: "x", b: 1 }));
    expect(payloadHash({ a: 1 })).toBe("sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862");
  });
});
