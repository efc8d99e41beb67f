import { describe, expect, it, vi } from 'vitest';
import { applyEvent, INITIAL_PICTURE } from './healthStream';

describe('the health stream picture', () => {
  it('takes the cluster and the platform from their events and goes live', () => {
    const cluster = { report: { nodes: 3 }, nodes: [], pods: [] };
    const afterCluster = applyEvent(INITIAL_PICTURE, 'cluster', JSON.stringify(cluster), 1000);
    expect(afterCluster).toMatchObject({ cluster, platform: null, connection: 'live', updatedAt: 1000 });

    const platform = { status: 'HEALTHY', services: [] };
    const afterBoth = applyEvent(afterCluster, 'platform', JSON.stringify(platform), 2000);
    expect(afterBoth).toMatchObject({ cluster, platform, updatedAt: 2000 });
  });

  it('replaces the picture with each newer event', () => {
    const first = applyEvent(INITIAL_PICTURE, 'cluster', '{"report":{"nodes":3},"nodes":[],"pods":[]}', 1);
    const second = applyEvent(first, 'cluster', '{"report":{"nodes":4},"nodes":[],"pods":[]}', 2);
    expect(second.cluster?.report.nodes).toBe(4);
  });

  it('keeps the picture when an event is not JSON, and ignores unknown event names', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = applyEvent(INITIAL_PICTURE, 'cluster', '{"report":{"nodes":3},"nodes":[],"pods":[]}', 1);
    expect(applyEvent(before, 'cluster', '{not json', 2)).toBe(before);
    expect(warn).toHaveBeenCalledOnce();
    expect(applyEvent(before, 'heartbeat', '{}', 3)).toBe(before);
    warn.mockRestore();
  });
});
