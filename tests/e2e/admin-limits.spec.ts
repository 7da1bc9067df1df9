import { expect, test } from "@playwright/test";
import { createGuardedActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { agentApi } from "../support/http.ts";

test("an admin sets an agent's rate limit and a budget in the browser, and the API enforces them", async ({ page }) => {
  const admin = await createTestUser({ role: "admin" });
  const { key } = await createGuardedActionType({
    schema: { type: "object", properties: { amount: { type: "number" } } },
    budgetField: "/amount",
    rules: [{ name: "all", outcome: "allow" }],
  });
  const agent = await createTestAgent({ scopes: [key] });
  await signInInBrowser(page, admin.email, admin.password);

  await page.goto("/admin/agents");
  await page.getByTestId("agent-row").filter({ hasText: agent.name }).getByRole("link", { name: "Limits" }).click();
  await expect(page.getByRole("heading", { name: `Limits of ${agent.name}` })).toBeVisible();
  const limits = page.getByRole("form", { name: "Limits" });
  await limits.getByLabel("Submissions per minute").fill("2");
  await limits.getByRole("button", { name: "Save limits" }).click();
  await expect(limits.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("submits-per-minute")).toHaveText("2");

  const budget = page.getByRole("form", { name: "Set a budget" });
  await budget.getByLabel("Action type").selectOption(key);
  await budget.getByLabel("Limit").fill("100");
  await budget.getByRole("button", { name: "Set budget" }).click();
  await expect(page.getByTestId("budget")).toContainText("0 of 100");

  const api = agentApi(agent.apiKey);
  expect((await api.submit({ action: key, payload: { amount: 60 } })).body.status).toBe("approved");
  expect((await api.submit({ action: key, payload: { amount: 60 } })).body.status).toBe("pending"); // over budget: review
  const third = await api.submit({ action: key, payload: { amount: 1 } });
  expect(third.status).toBe(429);
  await page.reload();
  await expect(page.getByTestId("budget")).toContainText("120 of 100");
});
