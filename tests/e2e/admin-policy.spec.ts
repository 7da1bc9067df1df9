import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { db } from "@/lib/platform/db.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { agentApi } from "../support/http.ts";

// An admin creates an action type and its policy in the browser, dry-runs it, publishes it, and
// an agent's submissions over the API follow the new policy.
test("admin creates an action type and a policy, dry-runs and publishes it; requests follow it", async ({ page }) => {
  const admin = await createTestUser({ role: "admin" });
  const key = `pw${randomBytes(4).toString("hex")}.refund`;

  await signInInBrowser(page, admin.email, admin.password);

  await page.getByRole("link", { name: "Policies" }).click();
  await page.getByRole("link", { name: "New action type" }).click();
  await page.getByLabel("Key").fill(key);
  await page.getByLabel("Name").fill("Refund a payment");
  await page.getByRole("button", { name: "Create action type" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/policies/${key.replace(".", "\\.")}`));

  // Rule 1 through the condition builder; rule 2 the catch-all review.
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 1 name").fill("small");
  await page.getByLabel("Rule 1 outcome").selectOption("allow");
  const builder = page.getByTestId("builder-0");
  await builder.getByLabel("Condition field").fill("payload.amount");
  await builder.getByLabel("Condition operator").selectOption("<=");
  await builder.getByLabel("Condition value").fill("100");
  await builder.getByRole("button", { name: "Add to condition" }).click();
  await expect(page.getByLabel("Rule 1 condition")).toHaveValue("payload.amount <= 100");
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule 2 name").fill("rest");

  await page.getByLabel("Sample request").fill('{"payload": {"amount": 50}}');
  await page.getByRole("button", { name: "Run dry run" }).click();
  await expect(page.getByTestId("dry-run-result")).toContainText("Sample → allow");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByTestId("policy-message")).toContainText("Draft saved");
  await page.getByRole("button", { name: "Publish draft" }).click();
  await expect(page.getByTestId("published-version")).toContainText("version 1");

  const agent = await createTestAgent({ scopes: [key] });
  const api = agentApi(agent.apiKey);
  const small = await api.submit({ action: key, payload: { amount: 50 } });
  expect(small.body).toMatchObject({ status: "approved", decision: { by: "policy" } });
  const large = await api.submit({ action: key, payload: { amount: 500 } });
  expect(large.body.status).toBe("pending");
});

test("a reviewer cannot open the admin console", async ({ page }) => {
  const reviewer = await createTestUser({ role: "reviewer" });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await expect(page.getByRole("link", { name: "Policies" })).toHaveCount(0);
  const res = await page.goto("/admin/policies");
  expect(res?.status()).toBe(404);
});

// Saving an action type in the console keeps what the form shows and what it does not edit.
test("saving an action type in the console keeps its recipient field", async ({ page }) => {
  const admin = await createTestUser({ role: "admin" });
  const { key } = await createTestActionType({ recipientField: "/to" });
  await signInInBrowser(page, admin.email, admin.password);
  await page.goto(`/admin/action-types/${key}`);
  await expect(page.getByLabel(/Recipient field/)).toHaveValue("/to");
  await page.getByLabel("Name").fill("Renamed transfer");
  await page.getByRole("button", { name: "Save action type" }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/policies/${key.replace(".", "\\.")}`));
  const saved = await db().actionType.findUniqueOrThrow({ where: { key } });
  expect(saved.name).toBe("Renamed transfer");
  expect(saved.recipientField).toBe("/to");
});
