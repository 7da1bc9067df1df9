import { readFileSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestActionType, createTestAgent, createTestUser } from "../support/factories.ts";
import { agentApi } from "../support/http.ts";
import { decide, signIn } from "../support/reviewer-session.ts";

// Every vector of the corpus in every agent-supplied field (summary, reasoning, context keys and
// values, payload keys and values, the reported execution error), on every page that shows them.
// Inert means: no dialog, no script of theirs runs, and the browser sends no request to any origin
// but the app's — checked by intercepting every request the browser makes.
const { vectors } = JSON.parse(readFileSync("tests/fixtures/xss/vectors.json", "utf8")) as { vectors: string[] };

type Watch = { foreign: string[]; dialogs: string[]; errors: string[] };

async function watch(context: BrowserContext, page: Page, appOrigin: string): Promise<Watch> {
  const w: Watch = { foreign: [], dialogs: [], errors: [] };
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === appOrigin) return route.continue();
    w.foreign.push(url);
    return route.abort();
  });
  page.on("dialog", (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("pageerror", (e) => w.errors.push(e.message));
  return w;
}

async function expectInert(page: Page) {
  // Nothing the payload says became an element that loads or runs something.
  for (const selector of [
    "img[src*='evil']",
    "img[onerror]",
    "iframe",
    "object",
    "embed",
    "base",
    "video",
    "audio",
    "main script",
    "main style",
    "form[action*='evil']",
    "a[href^='javascript']",
    "link[href*='evil']",
    "meta[http-equiv]",
    "main [style]",
  ]) {
    expect(await page.locator(selector).count(), selector).toBe(0);
  }
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
}

test("the XSS and exfiltration corpus renders inert in the inbox, the request page and the history", async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  expect(vectors.length).toBeGreaterThanOrEqual(30);
  const { key } = await createTestActionType({ schema: { type: "object" } });
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const api = agentApi(agent.apiKey);
  const ids: string[] = [];
  for (const [i, v] of vectors.entries()) {
    const created = await api.submit({
      action: key,
      payload: { [v]: v, nested: { list: [v, { [`k${i}`]: v }] }, note: `${v} https://evil.example/x` },
      summary: `#${i} ${v}`,
      reasoning: v,
      context: { [v]: v, runId: v },
    });
    expect(created.status, v).toBe(201);
    ids.push(created.body.id);
  }
  // Two of them decided (to reach the history and the execution error).
  const cookie = await signIn(reviewer.email, reviewer.password);
  const receipts: string[] = [];
  for (const id of ids.slice(0, 2)) {
    const got = await api.get(id);
    const decided = await decide(cookie, id, { outcome: "approve", payloadHash: got.body.payloadHash });
    expect(decided.status).toBe(200);
    receipts.push(decided.body.receipt);
  }
  expect((await api.result(ids[0]!, { status: "failed", error: vectors.join("\n"), receipt: receipts[0] })).status).toBe(200);

  const w = await watch(context, page, new URL(baseURL!).origin);
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/inbox?action=${key}`);
  await expect(page.getByTestId("inbox-row")).toHaveCount(Math.min(50, ids.length - 2));
  await expectInert(page);

  for (const [i, id] of ids.entries()) {
    await page.goto(`/requests/${id}`);
    await expect(page.getByTestId("agent-summary")).toContainText(`#${i} `);
    // Shown literally, as the characters the agent sent.
    await expect(page.getByTestId("agent-reasoning")).toContainText(vectors[i]!.replace(/\s+/g, " ").slice(0, 20));
    await expectInert(page);
  }
  await page.goto(`/requests/${ids[0]}`);
  await expect(page.getByTestId("agent-execution-error")).toContainText(vectors[0]!);
  await expectInert(page);
  await page.goto(`/history?action=${key}`);
  await expect(page.getByTestId("history-row")).toHaveCount(2);
  await expectInert(page);

  expect(w.dialogs).toEqual([]);
  expect(w.foreign).toEqual([]);
  expect(w.errors).toEqual([]);
});

test("hidden characters are marked visibly wherever agent text is shown", async ({ page }) => {
  const { key } = await createTestActionType({});
  const agent = await createTestAgent({ scopes: [key] });
  const reviewer = await createTestUser({ role: "reviewer" });
  const created = await agentApi(agent.apiKey).submit({
    action: key,
    // U+E0148 U+E0149: bytes smuggled in variation selectors after a visible character.
    payload: { file: "invoice-\u202Egpj.exe", to: "pay\u200Bpal.com", "ke\u2066y": "tag\u{E0041}", note: "ok\u{1F44D}\u{E0148}\u{E0149}" },
    summary: "Send invoice-\u202Egpj.exe",
  });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.goto(`/inbox?action=${key}`);
  await expect(page.getByTestId("inbox-row").getByTestId("hidden-char")).toHaveText(["U+202E"]);
  await page.goto(`/requests/${created.body.id}`);
  const tree = page.getByTestId("payload-tree");
  for (const code of ["U+202E", "U+200B", "U+2066", "U+E0041", "U+E0148", "U+E0149"])
    await expect(tree.getByTestId("hidden-char").filter({ hasText: code })).toHaveCount(1);
  await expect(page.getByTestId("agent-summary").getByTestId("hidden-char")).toHaveText(["U+202E"]);
  // The override is not in effect: the text reads in order, ".exe" last.
  await expect(page.getByTestId("agent-summary")).toHaveText(/invoice-U\+202Egpj\.exe$/);
});
