// Issue 13 item 1 in the browser: before a reviewer confirms an edit, the page shows the rule the
// edited payload falls under and what the request will then need, or why the edit is refused.
import { expect, test, type Page } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createGuardedActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";

// The demo's payments.transfer rules (prisma/seed/demo-config.yaml) with a deny rule on top.
const SCHEMA = {
  type: "object",
  required: ["amount", "currency", "to"],
  additionalProperties: false,
  properties: {
    amount: { type: "number", exclusiveMinimum: 0 },
    currency: { type: "string", enum: ["USD", "EUR"] },
    to: { type: "string" },
    memo: { type: "string" },
  },
};
const RULES = [
  { name: "too big", when: "payload.amount > 100000", outcome: "deny" },
  { name: "small", when: "payload.amount <= 100", outcome: "allow" },
  { name: "large", when: "payload.amount > 1000", outcome: "review", approvals: 2, groups: ["finance"] },
  { name: "otherwise", outcome: "review" },
];

async function openEditor(page: Page, edited: object) {
  const { key } = await createGuardedActionType({
    schema: SCHEMA,
    rules: RULES,
    allowEdit: true,
    budgetField: "/amount",
    autoRejectFlags: ["path.traversal"],
  });
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer", groups: ["ops"] });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: { amount: 500, currency: "USD", to: "acct_123" } });
  expect(created.body.status).toBe("pending");
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");
  await page.getByTestId("edit-button").click();
  await page.getByTestId("payload-editor").fill(JSON.stringify(edited, null, 2));
  await page.getByTestId("review-edit").click();
  return { api, id: created.body.id as string };
}

test("500 → 50,000 by a non-finance reviewer: the page shows the finance rule and its quorum before confirming; one press does not approve", async ({
  page,
}) => {
  const { api, id } = await openEditor(page, { amount: 50_000, currency: "USD", to: "acct_999" });
  const preview = page.getByTestId("edit-preview");
  await expect(preview.getByTestId("edit-preview-rule")).toHaveText("large");
  await expect(preview.getByTestId("edit-preview-requirement")).toContainText("2 approvals");
  await expect(preview.getByTestId("edit-preview-requirement")).toContainText("finance");
  await expect(preview.getByTestId("edit-preview-not-counted")).toBeVisible();
  await page.getByTestId("confirm-edit-approve").click();

  await expect(page.getByTestId("edit-rule")).toContainText("large");
  await expect(page.getByTestId("review-not-counted")).toBeVisible();
  await expect(page.getByTestId("request-status")).toHaveText(/pending/i);
  await expect(page.getByTestId("approvals")).toContainText("0 of 2");
  const seen = await api.get(id);
  expect(seen.body).toMatchObject({ status: "pending", approvals: 0, requiredApprovals: 2 });
});

test("an edit into a deny rule, or adding a path.traversal string, is refused in the preview and cannot be confirmed", async ({ page }) => {
  const { api, id } = await openEditor(page, { amount: 500_000, currency: "USD", to: "acct_123" });
  await expect(page.getByTestId("edit-preview-refused")).toContainText("denied by the policy");
  await expect(page.getByTestId("confirm-edit-approve")).toBeDisabled();

  await page.getByRole("button", { name: "Back to editing" }).click();
  await page.getByTestId("payload-editor").fill(JSON.stringify({ amount: 500, currency: "USD", to: "acct_123", memo: "../../etc/passwd" }));
  await page.getByTestId("review-edit").click();
  await expect(page.getByTestId("edit-preview-refused")).toContainText("rejected automatically");
  await expect(page.getByTestId("confirm-edit-approve")).toBeDisabled();
  expect((await api.get(id)).body).toMatchObject({ status: "pending", approvals: 0, requiredApprovals: 1 });
});

test("an edit that stays under the submitted rule is previewed and approved by one press", async ({ page }) => {
  const { api, id } = await openEditor(page, { amount: 450, currency: "USD", to: "acct_123" });
  await expect(page.getByTestId("edit-preview-rule")).toHaveText("otherwise");
  await expect(page.getByTestId("edit-preview-not-counted")).toHaveCount(0);
  await page.getByTestId("confirm-edit-approve").click();
  await expect(page.getByTestId("request-status")).toHaveText(/approved/i);
  expect((await api.get(id)).body.approvedPayload).toEqual({ amount: 450, currency: "USD", to: "acct_123" });
});
