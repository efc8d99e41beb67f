import { expect, test } from '@playwright/test';
import { backgroundLuminance, screenshot } from './support';

/** Every view, by route, and what shows it has content. */
const VIEWS: [string, string][] = [
  ['/services', 'service-row'],
  ['/services/cart', 'service-latency-chart'],
  ['/map', 'map-node'],
  ['/traces?service=cart', 'trace-row'],
  ['/logs', 'log-row'],
  ['/access-logs', 'access-log-row'],
];

test.describe('states', () => {
  for (const [route, content] of VIEWS) {
    test(`${route} shows its loading state, then its content`, async ({ page }) => {
      // Hold every API answer back a little, so the loading state is there to be seen.
      await page.route('**/api/v1/**', async (r) => {
        await new Promise((done) => setTimeout(done, 1_200));
        await r.continue();
      });
      await page.goto(route);
      await expect(page.getByTestId('loading').first()).toBeVisible();
      await expect(page.getByTestId(content).first()).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 30_000 });
    });
  }

  test('the navigation reaches every view', async ({ page }) => {
    await page.goto('/services');
    for (const [nav, path] of [['nav-map', '/map'], ['nav-traces', '/traces'], ['nav-logs', '/logs'],
      ['nav-access-logs', '/access-logs'], ['nav-services', '/services']]) {
      await page.getByTestId(nav).click();
      await expect(page).toHaveURL(new RegExp(`${path}(\\?|$)`));
    }
  });

  test('the theme toggle switches between light and dark and a reload keeps the choice', async ({ page }) => {
    await page.goto('/services');
    await expect(page.getByTestId('service-row').first()).toBeVisible();
    const before = await backgroundLuminance(page);
    await page.getByTestId('theme-toggle').click();
    await expect.poll(() => backgroundLuminance(page)).not.toBeCloseTo(before, 1);
    const after = await backgroundLuminance(page);
    expect(Math.abs(after - before), 'light and dark backgrounds differ clearly').toBeGreaterThan(0.4);
    await page.reload();
    await expect(page.getByTestId('service-row').first()).toBeVisible();
    expect(await backgroundLuminance(page)).toBeCloseTo(after, 1);
  });

  test('a time range with no data says so, and how to send some', async ({ page }) => {
    // Three days ago: inside the API's 7-day limit, before anything this run stored.
    const to = new Date(Date.now() - 3 * 24 * 3600_000);
    const from = new Date(to.getTime() - 3600_000);
    const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
    await page.goto(`/services?${range}`);
    const empty = page.getByTestId('empty-state').first();
    await expect(empty).toBeVisible();
    await expect(empty).toContainText(/vigil demo|OTLP|OTEL_EXPORTER_OTLP_ENDPOINT/i);
    await expect(page.getByTestId('service-row')).toHaveCount(0);
    await screenshot(page, 'services-empty');

    await page.goto(`/traces?service=cart&${range}`);
    await expect(page.getByTestId('empty-state').first()).toBeVisible();
    await expect(page.getByTestId('trace-row')).toHaveCount(0);
  });

  test('an unknown trace id shows the not-found state, not an empty waterfall', async ({ page }) => {
    await page.goto('/traces/0123456789abcdef0123456789abcdef');
    await expect(page.getByTestId('error-state').or(page.getByTestId('empty-state')).first()).toBeVisible();
    await expect(page.getByTestId('error-state').or(page.getByTestId('empty-state')).first())
      .toContainText(/not found|no trace|0123456789abcdef0123456789abcdef/i);
    await expect(page.getByTestId('span-row')).toHaveCount(0);
    await screenshot(page, 'trace-not-found');
  });

  test('an unreachable API says what failed, and the view recovers once it answers again', async ({ page }) => {
    await page.route('**/api/v1/**', (r) => r.abort('connectionrefused'));
    await page.goto('/services');
    const error = page.getByTestId('error-state').first();
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error).toContainText(/service/i);
    await screenshot(page, 'services-error');
    await page.unroute('**/api/v1/**');
    // The view retries by itself; a retry button, when there is one, only makes it sooner.
    const retry = error.getByRole('button');
    if (await retry.count()) {
      await retry.first().click();
    }
    await expect(page.getByTestId('service-row').first()).toBeVisible({ timeout: 45_000 });
  });
});
