import { expect, test } from "@playwright/test";
import { signInInBrowser } from "../support/browser-sign-in.ts";
import { createTestUser } from "../support/factories.ts";

test("the API reference is rendered from openapi.json, on our origin only", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  const reviewer = await createTestUser({ role: "reviewer" });
  await signInInBrowser(page, reviewer.email, reviewer.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  // Every operation of the document has its section.
  const doc = await (await page.request.get("/api/v1/openapi.json")).json();
  const count = Object.values(doc.paths as Record<string, object>).reduce((n, item) => n + Object.keys(item).length, 0);
  await expect(page.getByTestId("api-operation")).toHaveCount(count);
  const submit = page
    .getByTestId("api-operation")
    .filter({ has: page.getByRole("heading", { name: "POST /api/v1/requests", exact: true }) });
  await expect(submit).toContainText("Submit an action");
  await expect(submit).toContainText("idempotency-key");
  await expect(submit).toContainText("expiresInSeconds");
  if (process.env.SCREENSHOTS) {
    await submit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: "docs/screenshots/api-reference.png" });
  }

  // The request schema documents the receipt; links from responses reach it.
  await page.getByRole("link", { name: "Request", exact: true }).first().click();
  const requestSchema = page.locator("#schema-Request");
  await expect(requestSchema).toContainText("receipt");
  await expect(requestSchema).toContainText("compact JWS");

  // Server-rendered with classes only: no style attributes in the page content, nothing fetched elsewhere.
  await expect(page.locator("main [style]")).toHaveCount(0);
  expect(foreign).toEqual([]);
});
