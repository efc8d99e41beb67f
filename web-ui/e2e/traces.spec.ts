import { expect, test } from '@playwright/test';
import {
  api, descendants, expectedDepths, expectTraceRows, nextApiAnswer, screenshot, setField, settled, spanRows, useTheme,
  type ApiSpan,
} from './support';

interface TraceSummary { traceId: string; spanCount: number; services: string[] }

test.describe('traces', () => {
  test('a trace found by search opens with the span tree the API returns', async ({ page, request }) => {
    await page.goto('/traces');
    await setField(page.getByTestId('trace-search-service'), 'payment');
    const answer = nextApiAnswer<{ traces: TraceSummary[] }>(page, '/api/v1/traces', { service: 'payment' });
    await page.getByTestId('trace-search-submit').click();
    await expect(page).toHaveURL(/[?&]service=payment/);
    const found = await answer;
    expect(found.traces.length, 'the demo sent payment traces').toBeGreaterThan(0);
    for (const t of found.traces) {
      expect(t.services, `trace ${t.traceId} found for service=payment`).toContain('payment');
    }
    // The rows are the traces the search answered, in its order.
    await expectTraceRows(page, found.traces.map((t) => t.traceId));
    const listed = found.traces.map((t) => t.traceId);
    const rows = page.getByTestId('trace-row');
    await expect(page.getByTestId('trace-scatter')).toBeVisible();
    await settled(page);
    await screenshot(page, 'traces');

    const traceId = listed[0];
    await rows.first().getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
    await expect(page.getByTestId('trace-page')).toHaveAttribute('data-trace-id', traceId);

    const trace = await api<{ spans: ApiSpan[] }>(request, `/api/v1/traces/${traceId}`);
    const depths = expectedDepths(trace.spans);
    await expect(page.getByTestId('span-row')).toHaveCount(trace.spans.length);
    const shown = await spanRows(page);
    expect(shown.map((r) => `${r.spanId}@${r.depth}`).sort())
      .toEqual(trace.spans.map((s) => `${s.spanId}@${depths.get(s.spanId)}`).sort());
    // A tree in screen order: each row sits below its parent, one level deeper.
    const position = new Map(shown.map((r, i) => [r.spanId, i]));
    for (const s of trace.spans) {
      const row = shown[position.get(s.spanId)!];
      expect(row.service).toBe(s.serviceName);
      if (s.parentSpanId && position.has(s.parentSpanId)) {
        expect(position.get(s.parentSpanId)!).toBeLessThan(position.get(s.spanId)!);
      }
      await expect(page.locator(`[data-testid="span-row"][data-span-id="${s.spanId}"]`))
        .toHaveAttribute('data-error', String(s.status.code === 'ERROR'));
    }
    await settled(page);
    await screenshot(page, 'trace');
    await useTheme(page, 'dark');
    await screenshot(page, 'trace-dark');
    await useTheme(page, 'light');
  });

  test('collapsing a span hides its subtree and selecting a span shows its attributes', async ({ page, request }) => {
    const found = await api<{ traces: TraceSummary[] }>(request, '/api/v1/traces?service=payment&limit=50');
    const summary = found.traces.reduce((a, b) => (b.spanCount > a.spanCount ? b : a));
    const trace = await api<{ spans: ApiSpan[] }>(request, `/api/v1/traces/${summary.traceId}`);
    // The span below the root with the largest subtree: collapsing it leaves the root and the rest visible.
    const roots = new Set(trace.spans.filter((s) => !s.parentSpanId).map((s) => s.spanId));
    const candidates = trace.spans.filter((s) => !roots.has(s.spanId))
      .map((s) => ({ span: s, below: descendants(trace.spans, s.spanId) }))
      .filter((c) => c.below.size > 0)
      .sort((a, b) => b.below.size - a.below.size);
    expect(candidates.length, `trace ${summary.traceId} has a span with children below its root`).toBeGreaterThan(0);
    const { span: parent, below } = candidates[0];

    await page.goto(`/traces/${summary.traceId}`);
    await expect(page.getByTestId('span-row')).toHaveCount(trace.spans.length);
    const parentRow = page.locator(`[data-testid="span-row"][data-span-id="${parent.spanId}"]`);
    await parentRow.getByTestId('span-toggle').click();
    await expect(page.getByTestId('span-row')).toHaveCount(trace.spans.length - below.size);
    for (const id of below) {
      await expect(page.locator(`[data-testid="span-row"][data-span-id="${id}"]`)).toHaveCount(0);
    }
    await parentRow.getByTestId('span-toggle').click();
    await expect(page.getByTestId('span-row')).toHaveCount(trace.spans.length);

    const chosen = trace.spans.find((s) => Object.keys(s.attributes).length > 0) ?? trace.spans[0];
    const row = page.locator(`[data-testid="span-row"][data-span-id="${chosen.spanId}"]`);
    await row.getByText(chosen.name, { exact: false }).first().click();
    await expect(page).toHaveURL(new RegExp(`[?&]span=${chosen.spanId}`));
    const detail = page.getByTestId('span-detail');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText(chosen.name);
    for (const [key, value] of Object.entries(chosen.attributes).slice(0, 8)) {
      await expect(detail).toContainText(key);
      await expect(detail).toContainText(value);
    }
    await expect(detail).toContainText(chosen.status.code === 'ERROR' ? /error/i : /ok|unset/i);
    await screenshot(page, 'trace-span-detail');
  });

  test("a trace page shows the trace's logs", async ({ page, request }) => {
    const logs = await api<{ logs: { traceId: string | null; body: string }[] }>(request, '/api/v1/logs?limit=100');
    const withTrace = logs.logs.find((l) => l.traceId);
    expect(withTrace, 'the demo writes a log record in each request').toBeTruthy();
    await page.goto(`/traces/${withTrace!.traceId}`);
    await expect(page.getByTestId('trace-logs')).toContainText(withTrace!.body.slice(0, 40));
  });
});
