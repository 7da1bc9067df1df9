import { useEffect, type RefObject } from "react";
import { isTypingOrModified } from "../../../inbox/_components/inbox-keyboard.tsx";
import type { Outcome } from "./use-decision-submit.ts";

export type Step = "idle" | "confirm-approve" | "confirm-reject" | "edit";

/**
 * The decision panel's keys: a approve, r reject (to the comment first when a rejection needs one
 * and there is none), e edit, Escape cancels a confirmation. Bound again on every render, so a key
 * acts on the current state.
 */
export function useDecisionKeys(
  panel: RefObject<HTMLElement | null>,
  keys: {
    step: Step;
    setStep: (step: Step) => void;
    ask: (outcome: Outcome) => void;
    /** A rejection may be asked for now (it has its comment, or needs none). */
    rejectReady: boolean;
    focusComment: () => void;
    canEdit: boolean;
  },
): void {
  useEffect(() => {
    const { step, setStep, ask, rejectReady, focusComment, canEdit } = keys;
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape" && (step === "confirm-approve" || step === "confirm-reject")) return setStep("idle");
      if (isTypingOrModified(e) || step !== "idle") return;
      if (e.key === "a") ask("approve");
      else if (e.key === "r") {
        e.preventDefault();
        if (rejectReady) ask("reject");
        else focusComment();
      } else if (e.key === "e" && canEdit) setStep("edit");
      else return;
      e.preventDefault();
    }
    document.addEventListener("keydown", onKey);
    // Marks that the keys are listened to (after hydration): browser tests wait for it.
    panel.current?.setAttribute("data-keys", "on");
    return () => document.removeEventListener("keydown", onKey);
  });
}
