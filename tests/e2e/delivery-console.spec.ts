import { expect, test } from "@playwright/test";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { agentApi } from "../support/http.ts";
import { startReceiver } from "../support/webhook-receiver.ts";

test("an admin sets an agent's webhook, reads the delivery log and redelivers", async ({ page }) => {
  const receiver = await startReceiver([200]);
  try {
    const admin = await createTestUser({ role: "admin" });
    const { key } = await createTestActionType({ rules: [{ name: "allow", outcome: "allow" }] });
    const agent = await createTestAgent({ scopes: [key] });
    await signInInBrowser(page, admin.email, admin.password);

    await page.goto("/admin/agents");
    await page
      .getByTestId("agent-row")
      .filter({ hasText: agent.name })
      .getByRole("link", { name: /Webhook/ })
      .click();
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveText(/^whsec_/);
    await expect(page.getByTestId("webhook-state")).toHaveText("enabled");

    const created = await agentApi(agent.apiKey).submit({ action: key, payload: { n: 1 } });
    expect(created.body.status).toBe("approved");
    await receiver.until((r) => r.length === 1);
    const delivery = page.getByTestId("delivery").first();
    await expect(async () => {
      await page.reload();
      await expect(delivery.getByTestId("delivery-state")).toHaveText("delivered", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await expect(delivery.getByTestId("delivery-attempt")).toHaveCount(1);
    await expect(delivery.getByTestId("delivery-attempt").first()).toContainText("200");

    await delivery.getByRole("button", { name: "Redeliver" }).click();
    await expect(delivery.getByRole("status")).toHaveText("queued");
    await receiver.until((r) => r.length === 2);
    expect(receiver.received[1]!.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);

    // Removing the endpoint (after a confirmation): the page offers to create one again, and the
    // next decision is not pushed.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Remove endpoint" }).click();
    await expect(page.getByRole("button", { name: "Create endpoint" })).toBeVisible();
    await expect(page.getByTestId("webhook-url")).toHaveCount(0);
    expect((await agentApi(agent.apiKey).submit({ action: key, payload: { n: 2 } })).body.status).toBe("approved");
    await page.waitForTimeout(1500);
    expect(receiver.received).toHaveLength(2);
  } finally {
    await receiver.close();
  }
});

test("a reviewer sees a notification badge and list for a request in their group", async ({ page }) => {
  const group = `g${Math.random().toString(36).slice(2, 8)}`;
  const reviewer = await createTestUser({ role: "reviewer", groups: [group] });
  const { key } = await createTestActionType({ rules: [{ name: "grp", outcome: "review", groups: [group] }] });
  const agent = await createTestAgent({ scopes: [key] });
  const created = await agentApi(agent.apiKey).submit({ action: key, payload: { n: 2 } });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("notification-count")).toContainText("1", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("link", { name: /Notifications/ }).click();
  // This request's notification: tests running alongside notify every reviewer of their own
  // requests held for any reviewer, so the newest one may be someone else's.
  const item = page.getByTestId("notification").filter({ has: page.locator(`a[href="/requests/${created.body.id}"]`) });
  await expect(item).toContainText("waits for your review");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("notification-count")).toHaveCount(0);
  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/requests/${created.body.id}$`));
});
