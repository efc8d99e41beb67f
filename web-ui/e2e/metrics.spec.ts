import { expect, test } from '@playwright/test';
import { api, screenshot, settled } from './support';

interface MetricInfo { name: string; type: string; labelKeys: string[]; resourceKeys: string[] }
interface Series { labels: Record<string, string> }

/** The metric the tests explore: a pod gauge of the demo shop, grouped by pod (a resource attribute). */
const METRIC = 'k8s.pod.cpu_limit_utilization';
const KEY = 'resource.k8s.pod.name';

test.describe('metrics explorer', () => {
  test('lists the metrics the API lists, and a group-by query shows the series the API returns', async ({ page, request }) => {
    const catalogue = (await api<{ metrics: MetricInfo[] }>(request, '/api/v1/metrics?limit=1000')).metrics;
    const metric = catalogue.find((m) => m.name === METRIC);
    expect(metric, `the demo shop sends ${METRIC}`).toBeTruthy();
    expect(metric!.resourceKeys).toContain('k8s.pod.name');

    await page.goto('/metrics');
    await expect(page.getByTestId('metric-item')).toHaveCount(catalogue.length);
    await page.getByTestId('metric-search').fill('cpu_limit');
    await page.locator(`[data-testid="metric-item"][data-metric="${METRIC}"]`).click();
    await expect(page).toHaveURL(new RegExp(`[?&]metric=${METRIC.replace(/\./g, '\\.')}`));
    // The checkbox shows the URL's state, which the click changes a moment later: check() would look at once.
    const groupBy = page.locator(`[data-testid="metric-groupby"][data-key="${KEY}"]`);
    await groupBy.click();
    await expect(page).toHaveURL(/[?&]groupBy=resource\.k8s\.pod\.name/);
    await expect(groupBy).toBeChecked();

    const expected = (await api<{ series: Series[] }>(request, `/api/v1/metrics/query?name=${METRIC}&groupBy=${KEY}`)).series
      .map((s) => `${KEY}=${s.labels[KEY]}`).sort();
    expect(expected.length, 'the shop runs several pods').toBeGreaterThan(1);
    await expect.poll(async () => (await page.getByTestId('metric-series-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-series') ?? ''))).sort())
      .toEqual(expected);
    await expect(page.getByTestId('metric-chart')).toBeVisible();
    await settled(page);
    await screenshot(page, 'metrics');
  });

  test("a label's values become filters, and the URL restores the query", async ({ page, request }) => {
    await page.goto(`/metrics?metric=${METRIC}`);
    await page.locator(`[data-testid="label-key"][data-key="${KEY}"]`).click();
    const values = page.locator(`[data-testid="label-values"][data-key="${KEY}"] [data-testid="label-value"]`);
    await expect(values.first()).toBeVisible();
    const pod = (await values.first().getAttribute('data-value'))!;
    await values.first().click();
    await expect(page.locator(`[data-testid="metric-filter"][data-filter="${KEY}=${pod}"]`)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]filter=${encodeURIComponent(`${KEY}=${pod}`).replace(/\./g, '\\.')}`));
    await page.locator(`[data-testid="metric-groupby"][data-key="${KEY}"]`).check();
    await expect(page.getByTestId('metric-series-row')).toHaveCount(1);
    await expect(page.getByTestId('metric-series-row')).toHaveAttribute('data-series', `${KEY}=${pod}`);

    const api1 = await api<{ series: Series[] }>(request, `/api/v1/metrics/query?name=${METRIC}&groupBy=${KEY}&filter=${encodeURIComponent(`${KEY}=${pod}`)}`);
    expect(api1.series.map((s) => s.labels[KEY])).toEqual([pod]);

    await page.reload();
    await expect(page.locator(`[data-testid="metric-filter"][data-filter="${KEY}=${pod}"]`)).toBeVisible();
    await expect(page.locator(`[data-testid="metric-groupby"][data-key="${KEY}"]`)).toBeChecked();
    await expect(page.getByTestId('metric-series-row')).toHaveAttribute('data-series', `${KEY}=${pod}`);
  });
});
