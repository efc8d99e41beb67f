// Who calls this service (upstream) and what it calls (downstream), from the dependency graph.
import { Link } from 'react-router';
import { api } from '../api/client';
import type { DependencyEdge, DependencyGraph, DependencyNode } from '../api/types';
import { formatMs, formatPercent, formatRate } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { resolveWindow } from '../shared/timeRange';
import { useCommonSearch, withCommon } from '../shared/urlState';

export function Dependencies({ service }: { service: string }) {
  const q = useRangeQuery(['dependencies'], async (w, range, signal) => ({
    graph: await api.dependencies(w, signal),
    seconds: (() => {
      const r = resolveWindow(range);
      return (r.to.getTime() - r.from.getTime()) / 1000;
    })(),
  }));
  return (
    <>
      <div className="panel">
        <h2>Upstream (callers)</h2>
        <div data-testid="service-upstream">
          <QueryState query={q} what="dependencies">
            {({ graph, seconds }) => <DependencyList graph={graph} seconds={seconds} edges={graph.edges.filter((e) => e.target === service)} side="source" />}
          </QueryState>
        </div>
      </div>
      <div className="panel">
        <h2>Downstream (called)</h2>
        <div data-testid="service-downstream">
          <QueryState query={q} what="dependencies">
            {({ graph, seconds }) => <DependencyList graph={graph} seconds={seconds} edges={graph.edges.filter((e) => e.source === service)} side="target" />}
          </QueryState>
        </div>
      </div>
    </>
  );
}

const KIND_ICON: Record<string, string> = { database: '⛁', queue: '☰', external: '↗', service: '●' };

function DependencyList({ graph, edges, side, seconds }: { graph: DependencyGraph; edges: DependencyEdge[]; side: 'source' | 'target'; seconds: number }) {
  const common = useCommonSearch();
  const nodes = new Map<string, DependencyNode>(graph.nodes.map((n) => [n.id, n]));
  if (edges.length === 0) return <p className="muted">None in this time range.</p>;
  return (
    <ul className="dep-list">
      {[...edges]
        .sort((a, b) => b.calls - a.calls)
        .map((e) => {
          const id = e[side];
          const node = nodes.get(id);
          const kind = node?.kind ?? 'service';
          const name = node?.name ?? id;
          return (
            <li key={id}>
              <span className={`dep-kind kind-${kind}`} aria-label={kind} title={kind}>
                {KIND_ICON[kind] ?? '●'}
              </span>
              {kind === 'service' && node?.spans != null ? (
                <Link data-testid="dependency-link" data-service={name} to={withCommon(`/services/${encodeURIComponent(name)}`, common)}>
                  {name}
                </Link>
              ) : (
                <span>
                  {name} <span className="muted small">({kind})</span>
                </span>
              )}
              <span className="dep-stats muted">
                {formatRate(seconds > 0 ? e.calls / seconds : null)} · {formatPercent(e.calls ? (100 * e.errors) / e.calls : 0)} err · p95 {formatMs(e.latencyMs?.p95)}
              </span>
            </li>
          );
        })}
    </ul>
  );
}
