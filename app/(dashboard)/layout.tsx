import Link from "next/link";
import { getSessionActor } from "@/lib/web/session.ts";
import { countUnreadNotifications } from "@/lib/domain/notifications/count-unread-notifications.ts";
import { countInbox } from "@/lib/domain/reviews/count-inbox.ts";
import { getCurrentUser } from "@/lib/domain/users/get-current-user.ts";
import { LiveUpdates } from "./_components/live-updates.tsx";
import { NavLinks } from "./_components/nav-links.tsx";
import { SignOutButton } from "./_components/sign-out-button.tsx";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  // Signed out: no shell. Every page here calls requireSessionActor with its own path, so the
  // sign-in page can bring the reviewer back to the request they were sent (a layout cannot see
  // the path, and a redirect from here would always say /inbox).
  const actor = await getSessionActor();
  if (!actor) return children;
  const user = await getCurrentUser({ actor }).catch(() => null);
  if (!user) {
    // A session for a disabled or deleted account grants nothing; offer the way out.
    return (
      <main className="mx-auto max-w-md px-4 py-16 text-center">
        <p className="text-slate-700">This account is no longer active.</p>
        <div className="mt-4 flex justify-center">
          <SignOutButton />
        </div>
      </main>
    );
  }
  const [pending, unread] = await Promise.all([
    countInbox({ actor }).catch(() => undefined),
    countUnreadNotifications({ actor }).catch(() => undefined),
  ]);
  const staff = user.role === "admin" || user.role === "auditor";
  const items = [
    { href: "/inbox", label: "Inbox", badge: pending, live: "inbox" as const },
    { href: "/history", label: "History" },
    { href: "/metrics", label: "Metrics" },
    {
      href: "/notifications",
      label: "Notifications",
      badge: unread,
      badgeLabel: "unread",
      badgeTestId: "notification-count",
      live: "unread" as const,
    },
    ...(staff ? [{ href: "/audit", label: "Audit" }] : []),
    ...(staff
      ? [
          { href: "/admin/policies", label: "Policies" },
          { href: "/admin/agents", label: "Agents" },
          { href: "/admin/users", label: "Users" },
        ]
      : []),
    { href: "/api-reference", label: "API" },
  ];
  return (
    <LiveUpdates initialCounts={{ inbox: pending ?? 0, unread: unread ?? 0 }}>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:ring-2 focus:ring-slate-400"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-200 bg-white">
          {/* On a phone the sections wrap beside the logo and the account controls drop below them:
            no section hides off screen, and the reading and focus order stay those of the markup. */}
          <nav
            className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 sm:flex-nowrap sm:gap-x-5"
            aria-label="Main"
          >
            <Link
              href="/inbox"
              className="flex shrink-0 items-center gap-2 font-semibold tracking-tight focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-slate-400"
            >
              <span aria-hidden="true" className="grid h-6 w-6 place-items-center rounded bg-slate-900 text-xs font-bold text-white">
                C
              </span>
              <span className="sr-only sm:not-sr-only">Countersign</span>
            </Link>
            <div className="min-w-0 grow basis-[calc(100%-3rem)] sm:basis-0">
              <NavLinks items={items} />
            </div>
            <div className="ml-auto flex shrink-0 items-center gap-3 text-sm sm:ml-0">
              <span className="hidden max-w-48 truncate text-slate-700 md:inline" data-testid="current-user">
                {user.name}
              </span>
              <span
                data-testid="current-role"
                className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium uppercase tracking-wide text-slate-700 ring-1 ring-slate-200"
              >
                {user.role}
              </span>
              <SignOutButton />
            </div>
          </nav>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </div>
    </LiveUpdates>
  );
}
