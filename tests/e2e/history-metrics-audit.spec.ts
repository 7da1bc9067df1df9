import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

test("history search, metrics charts, and the audit viewer with export and verification", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  // A payload of its own: the hash search must find this request only.
  const created = await api.submit({ action: key, payload: { n: Math.random() }, summary: "Quarterly payout to the vendor" });
  await decide(await signIn(reviewer.email, reviewer.password), created.body.id, {
    outcome: "approve",
    payloadHash: created.body.payloadHash,
  });

  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto("/history");
  await page.getByRole("searchbox", { name: "Search" }).fill(created.body.payloadHash);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("history-row")).toHaveCount(1);
  await expect(page.getByTestId("history-row")).toContainText("approved");
  await page.getByRole("searchbox", { name: "Search" }).fill("QUARTERLY payout");
  await page.getByLabel("Action type").selectOption(key);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("history-row")).toHaveAttribute("data-request-id", created.body.id);

  await page.goto("/metrics?period=24h");
  await expect(page.getByTestId("metric-p50")).not.toHaveText("–");
  for (const chart of ["chart-decisions", "chart-time", "chart-expiries"])
    await expect(page.getByTestId(chart).locator("svg")).toBeVisible();
  // Narrowed to this test's action type (the suite's shared database holds many others).
  await page.getByLabel("Action type").selectOption(key);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`action=${key.replace(".", "\\.")}`));
  await expect(page.getByTestId("approval-rates")).toContainText(key);
  await expect(page.getByTestId("approval-rates")).toContainText("100% of 1");

  // The whole trail is for admins and auditors.
  expect((await page.goto("/audit"))!.status()).toBe(404);

  const auditor = await createTestUser({ role: "auditor" });
  await page.context().clearCookies();
  await signInInBrowser(page, auditor.email, auditor.password);
  await page.goto(`/audit?subject=${encodeURIComponent(`request:${created.body.id}`)}`);
  await expect(page.getByTestId("audit-row")).toHaveCount(3);
  // Actors by name, with their id kept beside it.
  const created_ = page.getByTestId("audit-row").filter({ hasText: "request.created" });
  await expect(created_.getByTestId("audit-actor-name")).toHaveText(agent.name);
  await expect(created_.getByTestId("audit-actor-id")).toHaveText(agent.agentId);
  const reviewed = page.getByTestId("audit-row").filter({ hasText: "review.recorded" });
  await expect(reviewed.getByTestId("audit-actor-name")).toHaveText(reviewer.name);
  await expect(reviewed.getByTestId("audit-actor-name")).toHaveAttribute("title", `user ${reviewer.id}`);
  await expect(reviewed.getByTestId("audit-actor-id")).toHaveText(reviewer.id);
  const download = page.waitForEvent("download");
  await page.getByTestId("export-jsonl").click();
  const lines = (await (await download).createReadStream()).toArray();
  const events = Buffer.concat(await lines)
    .toString("utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.map((e) => e.type)).toEqual(["request.created", "review.recorded", "request.approved"]);

  // (Retried: a click that lands before the page is hydrated does nothing; the job id is fixed.)
  await expect(async () => {
    await page.getByTestId("verify-now").click();
    await expect(page.getByRole("status").filter({ hasText: "Verification queued" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("chain-status")).toHaveAttribute("data-ok", "true", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
});

test("metrics with nothing decided: no p90 sentence without a value, no made-up time axis", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  await agentApi(agent.apiKey).submit({ action: key, payload: { n: 1 } }); // listed, but nothing decided
  const reviewer = await createTestUser({ role: "reviewer" });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/metrics?period=24h&action=${key}`);
  await expect(page.getByTestId("metric-p90")).toHaveText("–");
  await expect(page.getByText("9 in 10 were decided faster")).toHaveCount(0);
  await expect(page.getByTestId("metric-p50")).toHaveText("–");
  const chart = page.getByTestId("chart-time");
  await expect(chart.locator("svg")).toBeVisible();
  // Duration ticks ("0 s", "2 min", …) must each name a different value; with no data there are none.
  const ticks = (await chart.locator("svg text").allTextContents()).filter((t) => /^\S+ (s|min|h|d)$/.test(t));
  expect(new Set(ticks).size).toBe(ticks.length);
  expect(ticks).toEqual([]);
  await expect(chart).toContainText("No reviewer decisions in this period");
});
