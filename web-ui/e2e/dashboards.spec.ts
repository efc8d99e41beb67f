import { expect, test, type Page } from '@playwright/test';
import { api, screenshot, settled } from './support';

/** A pod gauge the simulated cluster sends, one series per pod; the shop's front service. */
const METRIC = 'k8s.pod.cpu_limit_utilization';
const POD = 'resource.k8s.pod.name';
const SERVICE = 'frontend';

interface StoredDashboard { uid: string; version: number; dashboard: { panels: { id: string; title: string; grid: { x: number; y: number; w: number; h: number } }[] } }
interface MetricAnswer { series: { labels: Record<string, string>; points: { value: number | null }[] }[] }
interface GoldenAnswer { points: { values: { latencyMs: { p99: number } | null } }[] }

const lastOf = (values: (number | null)[]) => [...values].reverse().find((v) => v !== null && v !== undefined) ?? null;

/**
 * A fixed window ending a minute ago, whole minutes: the page and this test query the same stored data, so the
 * panels must show exactly what the APIs answer (the demo's run ended before the suite; the last minute may still
 * be arriving).
 */
function fixedWindow() {
  const to = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
  const from = new Date(to.getTime() - 60 * 60_000);
  return { from: from.toISOString(), to: to.toISOString(), search: `from=${from.toISOString()}&to=${to.toISOString()}` };
}

const panel = (page: Page, title: string) => page.locator('[data-testid="dashboard-panel"]').filter({ has: page.locator(`h3[title="${title}"]`) });

