// Requests brought to a decision through the real API: an agent submits, a reviewer decides.
import { expect } from "vitest";
import { createTestActionType, createTestAgent, createTestUser } from "./factories.ts";
import { agentApi, BASE_URL } from "./http.ts";
import { decide, signIn } from "./reviewer-session.ts";

/** An action type held for review (editable), an agent scoped to it, and a signed-in reviewer. */
export async function reviewSetup(options: { allowEdit?: boolean; rules?: unknown[]; baseUrl?: string } = {}) {
  const { key } = await createTestActionType({ allowEdit: options.allowEdit ?? true, rules: options.rules });
  const agent = await createTestAgent({ scopes: [key] });
  const user = await createTestUser({ role: "reviewer" });
  const baseUrl = options.baseUrl ?? BASE_URL;
  const cookie = await signIn(user.email, user.password, baseUrl);
  return {
    key,
    agent,
    reviewer: user,
    api: agentApi(agent.apiKey, baseUrl),
    /** The reviewer approves (optionally with an edited payload) the request as it stands. */
    async approve(requestId: string, edited?: unknown, comment?: string) {
      const current = await agentApi(agent.apiKey, baseUrl).get(requestId);
      const res = await decide(
        cookie,
        requestId,
        {
          outcome: "approve",
          payloadHash: current.body.payloadHash,
          ...(edited !== undefined ? { payload: edited } : {}),
          ...(comment ? { comment } : {}),
        },
        {},
        baseUrl,
      );
      expect(res.status).toBe(200);
      return res.body;
    },
    async reject(requestId: string, comment: string) {
      const current = await agentApi(agent.apiKey, baseUrl).get(requestId);
      const res = await decide(cookie, requestId, { outcome: "reject", comment, payloadHash: current.body.payloadHash }, {}, baseUrl);
      expect(res.status).toBe(200);
      return res.body;
    },
  };
}
