import { expect, test } from '@playwright/test';
import { api, screenshot, setField, settled } from './support';

interface LogRecord { traceId: string | null; serviceName: string; severityText: string; body: string }

test.describe('logs', () => {
  test('a log record leads to its trace', async ({ page, request }) => {
    const stored = await api<{ logs: LogRecord[] }>(request, '/api/v1/logs?service=payment&limit=100');
    expect(stored.logs.some((l) => l.traceId), 'payment wrote log records inside traces').toBe(true);

    await page.goto('/logs?service=payment');
    await expect(page.getByTestId('logs-volume')).toBeVisible();
    const row = page.locator('[data-testid="log-row"][data-trace-id]').first();
    await expect(row).toBeVisible();
    const traceId = (await row.getAttribute('data-trace-id'))!;
    expect(stored.logs.map((l) => l.traceId), 'the row is one of the records the API returns').toContain(traceId);
    await settled(page);
    await screenshot(page, 'logs');

    await row.click();
    const detail = page.getByTestId('log-detail');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText(traceId);
    await screenshot(page, 'log-detail');
    await detail.getByTestId('log-trace-link').or(page.getByTestId('log-trace-link').first()).first().click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
    await expect(page.getByTestId('trace-page')).toHaveAttribute('data-trace-id', traceId);
    await expect(page.getByTestId('span-row').first()).toBeVisible();
  });

  test('searching logs by text and severity shows only matching records', async ({ page, request }) => {
    const errors = await api<{ logs: LogRecord[] }>(request, '/api/v1/logs?severity=ERROR&limit=100');
    expect(errors.logs.length, 'the demo logs failed requests at ERROR').toBeGreaterThan(0);
    // A word from an error record's body that the search then narrows to.
    const word = errors.logs[0].body.split(/\s+/).find((w) => /^[a-z]{5,}$/i.test(w)) ?? errors.logs[0].body.slice(0, 8);

    await page.goto('/logs');
    await setField(page.getByTestId('logs-search-text'), word);
    await setField(page.getByTestId('logs-severity'), 'ERROR');
    await page.getByTestId('logs-search-submit').click();
    await expect(page).toHaveURL(/[?&]severity=ERROR/);
    const rows = page.getByTestId('log-row');
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text.toLowerCase()).toContain(word.toLowerCase());
    }
  });

  test('access logs show who called whom', async ({ page, request }) => {
    const access = await api<{ entries: { sourceWorkload: string; destinationWorkload: string }[] }>(request, '/api/v1/logs/access?limit=50');
    const entries = access.entries;
    expect(entries.length, 'the demo sends the mesh access logs').toBeGreaterThan(0);
    await page.goto('/access-logs');
    const table = page.getByTestId('access-logs-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('access-log-row').first()).toBeVisible();
    await expect(table).toContainText(entries[0].destinationWorkload);
    await settled(page);
    await screenshot(page, 'access-logs');

    await setField(page.getByTestId('access-destination-filter'), entries[0].destinationWorkload);
    await page.getByTestId('access-destination-filter').press('Enter');
    await expect(page).toHaveURL(new RegExp(`[?&]destination=${entries[0].destinationWorkload}`));
    await expect(page.getByTestId('access-log-row').first()).toBeVisible();
  });
});
