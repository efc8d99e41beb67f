import { expect, test } from '@playwright/test';

// Starts signed out, unlike the other specs.
test.use({ storageState: { cookies: [], origins: [] } });

test('a wrong password is refused and the right one lands on the page asked for', async ({ page }) => {
  const username = process.env.VIGIL_UI_USER!;
  await page.goto('/logs');
  await expect(page).toHaveURL(/\/login\?next=%2Flogs/);

  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong user name or password.');
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel('Password').fill(process.env.VIGIL_UI_PASSWORD!);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/logs/);
  await expect(page.getByTestId('signed-in')).toContainText(username);

  await page.getByTestId('sign-out').click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/services');
  await expect(page).toHaveURL(/\/login\?next=%2Fservices/);
});
