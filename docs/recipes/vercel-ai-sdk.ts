// Recipe: the Vercel AI SDK (`ai` v6) with its tool approval (`needsApproval`) decided by
// Countersign. The model proposes a transfer; the AI SDK stops with a tool-approval request;
// Countersign's policies and reviewers decide; the tool then runs with the *approved* payload
// (a reviewer may have edited it), checked against its receipt, and the result is reported.
//
// Run it:  COUNTERSIGN_URL=http://localhost:3000 COUNTERSIGN_API_KEY=csk_… AI_MODEL=openai/gpt-4.1-mini \
//          npx tsx docs/recipes/vercel-ai-sdk.ts "Pay the ACME invoice INV-1042: 500 USD to acct_123"
// (a model id string goes through the AI Gateway; pass any provider's model to runPaymentAgent instead).
// Tests run it with the AI SDK's mock model: tests/integration/sdk-recipes.test.ts.
import { pathToFileURL } from "node:url";
import {
  generateText,
  stepCountIs,
  tool,
  type ContentPart,
  type LanguageModel,
  type ModelMessage,
  type ToolApprovalResponse,
  type ToolSet,
} from "ai";
import { z } from "zod";
// In your project: import { Countersign, toRejection } from "@countersign/sdk";
import { Countersign, toRejection, type ApprovalInput } from "../../packages/sdk/index.ts";

export const ACTION = "payments.transfer";

const ZTransfer = z.object({
  amount: z.number().positive().describe("Amount to send"),
  currency: z.enum(["USD", "EUR"]),
  to: z.string().describe("Destination account id"),
  memo: z.string().optional(),
});
export type Transfer = z.infer<typeof ZTransfer>;

/**
 * The Countersign request for one tool call. The call id (and the same parsed input) make it the
 * same request every time: the approval step and the tool's execute step find one request.
 */
const approvalFor = (action: string, input: Transfer, toolCallId: string): ApprovalInput => ({
  action,
  payload: input,
  summary: `Transfer ${input.amount} ${input.currency} to ${input.to}`,
  context: { callId: toolCallId },
});

type Options = { cs: Countersign; pay: (t: Transfer) => Promise<{ transferId: string }>; action?: string };

export function paymentTools({ cs, pay, action = ACTION }: Options) {
  return {
    transferMoney: tool({
      description: "Send money to an account. Needs approval.",
      inputSchema: ZTransfer,
      needsApproval: true,
      // Runs only after the AI SDK got an approval response; we still read the decision from
      // Countersign (same call id → same request) and run exactly what it approved.
      execute: async (input, { toolCallId }) => {
        const handle = await cs.requestApproval(approvalFor(action, input, toolCallId));
        const request = await handle.status();
        if (request.status !== "approved") return toRejection(request);
        const approved = ZTransfer.parse(request.approvedPayload);
        await cs.verifyReceipt(request.receipt!, approved, { requestId: request.id, action });
        const result = await pay(approved);
        await handle.reportResult({ status: "succeeded", output: result });
        return { ...result, executed: approved };
      },
    }),
  };
}

/** Answers each tool-approval request of a step with Countersign's decision (waits for it). */
export async function decideWithCountersign<T extends ToolSet>(
  cs: Countersign,
  content: ContentPart<T>[],
  action = ACTION,
): Promise<ModelMessage | null> {
  const asks = content.flatMap((part) => (part.type === "tool-approval-request" ? [part] : []));
  if (asks.length === 0) return null;
  const answers = await Promise.all(
    asks.map(async (ask): Promise<ToolApprovalResponse> => {
      const handle = await cs.requestApproval(approvalFor(action, ZTransfer.parse(ask.toolCall.input), ask.toolCall.toolCallId));
      const request = await handle.wait();
      const approved = request.status === "approved";
      // A denial's reason is what the model reads: the reviewer's comment, written for it.
      return {
        type: "tool-approval-response",
        approvalId: ask.approvalId,
        approved,
        ...(approved ? {} : { reason: toRejection(request).message }),
      };
    }),
  );
  return { role: "tool", content: answers };
}

/** The agent loop: generate, let Countersign answer approval requests, continue until done. */
export async function runPaymentAgent(options: Options & { model: LanguageModel; prompt: string }) {
  const tools = paymentTools(options);
  const messages: ModelMessage[] = [{ role: "user", content: options.prompt }];
  for (let round = 0; round < 5; round++) {
    const result = await generateText({ model: options.model, tools, messages, stopWhen: stepCountIs(5) });
    messages.push(...result.response.messages);
    const answer = await decideWithCountersign(options.cs, result.content, options.action);
    if (!answer) return { text: result.text, messages };
    messages.push(answer);
  }
  throw new Error("too many approval rounds");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cs = new Countersign({
    baseUrl: process.env.COUNTERSIGN_URL ?? "http://localhost:3000",
    apiKey: process.env.COUNTERSIGN_API_KEY ?? "",
  });
  const { text } = await runPaymentAgent({
    model: process.env.AI_MODEL ?? "openai/gpt-4.1-mini",
    cs,
    prompt: process.argv[2] ?? "Pay the ACME invoice INV-1042: 500 USD to acct_123",
    pay: async (t) => (console.log("paying", t), { transferId: `tr_${Date.now()}` }),
  });
  console.log(text);
}
