import { expect, test } from "@playwright/test";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { agentApi } from "../support/http.ts";

// The whole loop as a new user meets it: an agent submits over REST, a reviewer signs in,
// finds the request in the inbox, reads a hostile payload rendered as inert text, approves,
// and the agent's already-open wait returns approved within a fraction of a second.
const HOSTILE = {
  note: `<img src=x onerror=alert(1)>`,
  script: `<script>alert("xss")</script>`,
  link: "https://paypal.com@evil.example/login",
};

test("agent submits, reviewer approves in the browser, the agent's wait returns", { tag: "@latency" }, async ({ page }) => {
  const { key } = await createTestActionType({
    schema: { type: "object", additionalProperties: { type: "string" } },
  });
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);

  const summary = `Pay invoice <b>${Date.now()}</b>`;
  const created = await api.submit({ action: key, payload: HOSTILE, summary, reasoning: "<script>alert(2)</script> trust me" });
  expect(created.status).toBe(201);
  expect(created.body.status).toBe("pending");

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await signInInBrowser(page, reviewer.email, reviewer.password);
  // The suite shares one database: narrow the inbox to this test's action type, as a reviewer
  // with a long inbox would, so the row is on the first page whatever else is pending.
  await page.goto(`/inbox?action=${key}`);

  const row = page.getByTestId("inbox-row").filter({ hasText: summary });
  await expect(row).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/requests/${created.body.id}`));

  // Agent-supplied text shows up literally, as text.
  const tree = page.getByTestId("payload-tree");
  await expect(tree).toContainText(HOSTILE.note);
  await expect(tree).toContainText(HOSTILE.script);
  await expect(tree).toContainText("evil.example");
  await expect(page.getByText(summary)).toBeVisible();
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(await page.locator("main script").count()).toBe(0);
  expect(await page.locator("a[href*='evil.example']").count()).toBe(0);

  const waiting = api.wait(created.body.id, 30).then((r) => ({ r, at: Date.now() }));
  await page.waitForTimeout(300); // the wait is open before the reviewer decides
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on"); // hydrated
  await page.getByTestId("approve-button").click();
  const clickedAt = Date.now();
  await page.getByTestId("confirm-approve").click(); // every decision has a confirmation step
  await expect(page.getByTestId("request-status")).toContainText(/approved/i);

  const { r, at } = await waiting;
  expect(r.body.status).toBe("approved");
  expect(r.body.decision.by).toBe("reviewers");
  expect(at - clickedAt).toBeLessThan(2000);
  expect(dialogs).toEqual([]);
});

test("reject needs a comment, and the agent learns it", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: { to: "ops@example.com" }, summary: `Reject me ${Date.now()}` });

  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on"); // hydrated

  await page.getByTestId("reject-button").click();
  await expect(page.getByTestId("request-status")).toContainText(/pending/i);
  await page.getByTestId("reject-comment").fill("Wrong recipient");
  await page.getByTestId("reject-button").click();
  await page.getByTestId("confirm-reject").click();
  await expect(page.getByTestId("request-status")).toContainText(/rejected/i);

  const seen = await api.get(created.body.id);
  expect(seen.body.decision).toMatchObject({ outcome: "rejected", by: "reviewers", comment: "Wrong recipient" });
});