async function panelsReady(page: Page) {
  const panels = page.getByTestId('dashboard-panel');
  await expect(panels.first()).toBeVisible();
  await expect.poll(() => page.getByTestId('panel-body').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-state'))), { timeout: 30_000 })
    .toEqual(Array(await panels.count()).fill('ready'));
}

async function addPanel(page: Page, fill: () => Promise<void>) {
  await page.getByTestId('panel-add').click();
  await expect(page.getByTestId('panel-editor')).toBeVisible();
  await fill();
  // The live preview draws the query before it is applied.
  await expect(page.getByTestId('editor-preview').getByTestId('panel-body')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('editor-apply').click();
  await expect(page.getByTestId('panel-editor')).toHaveCount(0);
}

test.describe('dashboards', () => {
  test('a dashboard made in the UI keeps its panels, shows what the APIs answer, saves a moved and resized panel, and restores a version', async ({ page, request }) => {
    test.setTimeout(120_000);
    page.on('dialog', (d) => void d.accept());
    const w = fixedWindow();
    const title = `Shop ${Date.now().toString(36)}`;

    await page.goto(`/dashboards?${w.search}`);
    await page.getByTestId('dashboard-new').click();
    await page.getByTestId('dashboard-new-title').fill(title);
    await page.getByTestId('dashboard-create').click();
    await expect(page.getByTestId('dashboard-title')).toHaveText(title);
    await expect(page).toHaveURL(/[?&]edit=1/);
    const uid = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

    await addPanel(page, async () => {
      await page.getByTestId('editor-title').fill('Pod CPU');
      await page.getByTestId('editor-kind').selectOption('metric');
      await page.getByTestId('editor-metric').fill(METRIC);
      await page.getByTestId('editor-aggregation').selectOption('avg');
      await page.getByTestId('editor-groupby').fill(POD);
    });
    await addPanel(page, async () => {
      await page.getByTestId('editor-title').fill('Frontend p99');
      await page.getByTestId('editor-type').selectOption('stat');
      await page.getByTestId('editor-kind').selectOption('golden-signals');
      await page.getByTestId('editor-service').fill(SERVICE);
      await page.getByTestId('editor-signal').selectOption('p99');
      await page.getByTestId('editor-unit').selectOption('ms');
      await page.getByTestId('editor-thresholds').fill('100:orange, 1000:red');
    });
    await addPanel(page, async () => {
      await page.getByTestId('editor-title').fill('Frontend spans');
      await page.getByTestId('editor-type').selectOption('stat');
      await page.getByTestId('editor-kind').selectOption('span-count');
      await page.getByTestId('editor-service').fill(SERVICE);
    });
    await page.getByTestId('save-message').fill('three panels');
    await page.getByTestId('dashboard-save').click();
    await expect(page).not.toHaveURL(/[?&]edit=1/);
    await expect(page.getByTestId('dashboard-version')).toHaveAttribute('data-version', '2');

    // After a reload the saved panels come back and show what the APIs answer for the same queries.
    await page.reload();
    await panelsReady(page);
    await expect(page.getByTestId('dashboard-panel')).toHaveCount(3);

    const metric = await api<MetricAnswer>(request, `/api/v1/metrics/query?name=${METRIC}&agg=avg&groupBy=${POD}&from=${w.from}&to=${w.to}`);
    const expectedSeries = metric.series.map((s) => ({ series: `${POD}=${s.labels[POD]}`, last: String(lastOf(s.points.map((p) => p.value)) ?? '') }))
      .sort((a, b) => a.series.localeCompare(b.series));
    expect(expectedSeries.length, 'the simulated cluster runs several pods').toBeGreaterThan(1);
    const shownSeries = await panel(page, 'Pod CPU').getByTestId('panel-series')
      .evaluateAll((rows) => rows.map((r) => ({ series: r.getAttribute('data-series') ?? '', last: r.getAttribute('data-last') ?? '' })));
    expect(shownSeries.sort((a, b) => a.series.localeCompare(b.series))).toEqual(expectedSeries);

    const golden = await api<GoldenAnswer>(request, `/api/v1/golden-signals?service=${SERVICE}&from=${w.from}&to=${w.to}`);
    const p99 = lastOf(golden.points.map((p) => p.values.latencyMs?.p99 ?? null));
    expect(p99, `${SERVICE} served requests in the window`).not.toBeNull();
    await expect(panel(page, 'Frontend p99').getByTestId('panel-value')).toHaveAttribute('data-value', String(p99));

    const spans = await api<{ total: number; points: { count: number }[] }>(request, `/api/v1/traces/volume?service=${SERVICE}&start=${w.from}&end=${w.to}`);
    expect(spans.total).toBeGreaterThan(0);
    expect(spans.points.reduce((n, p) => n + p.count, 0)).toBe(spans.total);
    await expect(panel(page, 'Frontend spans').getByTestId('panel-value')).toHaveAttribute('data-value', String(spans.total));
    await settled(page);
    await screenshot(page, 'dashboard');

    // Move the span count beside the CPU chart by dragging its header, make the CPU chart taller from the keyboard.
    const saved = await api<StoredDashboard>(request, `/api/v1/dashboards/${uid}`);
    await page.getByTestId('dashboard-edit').click();
    const spansPanel = panel(page, 'Frontend spans');
    const header = spansPanel.locator('header');
    await header.scrollIntoViewIfNeeded();
    const box = (await header.boundingBox())!;
    const grid = (await page.getByTestId('dashboard-grid').boundingBox())!;
    const cpuTop = (await panel(page, 'Pod CPU').boundingBox())!.y;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 20 + grid.width / 2, cpuTop + box.height / 2, { steps: 12 });
    await page.mouse.up();
    await expect(spansPanel).toHaveAttribute('data-grid', '6,0,6,6');
    await panel(page, 'Pod CPU').getByTestId('panel-resize').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(panel(page, 'Pod CPU')).toHaveAttribute('data-grid', '0,0,6,8');
    await page.getByTestId('dashboard-save').click();
    await expect(page).not.toHaveURL(/[?&]edit=1/);
    await expect(page.getByTestId('dashboard-version')).toHaveAttribute('data-version', '3');
    const moved = await api<StoredDashboard>(request, `/api/v1/dashboards/${uid}`);
    const grids = (d: StoredDashboard) => Object.fromEntries(d.dashboard.panels.map((p) => [p.title, p.grid]));
    expect(grids(moved)).toMatchObject({ 'Pod CPU': { x: 0, y: 0, w: 6, h: 8 }, 'Frontend spans': { x: 6, y: 0, w: 6, h: 6 } });
    await page.reload();
    await expect(panel(page, 'Frontend spans')).toHaveAttribute('data-grid', '6,0,6,6');

    // Restoring version 2 makes a version 4 with version 2's layout.
    await page.getByTestId('dashboard-versions').click();
    await expect(page.getByTestId('version-row')).toHaveCount(3);
    await page.locator('[data-testid="version-row"][data-version="2"]').getByTestId('version-restore').click();
    await expect(page.getByTestId('dashboard-version')).toHaveAttribute('data-version', '4');
    // The API's grid is JSON (PostgreSQL's jsonb orders its keys): the page writes x,y,w,h.
    const before = grids(saved)['Frontend spans'];
    await expect(panel(page, 'Frontend spans')).toHaveAttribute('data-grid', [before.x, before.y, before.w, before.h].join(','));
    const restored = await api<StoredDashboard>(request, `/api/v1/dashboards/${uid}`);
    expect(restored.version).toBe(4);
    expect(grids(restored)).toEqual(grids(saved));
    const versions = await api<{ version: number; message: string | null }[]>(request, `/api/v1/dashboards/${uid}/versions`);
    expect(versions[0]).toMatchObject({ version: 4, message: 'restored version 2' });
  });

  test('the list shows every dashboard the API lists, and the panel editor previews its query', async ({ page, request }) => {
    const list = await api<{ uid: string; title: string }[]>(request, '/api/v1/dashboards');
    expect(list.map((d) => d.uid)).toContain('golden-signals');
    await page.goto('/dashboards');
    await expect.poll(() => page.getByTestId('dashboard-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-uid'))))
      .toEqual(list.map((d) => d.uid));
    await settled(page);
    await screenshot(page, 'dashboards');

    await page.goto('/dashboards/golden-signals?edit=1');
    await panelsReady(page);
    await page.getByTestId('panel-edit').first().click();
    await expect(page.getByTestId('panel-editor')).toBeVisible();
    await expect(page.getByTestId('editor-preview').getByTestId('panel-body')).toHaveAttribute('data-state', 'ready');
    await settled(page);
    await screenshot(page, 'dashboard-panel-editor');
    await page.getByTestId('editor-cancel').click();
    await page.getByTestId('dashboard-discard').click();
  });

  test('the shipped golden-signals dashboard opens and draws every panel', async ({ page, request }) => {
    const shipped = await api<StoredDashboard>(request, '/api/v1/dashboards/golden-signals');
    await page.goto('/dashboards/golden-signals');
    await expect(page.getByTestId('dashboard-panel')).toHaveCount(shipped.dashboard.panels.length);
    await panelsReady(page);
    await expect(page.getByTestId('error-state')).toHaveCount(0);
    await expect(page.locator('[data-testid="variable"][data-name="service"]')).toBeVisible();
    await screenshot(page, 'dashboard-golden-signals');
  });
});
