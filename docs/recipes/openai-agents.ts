// Recipe: the OpenAI Agents SDK (`@openai/agents`) with its human-in-the-loop approvals decided by
// Countersign. A tool marked `needsApproval` interrupts the run; each interruption becomes a
// Countersign request; its decision approves or rejects the call (a rejection tells the model
// why); the tool then runs with the *approved* payload, checked against its receipt.
//
// Run it:  COUNTERSIGN_URL=http://localhost:3000 COUNTERSIGN_API_KEY=csk_… OPENAI_API_KEY=sk-… \
//          npx tsx docs/recipes/openai-agents.ts "Pay the ACME invoice INV-1042: 500 USD to acct_123"
// Tests run it with a scripted Model (no model provider): tests/integration/sdk-recipes.test.ts.
import { pathToFileURL } from "node:url";
import { Agent, run, tool, type Model } from "@openai/agents";
import { z } from "zod";
// In your project: import { Countersign, toRejection } from "@countersign/sdk";
import { Countersign, toRejection, type ApprovalInput } from "../../packages/sdk/index.ts";

export const ACTION = "payments.transfer";

// Strict tool schemas: every field present (nullable rather than optional).
const ZTransfer = z.object({
  amount: z.number().positive().describe("Amount to send"),
  currency: z.enum(["USD", "EUR"]),
  to: z.string().describe("Destination account id"),
});
export type Transfer = z.infer<typeof ZTransfer>;

/**
 * The Countersign request for one tool call. The call id (and the same parsed input) make it the
 * same request every time: the approval step and the tool's execute step find one request.
 */
const approvalFor = (action: string, input: Transfer, callId: string): ApprovalInput => ({
  action,
  payload: input,
  summary: `Transfer ${input.amount} ${input.currency} to ${input.to}`,
  context: { callId },
});

type Options = { cs: Countersign; pay: (t: Transfer) => Promise<{ transferId: string }>; action?: string; model?: Model | string };

export function paymentAgent(options: Options) {
  const { cs, pay, action = ACTION } = options;
  const transferMoney = tool({
    name: "transfer_money",
    description: "Send money to an account. Needs approval.",
    parameters: ZTransfer,
    needsApproval: true,
    // Runs only once the run state approved the call; the decision is read back from Countersign
    // (same call id → same request) and exactly the approved payload is executed.
    execute: async (input, _context, details) => {
      const handle = await cs.requestApproval(approvalFor(action, input, details?.toolCall?.callId ?? ""));
      const request = await handle.status();
      if (request.status !== "approved") return toRejection(request);
      const approved = ZTransfer.parse(request.approvedPayload);
      await cs.verifyReceipt(request.receipt!, approved, { requestId: request.id, action });
      const result = await pay(approved);
      await handle.reportResult({ status: "succeeded", output: result });
      return { ...result, executed: approved };
    },
  });
  return new Agent({
    name: "Payments assistant",
    instructions:
      "You pay invoices with transfer_money. If a transfer is not approved, explain why to the user and do not retry it unchanged.",
    tools: [transferMoney],
    ...(options.model ? { model: options.model } : {}),
  });
}

/** Runs the agent; every approval interruption is decided by Countersign, then the run resumes. */
export async function runWithCountersign(agent: Agent, cs: Countersign, input: string, action = ACTION) {
  let result = await run(agent, input);
  for (let round = 0; result.interruptions.length > 0; round++) {
    if (round >= 5) throw new Error("too many approval rounds");
    for (const item of result.interruptions) {
      if (item.rawItem.type !== "function_call") {
        result.state.reject(item, { message: "Only function tools can be approved here." });
        continue;
      }
      const handle = await cs.requestApproval(
        approvalFor(action, ZTransfer.parse(JSON.parse(item.rawItem.arguments)), item.rawItem.callId),
      );
      const request = await handle.wait();
      if (request.status === "approved") result.state.approve(item);
      else result.state.reject(item, { message: toRejection(request).message });
    }
    result = await run(agent, result.state);
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cs = new Countersign({
    baseUrl: process.env.COUNTERSIGN_URL ?? "http://localhost:3000",
    apiKey: process.env.COUNTERSIGN_API_KEY ?? "",
  });
  const agent = paymentAgent({
    cs,
    pay: async (t) => (console.log("paying", t), { transferId: `tr_${Date.now()}` }),
    model: process.env.OPENAI_MODEL,
  });
  const result = await runWithCountersign(agent, cs, process.argv[2] ?? "Pay the ACME invoice INV-1042: 500 USD to acct_123");
  console.log(result.finalOutput);
}
