import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestActionType, createTestAgent, createTestUser, setRequestRisk } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

const unique = () => Math.random().toString(36).slice(2, 8);

test("keyboard only: j to the request, a, Enter to confirm — approved", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: { n: 1 }, summary: "Keyboard" });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/inbox?action=${key}`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(1);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live"); // hydrated: keys listened to

  await page.keyboard.press("j");
  await expect(page.getByTestId("inbox-row").getByRole("link").first()).toBeFocused();
  await page.keyboard.press("a");
  await expect(page).toHaveURL(new RegExp(`/requests/${created.body.id}\\?decide=approve`));
  // The confirmation is a step of its own, focused, beside the payload: Enter confirms.
  await expect(page.getByTestId("confirm-approve")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("request-status")).toHaveText(/approved/i);
  expect((await api.get(created.body.id)).body.decision).toMatchObject({ outcome: "approved", by: "reviewers" });
});

test("keyboard: r needs a comment, Escape cancels a confirmation", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const created = await agentApi(agent.apiKey).submit({ action: key, payload: { n: 2 } });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");
  await page.keyboard.press("a");
  await expect(page.getByTestId("confirm-approve")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("confirm-approve")).toHaveCount(0);
  await page.keyboard.press("r");
  await expect(page.getByTestId("reject-comment")).toBeFocused();
  await page.keyboard.type("Not this one");
  await page.keyboard.press("Tab"); // leave the field: keys act again
  await page.keyboard.press("r");
  await expect(page.getByTestId("confirm-reject")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("request-status")).toHaveText(/rejected/i);
});

test("edit then approve: schema checked while typing, diff shown, the agent gets exactly the edit", async ({ page }) => {
  const { key } = await createTestActionType({
    allowEdit: true,
    schema: {
      type: "object",
      required: ["amount", "to"],
      additionalProperties: false,
      properties: { amount: { type: "number", maximum: 1000 }, to: { type: "string" } },
    },
  });
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: { amount: 500, to: "acct_1" } });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");

  await page.getByTestId("edit-button").click();
  const editor = page.getByTestId("payload-editor");
  await expect(page.getByTestId("edit-dialog")).toBeVisible();
  await editor.fill("{ not json");
  await expect(page.getByTestId("editor-errors")).toContainText("Not valid JSON");
  await editor.fill(JSON.stringify({ amount: 5000, to: "acct_1" }));
  await expect(page.getByTestId("editor-errors")).toContainText("/amount");
  await expect(page.getByTestId("review-edit")).toBeDisabled();
  await editor.fill(JSON.stringify({ amount: 450, to: "acct_1" }, null, 2));
  await expect(page.getByTestId("editor-valid")).toBeVisible();
  await page.getByTestId("review-edit").click();

  const diff = page.getByTestId("edit-diff");
  await expect(diff.getByTestId("diff-entry")).toHaveCount(1);
  await expect(diff).toContainText("/amount");
  await expect(diff).toContainText("500");
  await expect(diff).toContainText("450");
  await page.getByTestId("confirm-edit-approve").click();

  await expect(page.getByTestId("request-status")).toHaveText(/approved/i);
  await expect(page.getByTestId("approved-payload-tree")).toContainText("450");
  const seen = await api.get(created.body.id);
  expect(seen.body.payload).toEqual({ amount: 500, to: "acct_1" });
  expect(seen.body.approvedPayload).toEqual({ amount: 450, to: "acct_1" });
});

test("edit then approve: a refusal by the server (400 invalid, 409 stale) keeps the dialog and the edit, with the server's message", async ({
  page,
}) => {
  const { key } = await createTestActionType({
    allowEdit: true,
    schema: { type: "object", required: ["amount", "to"], properties: { amount: { type: "number" }, to: { type: "string" } } },
    rules: [{ name: "two", outcome: "review", approvals: 2 }],
  });
  const agent = await createTestAgent({ scopes: [key] });
  const [reviewer, other] = await Promise.all([createTestUser({ role: "reviewer" }), createTestUser({ role: "reviewer" })]);
  const api = agentApi(agent.apiKey);
  const created = await api.submit({ action: key, payload: { amount: 500, to: "acct_1" } });
  // Live updates are held back, so this page learns of the other reviewer's edit only from the
  // server's 409 (the request hangs: no error, no fallback refresh in the seconds this takes).
  await page.route("**/api/inbox/events", () => {});
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  await expect(page.getByTestId("decision-panel")).toHaveAttribute("data-keys", "on");
  await page.getByTestId("edit-button").click();
  const dialog = page.getByTestId("edit-dialog");
  const editor = page.getByTestId("payload-editor");

  // 400: valid for the schema in the browser, refused by the server (U+0000 cannot be stored).
  const invalid = '{ "amount": 450, "to": "acct_1\\u0000" }';
  await editor.fill(invalid);
  await page.getByTestId("review-edit").click();
  await page.getByTestId("confirm-edit-approve").click();
  await expect(dialog.getByTestId("edit-error")).toContainText("U+0000");
  await expect(dialog.getByTestId("edit-error")).toContainText("/payload/to");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Back to editing" }).click();
  await expect(editor).toHaveValue(invalid);

  // 409 stale: another reviewer edits the payload while this one is checking their changes.
  const mine = JSON.stringify({ amount: 450, to: "acct_1" }, null, 2);
  await editor.fill(mine);
  await page.getByTestId("review-edit").click();
  const otherCookie = await signIn(other.email, other.password);
  expect(
    (
      await decide(otherCookie, created.body.id, {
        outcome: "approve",
        payload: { amount: 300, to: "acct_1" },
        payloadHash: created.body.payloadHash,
      })
    ).status,
  ).toBe(200);
  await page.getByTestId("confirm-edit-approve").click();
  await expect(dialog.getByTestId("edit-error")).toContainText("changed");
  await expect(dialog).toBeVisible();
  // The diff is now against the other reviewer's payload; approving needs an explicit acknowledgement.
  await expect(dialog.getByTestId("edit-diff")).toContainText("300");
  await expect(page.getByTestId("confirm-edit-approve")).toBeDisabled();
  await dialog.getByTestId("acknowledge-change").click();
  await dialog.getByRole("button", { name: "Back to editing" }).click();
  await expect(editor).toHaveValue(mine);
  await page.getByTestId("review-edit").click();
  await page.getByTestId("confirm-edit-approve").click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(async () => (await api.get(created.body.id)).body.approvals).toBe(1);
  expect((await api.get(created.body.id)).body.status).toBe("pending");
});

test("the CSP header is strict and enforced: an injected inline script does not run", async ({ page }) => {
  const reviewer = await createTestUser({ role: "reviewer" });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  const response = await page.goto("/inbox");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const scriptSrc = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src "))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  // A fresh nonce per response.
  const again = (await page.request.get("/inbox")).headers()["content-security-policy"];
  expect(again).not.toBe(csp);

  // Simulate an XSS that got markup into the page: the browser must refuse to run it.
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __violations: string[] }).__violations.push(e.effectiveDirective),
    );
  });
  await page.route("**/inbox", async (route) => {
    const original = await route.fetch();
    const body = (await original.text()).replace("</body>", '<script>window.__injected = 1</script><div style="color:red">x</div></body>');
    await route.fulfill({ response: original, body });
  });
  await page.goto("/inbox");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live"); // the app's own (nonce'd) scripts run
  expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined();
  const violations = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  expect(violations).toContain("script-src-elem");
  expect(violations).toContain("style-src-attr");
});

test("the risk banner shows the platform's findings apart from the agent's text", async ({ page }) => {
  const { key } = await createTestActionType({ recipientField: "/to", schema: { type: "object" } });
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  const cookie = await signIn(reviewer.email, reviewer.password);
  const to = `acct_${unique()}`;
  const earlier = await api.submit({ action: key, payload: { to, amount: 1 } });
  await decide(cookie, earlier.body.id, { outcome: "approve", payloadHash: earlier.body.payloadHash });
  const other = await createTestUser({ role: "reviewer" });
  const created = await api.submit({
    action: key,
    payload: { to: [to, "acct_new"], sql: "DROP TABLE users" },
    summary: "Perfectly safe, no risk at all",
  });
  await setRequestRisk(created.body.id, ["sql.destructive", "text.hidden_unicode"]);

  await signInInBrowser(page, other.email, other.password);
  await page.goto(`/requests/${created.body.id}`);
  const banner = page.getByTestId("risk-banner");
  await expect(banner.getByTestId("risk-flag")).toHaveCount(2);
  await expect(banner).toContainText("Destructive SQL");
  await expect(banner).toContainText("Hidden characters");
  await expect(banner.getByTestId("risk-score")).toContainText("90");
  await expect(banner.getByTestId("risk-recipient")).toContainText("First time: acct_new");
  await expect(banner.getByTestId("risk-recipient")).not.toContainText(to);
  await expect(banner.getByTestId("banner-approvals")).toContainText("0 of 1");
  await expect(banner).not.toContainText("Perfectly safe"); // the agent's words stay in the agent's box
  await expect(page.getByTestId("timeline-entry").first()).toHaveAttribute("data-type", "request.created");
  await expect(page.getByTestId("recent-decisions")).toContainText("approved");
  await page.goto(`/inbox?risk=flagged&action=${key}`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(1);
  await expect(page.getByTestId("inbox-flags")).toContainText("2 flags");
});

test("a huge payload is shown truncated with its hash, and whole on request", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const created = await agentApi(agent.apiKey).submit({
    action: key,
    payload: { blob: "A".repeat(120_000), tail: "END-MARKER https://evil.example/hidden" },
  });
  expect(created.status).toBe(201);
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/requests/${created.body.id}`);
  const preview = page.getByTestId("payload-preview");
  await expect(preview).toContainText(created.body.payloadHash);
  await expect(preview).not.toContainText("END-MARKER");
  await expect(preview.getByTestId("url-host")).toContainText("evil.example"); // hosts of the whole payload
  await preview.getByTestId("expand-payload").click();
  await expect(page.getByTestId("payload-tree")).toContainText("END-MARKER");
  await expect(page.getByTestId("expand-string")).toContainText("more characters");
});

