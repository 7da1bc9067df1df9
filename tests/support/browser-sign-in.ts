import { expect, type Page } from "@playwright/test";

/** Signs in through the real sign-in page, as a person would, and waits for the inbox. */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  // Verifying a password (argon2id) is deliberately slow; on a loaded 2-core machine the redirect
  // can take longer than the default 5 s without anything being wrong.
  await expect(page).toHaveURL(/\/inbox/, { timeout: 20_000 });
}
