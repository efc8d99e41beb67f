import { expect, test } from '@playwright/test';
import { api, screenshot, settled } from './support';

interface ApiNode { name: string; pods: number }
interface ApiPod { name: string; node: string | null; workload: string | null }

test.describe('cluster', () => {
  test('nodes and pods show what health-service reports, and the page changes live without reload', async ({ page, request }) => {
    const nodes = await api<ApiNode[]>(request, '/api/v1/cluster/nodes');
    expect(nodes.length, 'the simulated cluster has nodes').toBeGreaterThan(0);

    await page.goto('/cluster');
    await expect(page.getByTestId('stream-state')).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('node-row')).toHaveCount(nodes.length);
    for (const n of nodes) {
      await expect(page.locator(`[data-testid="node-row"][data-node="${n.name}"] [data-testid="node-pods"]`)).toHaveText(String(n.pods));
    }
    await expect(page.getByTestId('platform-service')).not.toHaveCount(0);
    await settled(page);
    await screenshot(page, 'cluster');

    // A marker in the page's own memory: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { vigilMarker: string }).vigilMarker = 'kept'));
    const cpuBefore = await page.getByTestId('node-cpu').allInnerTexts();
    // The simulated cluster sends new readings every few seconds (each with its own jitter); health-service
    // pushes each refresh down the stream.
    await expect
      .poll(async () => (await page.getByTestId('node-cpu').allInnerTexts()).join('|'), { timeout: 45_000 })
      .not.toBe(cpuBefore.join('|'));
    expect(await page.evaluate(() => (window as unknown as { vigilMarker?: string }).vigilMarker)).toBe('kept');
  });

  test('from a node to its pods, and from a pod to its service traces', async ({ page, request }) => {
    const pods = await api<ApiPod[]>(request, '/api/v1/cluster/pods');
    const pod = pods.find((p) => p.node && p.workload === 'cart') ?? pods.find((p) => p.node && p.workload)!;
    const onNode = pods.filter((p) => p.node === pod.node).map((p) => p.name).sort();

    await page.goto('/cluster');
    await page.locator(`[data-testid="node-row"][data-node="${pod.node}"] button`).click();
    await expect(page).toHaveURL(new RegExp(`[?&]node=${pod.node}`));
    await expect(page.getByTestId('pods-filter')).toContainText(pod.node!);
    await expect.poll(async () => (await page.getByTestId('pod-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-pod') ?? ''))).sort())
      .toEqual(onNode);
    await screenshot(page, 'cluster-node');

    await page.locator(`[data-testid="pod-row"][data-pod="${pod.name}"] [data-testid="pod-traces"]`).click();
    await expect(page).toHaveURL(new RegExp(`/traces\\?.*service=${pod.workload}`));
  });
});
