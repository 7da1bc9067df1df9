import { expect, test, type Page } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";

// The live inbox: server-sent events fed by Redis pub/sub. A request submitted over the API shows
// up in open inboxes without a reload, and leaves the other reviewers' inboxes when one decides.

async function openLiveInbox(page: Page, email: string, password: string, action: string) {
  await signInInBrowser(page, email, password);
  await page.goto(`/inbox?action=${action}`);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  // A marker that a full page load would wipe: the updates must not reload the page.
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload === true);

test(
  "a submitted request appears in two open inboxes within 2 s and leaves the second when the first decides",
  { tag: "@latency" },
  async ({ browser }) => {
    const group = `live${Math.random().toString(36).slice(2, 8)}`;
    const { key } = await createTestActionType({ rules: [{ name: "grp", outcome: "review", groups: [group] }] });
    const agent = await createTestAgent({ scopes: [key] });
    const [first, second] = await Promise.all([
      createTestUser({ role: "reviewer", groups: [group] }),
      createTestUser({ role: "reviewer", groups: [group] }),
    ]);
    const a = await (await browser.newContext()).newPage();
    const b = await (await browser.newContext()).newPage();
    await Promise.all([openLiveInbox(a, first.email, first.password, key), openLiveInbox(b, second.email, second.password, key)]);
    await expect(a.getByTestId("inbox-empty")).toBeVisible();

    const submittedAt = Date.now();
    const created = await agentApi(agent.apiKey).submit({ action: key, payload: { n: 1 }, summary: "Live one" });
    expect(created.status).toBe(201);
    const rowA = a.locator(`[data-testid=inbox-row][data-request-id="${created.body.id}"]`);
    const rowB = b.locator(`[data-testid=inbox-row][data-request-id="${created.body.id}"]`);
    await Promise.all([expect(rowA).toBeVisible({ timeout: 2000 }), expect(rowB).toBeVisible({ timeout: 2000 })]);
    expect(Date.now() - submittedAt).toBeLessThan(2000);
    await expect(a.getByTestId("inbox-count")).toBeVisible();

    await rowA.getByRole("link").first().click();
    await expect(a.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");
    await a.getByTestId("approve-button").click();
    await a.getByTestId("confirm-approve").click();
    await expect(a.getByTestId("request-status")).toHaveText(/approved/i);

    await expect(rowB).toHaveCount(0, { timeout: 5000 });
    await expect(b.getByTestId("inbox-empty")).toBeVisible();
    expect(await stillSamePage(b)).toBe(true);
  },
);

test("a review that leaves the request pending removes it from the reviewer's own inbox only", async ({ browser }) => {
  const group = `live${Math.random().toString(36).slice(2, 8)}`;
  const { key } = await createTestActionType({ rules: [{ name: "two", outcome: "review", approvals: 2, groups: [group] }] });
  const agent = await createTestAgent({ scopes: [key] });
  const [first, second] = await Promise.all([
    createTestUser({ role: "reviewer", groups: [group] }),
    createTestUser({ role: "reviewer", groups: [group] }),
  ]);
  const created = await agentApi(agent.apiKey).submit({ action: key, payload: { n: 2 } });
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();
  await Promise.all([openLiveInbox(a, first.email, first.password, key), openLiveInbox(b, second.email, second.password, key)]);
  const rowB = b.locator(`[data-testid=inbox-row][data-request-id="${created.body.id}"]`);
  await expect(rowB).toContainText("0 of 2");

  await a.goto(`/requests/${created.body.id}`);
  await expect(a.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");
  await a.getByTestId("approve-button").click();
  await a.getByTestId("confirm-approve").click();
  await expect(a.getByTestId("banner-approvals")).toContainText("1 of 2");

  // Still waiting for the second reviewer, with the first approval counted, without a reload.
  await expect(rowB).toContainText("1 of 2", { timeout: 5000 });
  expect(await stillSamePage(b)).toBe(true);
});
