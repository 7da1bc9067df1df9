import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

// axe-core (WCAG 2.x A/AA and best practices) on the main pages, at a laptop's and a phone's width.
// Fails on any serious or critical violation, and on the two rules fixed in review: heading order
// and a scrollable region a keyboard cannot reach.
const WIDTHS = [
  { name: "laptop", viewport: { width: 1366, height: 768 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];
const ALWAYS = new Set(["heading-order", "scrollable-region-focusable"]);

async function violations(page: Page) {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || ALWAYS.has(v.id))
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

for (const { name, viewport } of WIDTHS) {
  test(`no serious accessibility violations on the main pages (${name})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const { key } = await createTestActionType({ allowEdit: true });
    const agent = await createTestAgent({ scopes: [key] });
    const api = agentApi(agent.apiKey);
    const pending = await api.submit({
      action: key,
      payload: { amount: 500, to: "acct_1", memo: "Invoice INV-1042" },
      summary: "Pay invoice INV-1042",
      reasoning: "The user asked for it.",
    });
    const decided = await api.submit({ action: key, payload: { amount: 20, to: "acct_2" }, summary: "Refund" });
    const [reviewer, admin] = await Promise.all([createTestUser({ role: "reviewer" }), createTestUser({ role: "admin" })]);
    await decide(await signIn(reviewer.email, reviewer.password), decided.body.id, {
      outcome: "approve",
      payloadHash: decided.body.payloadHash,
    });

    const check = async (page: Page, path: string, ready: (page: Page) => Promise<void>) => {
      await page.goto(path);
      await ready(page);
      expect(await violations(page), `${path} at ${viewport.width}px`).toEqual([]);
    };

    const asReviewer = await browser.newContext({ viewport });
    const page = await asReviewer.newPage();
    await signInInBrowser(page, reviewer.email, reviewer.password);
    await check(page, `/inbox?action=${key}`, (p) => expect(p.getByTestId("inbox-row")).toHaveCount(1));
    await check(page, `/requests/${pending.body.id}`, (p) => expect(p.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on"));
    await check(page, `/history?action=${key}`, (p) => expect(p.getByTestId("history-row")).toHaveCount(1));
    await check(page, "/metrics?period=24h", (p) => expect(p.getByTestId("chart-time").locator("svg")).toBeVisible());
    await asReviewer.close();

    const asAdmin = await browser.newContext({ viewport });
    const adminPage = await asAdmin.newPage();
    await signInInBrowser(adminPage, admin.email, admin.password);
    await check(adminPage, `/audit?subject=${encodeURIComponent(`request:${decided.body.id}`)}`, (p) =>
      expect(p.getByTestId("audit-row")).toHaveCount(3),
    );
    await check(adminPage, "/admin/policies", (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible());
    await check(adminPage, `/admin/policies/${key}`, (p) => expect(p.getByTestId("rule")).toHaveCount(1));
    await asAdmin.close();
  });
}
