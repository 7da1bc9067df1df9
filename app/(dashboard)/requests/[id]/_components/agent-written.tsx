import type { ReviewerRequestView } from "@/lib/domain/reviews/get-request-for-reviewer.ts";
import { VisibleText } from "../../../_components/visible-text.tsx";
import { PayloadTree } from "./payload-tree.tsx";

function Box({ label, testId, bare, children }: { label: string; testId: string; bare?: boolean; children: React.ReactNode }) {
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <h3 className="text-sm font-medium text-slate-800">{label}</h3>
        <span className="text-xs font-medium text-amber-800">Written by the agent — unverified</span>
      </div>
      <div data-testid={testId} className={bare ? "mt-1" : "mt-1 rounded-md bg-white p-3 text-sm text-slate-800 ring-1 ring-amber-200"}>
        {children}
      </div>
    </div>
  );
}

/**
 * What the agent says about its request. Plain text only (never HTML, never markdown), apart from
 * the platform facts and visibly labelled: it may be wrong, or written to talk the reviewer into
 * approving.
 */
export function AgentWritten({ text }: { text: ReviewerRequestView["agentWritten"] }) {
  const empty = !text.summary && !text.reasoning && text.context === null && !text.executionError;
  return (
    <section aria-labelledby="agent-title" data-testid="agent-written" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="agent-title" className="font-semibold text-amber-950">
        Written by the agent — unverified
      </h2>
      <p className="mt-1 text-xs text-amber-900">
        The agent wrote this. It may be mistaken, or crafted to persuade you. Decide on the payload and the platform facts.
      </p>
      <div className="mt-3 space-y-3">
        {text.summary && (
          <Box label="Summary" testId="agent-summary">
            <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">
              <VisibleText text={text.summary} />
            </p>
          </Box>
        )}
        {text.reasoning && (
          <Box label="Reasoning" testId="agent-reasoning">
            <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">
              <VisibleText text={text.reasoning} />
            </p>
          </Box>
        )}
        {text.context !== null && (
          <Box label="Context" testId="agent-context" bare>
            <PayloadTree value={text.context} testId="context-tree" />
          </Box>
        )}
        {text.executionError && (
          <Box label="Execution error reported" testId="agent-execution-error">
            <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">
              <VisibleText text={text.executionError} />
            </p>
          </Box>
        )}
        {empty && <p className="text-sm text-amber-900">The agent gave no summary, reasoning or context.</p>}
      </div>
    </section>
  );
}
