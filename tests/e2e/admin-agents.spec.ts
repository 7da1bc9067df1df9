import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createTestUser } from "../support/factories.ts";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { agentApi } from "../support/http.ts";

test("an admin creates an agent in the browser, its key works, and the kill switch stops it", async ({ page }) => {
  const admin = await createTestUser({ role: "admin" });
  const name = `ui-agent-${randomBytes(3).toString("hex")}`;
  await signInInBrowser(page, admin.email, admin.password);

  await page.getByRole("link", { name: "Agents" }).click();
  const form = page.getByRole("region", { name: "New agent" });
  await form.getByLabel("Agent name").fill(name);
  await form.getByLabel("Scopes").fill("*");
  await form.getByRole("button", { name: "Create agent" }).click();
  const apiKey = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(apiKey).toMatch(/^csk_/);
  expect((await agentApi(apiKey).list()).status).toBe(200);

  const row = page.getByTestId("agent-row").filter({ hasText: name });
  await row.getByRole("button", { name: "Kill switch" }).click();
  await row.getByRole("button", { name: "Yes, stop it" }).click();
  await expect(row.getByTestId("agent-status")).toHaveText("disabled");
  expect((await agentApi(apiKey).submit({ action: "docs.read", payload: {} })).status).toBe(403);
});
