import type { Metadata, Viewport } from "next";
import "./globals.css";

// The icon is inline so that no page asks for a file that is not there.
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f172a"/><path d="M21 11.5a7 7 0 1 0 0 9" fill="none" stroke="#fff" stroke-width="3.5" stroke-linecap="round"/></svg>',
)}`;

export const metadata: Metadata = {
  title: "Countersign",
  description: "Approval gateway for AI agents",
  referrer: "no-referrer",
  robots: { index: false, follow: false },
  icons: { icon: ICON },
};

// Every page is rendered per request: each response carries its own CSP nonce (proxy.ts), which
// a statically prerendered page could not.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#0f172a" };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
