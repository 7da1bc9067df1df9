import { expect, type Page } from "@playwright/test";

/** Signs in through the real sign-in page, as a person would, and waits for the inbox. */
export async function signInInBrowser(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/inbox/);
}