test("on a phone every section of the navigation is on screen, in reading order", async ({ browser, baseURL }) => {
  const phone = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await phone.newPage();
    const admin = await createTestUser({ role: "admin" }); // the longest navigation: nine sections
    await signInInBrowser(page, admin.email, admin.password);
    await page.goto("/metrics");
    const nav = page.getByRole("navigation", { name: "Main" });
    const links = nav.getByRole("listitem").getByRole("link");
    await expect(links).toHaveText([/^Inbox/, "History", "Metrics", /^Notifications/, "Audit", "Policies", "Agents", "Users", "API"]);
    for (const link of await links.all()) {
      const box = (await link.boundingBox())!;
      expect(box.x, await link.innerText()).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, await link.innerText()).toBeLessThanOrEqual(390);
    }
    await expect(nav.getByRole("link", { name: "Metrics" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("button", { name: "Sign out" })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await phone.close();
  }
});

test("the 404 page keeps to the CSP: no blocked inline style, the navigation stays", async ({ page }) => {
  const reviewer = await createTestUser({ role: "reviewer" });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __violations: string[] }).__violations.push(e.effectiveDirective),
    );
  });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  for (const path of ["/admin/users", `/no-such-page-${unique()}`]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
    await page.waitForLoadState("load");
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), path).toEqual([]);
    await expect(page.getByTestId("page-not-found")).toBeVisible();
  }
  await page.goto("/admin/users"); // a page a reviewer may not see: the 404 inside the dashboard
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
});
