"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** True when a key press belongs to a field being typed in, or carries a modifier. */
export function isTypingOrModified(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  return (
    e.ctrlKey || e.metaKey || e.altKey || !!t?.closest("input, textarea, select, [contenteditable=''], [contenteditable='true'], dialog")
  );
}

/**
 * Inbox keys: j / k move between requests (focus lands on the request's link, so Enter opens it),
 * a / r open the focused request with the approve or reject confirmation ready. A decision is
 * never taken from the list: the reviewer always confirms it on the request page, beside the
 * payload and the platform's findings.
 */
export function InboxKeyboard({ canDecide }: { canDecide: boolean }) {
  const router = useRouter();
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (isTypingOrModified(e) || !["j", "k", "a", "r"].includes(e.key)) return;
      const links = [...document.querySelectorAll<HTMLAnchorElement>("[data-testid=inbox-row] a[data-row-link]")];
      if (links.length === 0) return;
      const index = links.findIndex((l) => l === document.activeElement);
      if (e.key === "j" || e.key === "k") {
        e.preventDefault();
        const next = index === -1 ? 0 : Math.min(links.length - 1, Math.max(0, index + (e.key === "j" ? 1 : -1)));
        links[next]!.focus();
        links[next]!.closest("tr")?.scrollIntoView({ block: "nearest" });
        return;
      }
      if (!canDecide || index === -1) return;
      e.preventDefault();
      router.push(`${links[index]!.getAttribute("href")}?decide=${e.key === "a" ? "approve" : "reject"}`);
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, canDecide]);
  return null;
}
