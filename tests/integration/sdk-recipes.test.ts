// The framework recipes in docs/recipes, run as written against the real server, with each
// framework's own mock / custom model standing in for the LLM (no model provider is called).
import { setTracingDisabled, Usage, type Model, type ModelRequest, type ModelResponse } from "@openai/agents";
import { MockLanguageModelV3 } from "ai/test";
import { describe, expect, it } from "vitest";
import { paymentAgent, runWithCountersign } from "@/docs/recipes/openai-agents.ts";
import { runPaymentAgent, type Transfer } from "@/docs/recipes/vercel-ai-sdk.ts";
import { Countersign } from "@/packages/sdk/index.ts";
import { reviewSetup } from "../support/approvals.ts";
import { BASE_URL } from "../support/http.ts";
import { eventually } from "../support/webhook-receiver.ts";

setTracingDisabled(true);

const PROPOSED = { amount: 900, currency: "USD", to: "acct_9" } as const;

/** Plays the reviewer: decides the agent's one pending request as soon as it appears. */
async function decideWhenPending(s: Awaited<ReturnType<typeof reviewSetup>>, decision: { edit?: object; reject?: string }) {
  const pending = await eventually(async () => (await s.api.list("?status=pending")).body.requests[0], 20_000, "a pending request");
  if (decision.reject) await s.reject(pending.id, decision.reject);
  else await s.approve(pending.id, decision.edit);
  return pending.id as string;
}

type GenerateResult = Awaited<ReturnType<MockLanguageModelV3["doGenerate"]>>;

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 1, text: 1, reasoning: 0 } };

/** AI SDK mock: proposes the transfer, then answers with what the tool step returned. */
function scriptedAiModel(seen: string[]) {
  return new MockLanguageModelV3({
    doGenerate: async ({ prompt }): Promise<GenerateResult> => {
      const last = prompt.at(-1);
      if (last?.role === "tool") {
        seen.push(JSON.stringify(last.content));
        return {
          content: [{ type: "text", text: `Done: ${JSON.stringify(last.content)}` }],
          finishReason: { unified: "stop", raw: undefined },
          usage,
          warnings: [],
        };
      }
      return {
        content: [{ type: "tool-call", toolCallId: "call_ai_1", toolName: "transferMoney", input: JSON.stringify(PROPOSED) }],
        finishReason: { unified: "tool-calls", raw: undefined },
        usage,
        warnings: [],
      };
    },
  });
}

/** Agents SDK custom Model: the same script. */
class ScriptedAgentsModel implements Model {
  seen: string[] = [];
  async getResponse(request: ModelRequest): Promise<ModelResponse> {
    const items = typeof request.input === "string" ? [] : request.input;
    const result = items.findLast((i) => i.type === "function_call_result");
    if (result) {
      this.seen.push(JSON.stringify(result));
      return {
        usage: new Usage(),
        output: [
          {
            type: "message",
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: `Done: ${JSON.stringify(result)}` }],
          },
        ],
      };
    }
    return {
      usage: new Usage(),
      output: [
        { type: "function_call", callId: "call_oa_1", name: "transfer_money", arguments: JSON.stringify(PROPOSED), status: "completed" },
      ],
    };
  }
  async *getStreamedResponse(): AsyncIterable<never> {
    throw new Error("not used");
  }
}

describe("recipe: Vercel AI SDK needsApproval routed through Countersign", () => {
  it("runs the tool once with the reviewer-edited payload", async () => {
    const s = await reviewSetup();
    const paid: Transfer[] = [];
    const seen: string[] = [];
    const running = runPaymentAgent({
      model: scriptedAiModel(seen),
      cs: new Countersign({ baseUrl: BASE_URL, apiKey: s.agent.apiKey }),
      action: s.key,
      prompt: "Pay acct_9",
      pay: async (t) => (paid.push(t), { transferId: "tr_ai" }),
    });
    const id = await decideWhenPending(s, { edit: { ...PROPOSED, amount: 450 } });
    const { text } = await running;
    expect(paid).toEqual([{ ...PROPOSED, amount: 450 }]);
    expect(text).toContain("tr_ai");
    expect((await s.api.get(id)).body.execution).toMatchObject({ status: "succeeded", output: { transferId: "tr_ai" } });
  });

  it("a rejection denies the tool call and the model reads the reviewer's comment", async () => {
    const s = await reviewSetup();
    const paid: Transfer[] = [];
    const seen: string[] = [];
    const running = runPaymentAgent({
      model: scriptedAiModel(seen),
      cs: new Countersign({ baseUrl: BASE_URL, apiKey: s.agent.apiKey }),
      action: s.key,
      prompt: "Pay acct_9",
      pay: async (t) => (paid.push(t), { transferId: "tr_x" }),
    });
    await decideWhenPending(s, { reject: "acct_9 is not the ACME account" });
    await running;
    expect(paid).toEqual([]);
    expect(seen.join()).toContain("acct_9 is not the ACME account");
  });
});

describe("recipe: OpenAI Agents SDK approvals routed through Countersign", () => {
  it("runs the tool once with the reviewer-edited payload", async () => {
    const s = await reviewSetup();
    const paid: unknown[] = [];
    const model = new ScriptedAgentsModel();
    const cs = new Countersign({ baseUrl: BASE_URL, apiKey: s.agent.apiKey });
    const agent = paymentAgent({ cs, action: s.key, model, pay: async (t) => (paid.push(t), { transferId: "tr_oa" }) });
    const running = runWithCountersign(agent, cs, "Pay acct_9", s.key);
    const id = await decideWhenPending(s, { edit: { ...PROPOSED, amount: 450 } });
    const result = await running;
    expect(paid).toEqual([{ ...PROPOSED, amount: 450 }]);
    expect(String(result.finalOutput)).toContain("tr_oa");
    expect((await s.api.get(id)).body.execution).toMatchObject({ status: "succeeded", output: { transferId: "tr_oa" } });
  });

  it("a rejection rejects the call with a message the model reads", async () => {
    const s = await reviewSetup();
    const paid: unknown[] = [];
    const model = new ScriptedAgentsModel();
    const cs = new Countersign({ baseUrl: BASE_URL, apiKey: s.agent.apiKey });
    const agent = paymentAgent({ cs, action: s.key, model, pay: async (t) => (paid.push(t), { transferId: "tr_x" }) });
    const running = runWithCountersign(agent, cs, "Pay acct_9", s.key);
    await decideWhenPending(s, { reject: "acct_9 is not the ACME account" });
    await running;
    expect(paid).toEqual([]);
    expect(model.seen.join()).toContain("acct_9 is not the ACME account");
  });
});
