import { expect, test } from '@playwright/test';
import { api, expectTraceRows, fieldValue, nextApiAnswer, setField, type ApiSpan } from './support';

test.describe('shared links', () => {
  test('a trace search link restores its filters and time range in a fresh browser', async ({ page, browser }) => {
    await page.goto('/traces');
    await setField(page.getByTestId('time-range'), '3h');
    await setField(page.getByTestId('trace-search-service'), 'cart');
    await setField(page.getByTestId('trace-search-min-duration'), '1ms');
    await setField(page.getByTestId('trace-search-status'), 'error');
    const answer = nextApiAnswer<{ traces: { traceId: string }[] }>(page, '/api/v1/traces', { service: 'cart', status: 'error' });
    await page.getByTestId('trace-search-submit').click();
    await expect(page).toHaveURL(/[?&]service=cart/);
    await expect(page).toHaveURL(/[?&]range=3h/);
    await expect(page).toHaveURL(/[?&]status=error/);
    const listed = (await answer).traces.map((t) => t.traceId);
    expect(listed.length, 'the demo has failed cart requests').toBeGreaterThan(0);
    await expectTraceRows(page, listed);
    const link = page.url();

    // A fresh context: no storage, no history; only the link.
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    const again = nextApiAnswer<{ traces: { traceId: string }[] }>(other, '/api/v1/traces', { service: 'cart', status: 'error' });
    await other.goto(link);
    expect((await again).traces.map((t) => t.traceId), 'the same search, the same stored traces').toEqual(listed);
    await expectTraceRows(other, listed);
    expect(await fieldValue(other.getByTestId('time-range'))).toBe('3h');
    expect(await fieldValue(other.getByTestId('trace-search-service'))).toBe('cart');
    expect(await fieldValue(other.getByTestId('trace-search-min-duration'))).toBe('1ms');
    expect(await fieldValue(other.getByTestId('trace-search-status'))).toBe('error');
    await fresh.close();
  });

  test('a trace link with a selected span and a custom time range opens the same view', async ({ page, browser, request }) => {
    const found = await api<{ traces: { traceId: string }[] }>(request, '/api/v1/traces?service=payment&limit=1');
    const traceId = found.traces[0].traceId;
    const trace = await api<{ spans: ApiSpan[] }>(request, `/api/v1/traces/${traceId}`);
    const span = trace.spans.find((s) => s.serviceName === 'payment') ?? trace.spans[trace.spans.length - 1];
    const to = new Date();
    const from = new Date(to.getTime() - 2 * 3600_000);

    await page.goto(`/traces/${traceId}?from=${from.toISOString()}&to=${to.toISOString()}`);
    await page.locator(`[data-testid="span-row"][data-span-id="${span.spanId}"]`).getByText(span.name).first().click();
    await expect(page).toHaveURL(new RegExp(`[?&]span=${span.spanId}`));
    await expect(page.getByTestId('span-detail')).toContainText(span.name);
    const link = page.url();

    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByTestId('trace-page')).toHaveAttribute('data-trace-id', traceId);
    await expect(other.getByTestId('span-detail')).toContainText(span.name);
    await expect(other.getByTestId('span-detail')).toContainText(span.spanId);
    expect(await fieldValue(other.getByTestId('time-range'))).toBe('custom');
    await fresh.close();
  });

  test('a logs link restores its search', async ({ page, browser }) => {
    await page.goto('/logs?service=cart&severity=WARN&range=6h');
    await expect(page.getByTestId('log-row').first()).toBeVisible();
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(page.url());
    expect(await fieldValue(other.getByTestId('logs-service'))).toBe('cart');
    expect(await fieldValue(other.getByTestId('logs-severity'))).toBe('WARN');
    expect(await fieldValue(other.getByTestId('time-range'))).toBe('6h');
    await fresh.close();
  });
});
