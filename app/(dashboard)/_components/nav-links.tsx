"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLive, type LiveCounts } from "./live-updates.tsx";

/** `live` names the count that follows the live stream (the server's `badge` until it arrives). */
type NavItem = { href: string; label: string; badge?: number; badgeLabel?: string; badgeTestId?: string; live?: keyof LiveCounts };

/** The main navigation; the current section is marked for sight and for screen readers. */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  const live = useLive();
  return (
    <ul className="flex flex-wrap items-center gap-1 text-sm">
      {items.map(({ href, label, badge: serverBadge, badgeLabel = "pending", badgeTestId = "inbox-count", live: liveKey }) => {
        const current = pathname === href || pathname.startsWith(`${href}/`) || (href === "/inbox" && pathname.startsWith("/requests/"));
        const badge = liveKey && live ? live.counts[liveKey] : serverBadge;
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={current ? "page" : undefined}
              className={`flex items-center gap-1.5 whitespace-nowrap rounded-md px-2.5 py-1.5 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400 ${current ? "bg-slate-100 font-medium text-slate-950" : "text-slate-600 hover:bg-slate-50 hover:text-slate-950"}`}
            >
              {label}
              {badge !== undefined && badge > 0 && (
                <span
                  data-testid={badgeTestId}
                  className="rounded-full bg-slate-900 px-1.5 text-xs font-semibold leading-5 tabular-nums text-white"
                >
                  <span className="sr-only">(</span>
                  {badge > 999 ? "999+" : badge}
                  <span className="sr-only"> {badgeLabel})</span>
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
