import { expect, test, type Page } from '@playwright/test';
import { screenshot, settled } from './support';

// An admin of its own (WebUiBrowserTest makes one): the suite's usual person is an editor, who may not manage access.
const ADMIN = process.env.VIGIL_UI_ADMIN_USER;
const ADMIN_PASSWORD = process.env.VIGIL_UI_ADMIN_PASSWORD;

test.use({ storageState: { cookies: [], origins: [] } });

/** Signs the page's browser context in: the session cookie the answer sets is the page's from then on. */
async function signIn(page: Page, username: string, password: string) {
  const answer = await page.request.post('/api/v1/auth/login', { data: { username, password } });
  expect(answer.status(), await answer.text()).toBe(200);
}

async function signOut(page: Page) {
  expect((await page.request.post('/api/v1/auth/logout')).status()).toBe(204);
}

test.describe('access', () => {
  test.skip(!ADMIN || !ADMIN_PASSWORD, 'needs an admin user (VIGIL_UI_ADMIN_USER, VIGIL_UI_ADMIN_PASSWORD)');

  test('an admin makes a key, a user and an ingest token, sees each secret once, and revokes or deletes them; a viewer sees no Access', async ({ page, request }) => {
    test.setTimeout(120_000);
    const run = Date.now().toString(36);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, ADMIN!, ADMIN_PASSWORD!);

    await page.goto('/services');
    await page.getByTestId('nav-access').click();
    await expect(page).toHaveURL(/\/access/);
    await settled(page);

    // An API key: a past expiry is refused beside its field; then made, shown once, working, revoked.
    await page.getByTestId('key-name').fill(`e2e key ${run}`);
    await page.getByTestId('key-role').selectOption('editor');
    await page.getByTestId('key-expires').fill('2020-01-01T00:00');
    await page.getByTestId('key-create').click();
    await expect(page.getByTestId('field-error-expiresAt')).toContainText('future');
    await page.getByTestId('key-expires').fill('');
    await page.getByTestId('key-create').click();
    const key = (await page.getByTestId('new-key').textContent())!.trim();
    expect(key).toMatch(/^vgk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('secret-once')).toContainText('will not be shown again');
    const asKey = { headers: { Authorization: `Bearer ${key}` } };
    expect((await request.get('/api/v1/auth/me', asKey)).status()).toBe(200);
    const keyRow = page.locator(`[data-testid="key-row"][data-name="e2e key ${run}"]`);
    await expect(keyRow).toHaveAttribute('data-state', 'active');
    await expect(keyRow).toContainText('editor');
    await expect(keyRow).toContainText(ADMIN!);
    await screenshot(page, 'access-keys');
    await page.getByTestId('secret-dismiss').click();
    await page.reload();
    await expect(keyRow).toBeVisible();
    await expect(page.locator('body')).not.toContainText(key);
    await keyRow.getByTestId('key-revoke').click();
    await expect(keyRow).toHaveAttribute('data-state', 'revoked');
    await expect.poll(async () => (await request.get('/api/v1/auth/me', asKey)).status()).toBe(401);

    // A user: a short password is refused beside its field; then an editor made a viewer with a new password.
    const viewer = `e2e-viewer-${run}`;
    await page.getByTestId('access-tab-users').click();
    await page.getByTestId('user-name').fill(viewer);
    await page.getByTestId('user-role-new').selectOption('editor');
    await page.getByTestId('user-password').fill('too short');
    await page.getByTestId('user-create').click();
    await expect(page.getByTestId('field-error-password')).toBeVisible();
    await page.getByTestId('user-password').fill('a first password of the viewer');
    await page.getByTestId('user-create').click();
    const userRow = page.locator(`[data-testid="user-row"][data-name="${viewer}"]`);
    await expect(userRow.getByTestId('user-role')).toHaveValue('editor');
    await userRow.getByTestId('user-role').selectOption('viewer');
    await expect(userRow.getByTestId('user-role')).toHaveValue('viewer');
    await userRow.getByTestId('user-set-password').click();
    await page.getByTestId('user-new-password').fill('the viewer password now');
    await page.getByTestId('user-save-password').click();
    await expect(page.getByTestId('user-new-password')).toHaveCount(0);
    await screenshot(page, 'access-users');

    // An ingest token for traces and logs to one pipeline: shown once with the exporter's line, then revoked.
    await page.getByTestId('access-tab-ingest-tokens').click();
    await page.getByTestId('ingest-token-name').fill(`e2e collector ${run}`);
    await page.getByTestId('ingest-token-signal-metrics').uncheck();
    await page.getByTestId('ingest-token-pipelines').fill('payments');
    await page.getByTestId('ingest-token-create').click();
    const token = (await page.getByTestId('new-ingest-token').textContent())!.trim();
    expect(token).toMatch(/^vgi_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    await expect(page.getByTestId('new-ingest-token-env')).toHaveText(`OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${token}`);
    const tokenRow = page.locator(`[data-testid="ingest-token-row"][data-name="e2e collector ${run}"]`);
    await expect(tokenRow).toContainText('traces, logs');
    await expect(tokenRow).toContainText('payments');
    await expect(tokenRow).toHaveAttribute('data-state', 'active');
    await screenshot(page, 'access-ingest-tokens');
    await page.getByTestId('secret-dismiss').click();
    await page.reload();
    await expect(tokenRow).toBeVisible();
    await expect(page.locator('body')).not.toContainText(token);
    await tokenRow.getByTestId('ingest-token-revoke').click();
    await expect(tokenRow).toHaveAttribute('data-state', 'revoked');

    // The viewer signs in: no Access in the navigation, and the address says what role it needs.
    await signOut(page);
    await signIn(page, viewer, 'the viewer password now');
    await page.goto('/services');
    await expect(page.getByTestId('signed-in')).toContainText(viewer);
    await expect(page.getByTestId('nav-services')).toBeVisible();
    await expect(page.getByTestId('nav-access')).toHaveCount(0);
    await page.goto('/access');
    await expect(page.getByTestId('access-denied')).toContainText('needs the admin role');
    await expect(page.getByTestId('keys-table')).toHaveCount(0);
    await signOut(page);

    // The admin deletes the viewer, whose sign-in then fails.
    await signIn(page, ADMIN!, ADMIN_PASSWORD!);
    await page.goto('/access?tab=users');
    await userRow.getByTestId('user-delete').click();
    await expect(userRow).toHaveCount(0);
    const refused = await request.post('/api/v1/auth/login', { data: { username: viewer, password: 'the viewer password now' } });
    expect(refused.status()).toBe(401);
  });
});
