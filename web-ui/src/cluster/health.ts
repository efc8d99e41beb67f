// What the cluster page derives from the health picture: status colours, usage against capacity, filters.
import type { HealthStatus, PodHealth, Usage } from '../api/types';

export function statusClass(status: HealthStatus | string | null | undefined): string {
  switch (status) {
    case 'HEALTHY':
    case 'UP':
      return 'h-ok';
    case 'WARNING':
      return 'h-warn';
    case 'CRITICAL':
    case 'DOWN':
      return 'h-bad';
    default:
      return '';
  }
}

/**
 * The capacity a use is measured against, and its name: a pod's limit (else its request), a node's allocatable.
 * Null when none is known (a pod without limit or request): then there is no bar, only the figure.
 */
export function capacity(u: Usage): { value: number; name: 'limit' | 'request' | 'allocatable' } | null {
  if (u.limit) return { value: u.limit, name: 'limit' };
  if (u.allocatable) return { value: u.allocatable, name: 'allocatable' };
  if (u.request) return { value: u.request, name: 'request' };
  return null;
}

/** Used as a fraction of capacity (0..1, may exceed 1), or null when either is unknown. */
export function fractionUsed(u: Usage): number | null {
  const c = capacity(u);
  if (u.used === null || u.used === undefined || !c) return null;
  return u.used / c.value;
}

export interface PodFilter {
  node?: string | null;
  namespace?: string | null;
}

/** The pods of one node and/or namespace, worst status first, then by name. */
export function selectPods(pods: PodHealth[], filter: PodFilter): PodHealth[] {
  const rank: Record<string, number> = { CRITICAL: 0, WARNING: 1, HEALTHY: 2 };
  return pods
    .filter((p) => (!filter.node || p.node === filter.node) && (!filter.namespace || p.namespace === filter.namespace))
    .sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
