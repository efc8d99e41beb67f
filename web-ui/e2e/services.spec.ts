import { expect, test } from '@playwright/test';
import { api, screenshot, settled, SHOP_SERVICES, useTheme } from './support';

test.describe('services', () => {
  test('the services list shows every service the demo sent and opens one', async ({ page, request }) => {
    const stored = await api<{ services: { name: string }[] }>(request, '/api/v1/services?limit=1000');
    const names = stored.services.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(SHOP_SERVICES));

    await page.goto('/');
    await expect(page).toHaveURL(/\/services/);
    const table = page.getByTestId('services-table');
    await expect(table).toBeVisible();
    for (const name of names) {
      await expect(table.locator(`[data-testid="service-row"][data-service="${name}"]`)).toBeVisible();
    }
    await expect(page.getByTestId('service-row')).toHaveCount(names.length);
    await expect(page.getByTestId('sparkline').first()).toBeVisible();
    await settled(page);
    await screenshot(page, 'services');
    await useTheme(page, 'dark');
    await screenshot(page, 'services-dark');
    await useTheme(page, 'light');

    await page.locator('[data-testid="service-row"][data-service="payment"] a').first().click();
    await expect(page).toHaveURL(/\/services\/payment(\?|$)/);
    const service = page.getByTestId('service-page');
    await expect(service).toHaveAttribute('data-service', 'payment');
    await expect(page.getByTestId('service-title')).toContainText('payment');
    await expect(page.getByTestId('service-latency-chart')).toBeVisible();
    await expect(page.getByTestId('service-throughput-chart')).toBeVisible();
    await expect(page.getByTestId('service-errors-chart')).toBeVisible();
    await settled(page);
    await screenshot(page, 'service');
  });

  test('the services list sorts by a column', async ({ page }) => {
    await page.goto('/services');
    await expect(page.getByTestId('service-row').first()).toBeVisible();
    const order = () => page.getByTestId('service-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service')));
    await page.getByTestId('sort-name').click();
    const first = await order();
    await page.getByTestId('sort-name').click();
    await expect.poll(order).toEqual([...first].reverse());
  });

  test('a service page lists its operations and its dependencies from the APIs', async ({ page, request }) => {
    const ops = await api<{ operations: { name: string }[] }>(request, '/api/v1/services/cart/operations');
    expect(ops.operations.length).toBeGreaterThan(0);
    await page.goto('/services/cart?tab=operations');
    await expect(page.getByTestId('service-page')).toHaveAttribute('data-service', 'cart');
    const operations = page.getByTestId('service-operations');
    await expect(operations).toBeVisible();
    for (const op of ops.operations) {
      await expect(operations.locator(`[data-testid="operation-row"][data-operation="${op.name}"]`).first()).toBeVisible();
    }
    await screenshot(page, 'service-operations');

    // cart is called by frontend and calls payment (demo/…/ShopPlan.java), as the dependency graph says.
    await page.goto('/services/cart?tab=overview');
    await expect(page.getByTestId('service-upstream').locator('[data-testid="dependency-link"][data-service="frontend"]')).toBeVisible();
    await expect(page.getByTestId('service-downstream').locator('[data-testid="dependency-link"][data-service="payment"]')).toBeVisible();
    await page.getByTestId('service-downstream').locator('[data-testid="dependency-link"][data-service="payment"]').click();
    await expect(page).toHaveURL(/\/services\/payment/);
    await expect(page.getByTestId('service-page')).toHaveAttribute('data-service', 'payment');
  });

  test('a service opens from the service map by clicking its node on the canvas', async ({ page, request }) => {
    const graph = await api<{ nodes: { id: string; kind: string }[] }>(request, '/api/v1/dependencies');
    const ids = graph.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['frontend', 'cart', 'payment']));

    await page.goto('/map');
    const map = page.getByTestId('service-map');
    await expect(map).toHaveAttribute('data-ready', 'true');
    const listed = await page.getByTestId('map-node').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-node-id')));
    expect([...listed].sort()).toEqual([...ids].sort());
    await screenshot(page, 'map');
    await useTheme(page, 'dark');
    await screenshot(page, 'map-dark');
    await useTheme(page, 'light');

    // Where cytoscape drew the node, relative to its container, then a real click there.
    const at = await page.evaluate((id) => {
      const cy = (window as any).__vigilServiceMap;
      const node = cy.getElementById(id);
      if (node.empty()) throw new Error(`no node ${id} in the map`);
      return node.renderedPosition();
    }, 'cart');
    const box = await map.boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click(box!.x + at.x, box!.y + at.y);
    await expect(page).toHaveURL(/\/services\/cart(\?|$)/);
    await expect(page.getByTestId('service-page')).toHaveAttribute('data-service', 'cart');
  });

  test('the service map is usable from the keyboard', async ({ page }) => {
    await page.goto('/map');
    await expect(page.getByTestId('service-map')).toHaveAttribute('data-ready', 'true');
    const node = page.locator('[data-testid="map-node"][data-node-id="payment"]');
    await node.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/services\/payment(\?|$)/);
  });
});
