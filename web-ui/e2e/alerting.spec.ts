import { expect, test, type APIRequestContext } from '@playwright/test';
import { screenshot, settled } from './support';

/** The Slack stand-in WebUiBrowserTest runs: it records every webhook POST and lists them at /received. */
const SLACK = process.env.VIGIL_UI_SLACK_STANDIN;

interface Received { path: string; at: string; body: string }

async function received(request: APIRequestContext, path: string): Promise<Received[]> {
  const r = await request.get(`${SLACK}/received`);
  expect(r.status()).toBe(200);
  return ((await r.json()) as Received[]).filter((x) => x.path === path);
}

test.describe('alerting', () => {
  test.skip(!SLACK, 'needs the Slack stand-in of WebUiBrowserTest (VIGIL_UI_SLACK_STANDIN)');

  test('a rule made in the UI fires on the demo errors and Slack hears of it; a silence made in the UI stops the next notification', async ({ page, request }) => {
    test.setTimeout(150_000);
    const run = Date.now().toString(36);
    const rule = `Payment errors ${run}`;
    const hook = `/hooks/${run}`;

    // A channel to the stand-in; the secret (the webhook URL) is write-only.
    await page.goto('/alerting?tab=channels');
    await page.getByTestId('channel-name').fill(`slack ${run}`);
    await page.getByTestId('channel-type').selectOption('slack');
    await page.getByTestId('channel-secret').fill(`${SLACK}${hook}`);
    await page.getByTestId('channel-save').click();
    const channelRow = page.locator(`[data-testid="channel-row"][data-channel="slack ${run}"]`);
    await expect(channelRow).toContainText('set (write-only)');
    await expect(page.locator('body')).not.toContainText(`${SLACK}${hook}`);

    // A route of this rule's alerts to it, repeating every 5 s while they fire.
    await page.getByTestId('alerting-tab-routes').click();
    await page.getByTestId('route-name').fill(`route ${run}`);
    await page.getByTestId('route-channel').selectOption({ label: `slack ${run} (slack)` });
    await page.getByTestId('route-matchers').fill(`alertname=${rule}`);
    await page.getByTestId('route-wait').fill('1');
    await page.getByTestId('route-interval').fill('1');
    await page.getByTestId('route-repeat').fill('5');
    await page.getByTestId('route-save').click();
    await expect(page.locator(`[data-testid="route-row"][data-route="route ${run}"]`)).toBeVisible();

    // The rule: payment's error rate over the last hour above zero (the demo's payments fail now and then).
    await page.getByTestId('alerting-tab-rules').click();
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill(rule);
    await page.getByTestId('rule-kind').selectOption('error_rate');
    await page.getByTestId('rule-spec-service').fill('payment');
    await page.getByTestId('rule-spec-threshold').fill('0');
    await page.getByTestId('rule-spec-windowSeconds').fill('3600');
    await page.getByTestId('rule-interval').fill('10');
    await page.getByTestId('rule-severity').selectOption('page');
    await page.getByTestId('rule-summary').fill('payment fails');
    // The preview draws what the rule reads, with its threshold.
    await expect(page.getByTestId('rule-preview-chart')).toBeVisible();
    await settled(page);
    await screenshot(page, 'alerting-rule-form');
    await page.getByTestId('rule-save').click();
    const ruleRow = page.locator(`[data-testid="rule-row"][data-rule="${rule}"]`);
    await expect(ruleRow).toBeVisible();
    await expect(ruleRow).toHaveAttribute('data-state', 'firing', { timeout: 60_000 });
    await expect(page.locator('[data-testid="history-row"][data-to="firing"]').first()).toBeVisible();
    await screenshot(page, 'alerting-rules');

    // Slack hears of it, and again at each repeat while it fires.
    await expect.poll(async () => (await received(request, hook)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const first = JSON.parse((await received(request, hook))[0].body) as { text: string; blocks: unknown[] };
    expect(first.text).toContain(rule);
    expect(first.blocks.length).toBeGreaterThan(0);

    // Silenced from the firing alert: after the silence, nothing more arrives though the alert still fires.
    await page.getByTestId('alerting-tab-alerts').click();
    const alert = page.locator(`[data-testid="alert-row"][data-rule="${rule}"]`);
    await expect(alert).toHaveAttribute('data-state', 'firing');
    await alert.getByTestId('silence-hours').selectOption('1');
    await alert.getByTestId('silence-alert').click();
    await expect(alert.getByTestId('alert-silenced')).toBeVisible();
    // A notification already on its way when the silence was made may still land: count from a moment later.
    await page.waitForTimeout(2_000);
    const atSilence = (await received(request, hook)).length;
    await page.waitForTimeout(15_000); // three repeat intervals
    expect((await received(request, hook)).length, 'no notification after the silence').toBe(atSilence);
    await expect(alert).toHaveAttribute('data-state', 'firing');

    await page.getByTestId('alerting-tab-silences').click();
    await expect(page.locator('[data-testid="silence-row"][data-active="true"]').filter({ hasText: `alertname=${rule}` })).toBeVisible();
    await page.getByTestId('alerting-tab-notifications').click();
    await expect(page.locator('[data-testid="notification-row"][data-status="delivered"]').first()).toBeVisible();
    await settled(page);
    await screenshot(page, 'alerting-notifications');
  });

  test('a rule with a missing field is refused, and the form says which field', async ({ page }) => {
    await page.goto('/alerting?tab=rules');
    await page.getByTestId('rule-new').click();
    await page.getByTestId('rule-name').fill(`incomplete ${Date.now().toString(36)}`);
    await page.getByTestId('rule-kind').selectOption('metric_threshold');
    await page.getByTestId('rule-save').click();
    const error = page.getByTestId('form-error');
    await expect(error).toBeVisible();
    await expect(error).toContainText('spec.metric');
  });
});
