// One trace: its waterfall, the selected span's details, and the logs written during it.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { LogTable } from '../../logs/LogTable';
import { formatNanos, formatTime } from '../../shared/format';
import { QueryState } from '../../shared/states';
import { useCommonSearch, useUpdateParams, withCommon } from '../../shared/urlState';
import { criticalPath } from './waterfall/criticalPath';
import { SpanDetail } from './waterfall/SpanDetail';
import { buildSpanTree } from './waterfall/spanTree';
import { traceQuery } from './traceQuery';
import { Waterfall } from './waterfall/Waterfall';

export default function TracePage() {
  const { traceId = '' } = useParams();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const common = useCommonSearch();
  const selected = params.get('span');
  const trace = useQuery(traceQuery(traceId));

  const tree = useMemo(() => (trace.data ? buildSpanTree(trace.data.spans) : null), [trace.data]);
  const critical = useMemo(() => (tree ? criticalPath(tree) : new Set<string>()), [tree]);
  const onSelect = useCallback((id: string) => update({ span: id }, true), [update]);
  const root = tree?.roots[0];
  const errors = tree ? tree.order.filter((n) => n.error).length : 0;
  const selectedNode = selected && tree ? tree.byId.get(selected) : undefined;

  return (
    <section className="page trace-page" data-testid="trace-page" data-trace-id={traceId}>
      <header className="page-header">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link to={withCommon('/traces', common)}>Traces</Link> <span aria-hidden="true">/</span> <span className="mono">{traceId}</span>
        </nav>
        {root && tree && (
          <>
            <h1>
              <span className="svc-chip">{root.span.serviceName}</span> {root.span.name}
            </h1>
            <p className="muted">
              {formatTime(tree.startTime ?? root.span.startTime)} · {formatNanos(tree.duration)} · {tree.order.length} spans · {tree.services.length} services ·{' '}
              <span className={errors ? 'bad' : ''}>{errors} errors</span>
            </p>
          </>
        )}
      </header>
      <QueryState query={trace} what="the trace" isEmpty={(d) => d.spans.length === 0}>
        {() =>
          tree && (
            <div className={`trace-layout${selectedNode ? ' with-detail' : ''}`}>
              <div className="panel trace-main">
                <Waterfall tree={tree} critical={critical} selected={selected} onSelect={onSelect} />
              </div>
              <div className="trace-side">
                {selectedNode ? (
                  <SpanDetail node={selectedNode} critical={critical.has(selectedNode.id)} onClose={() => update({ span: null }, true)} />
                ) : (
                  <p className="panel muted small">Select a span (click, or Enter on a focused row) to see its attributes, resource, events and links.</p>
                )}
                <TraceLogs traceId={traceId} startTime={tree.startTime} duration={tree.duration} />
              </div>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

function TraceLogs({ traceId, startTime, duration }: { traceId: string; startTime: string | null; duration: number }) {
  // The trace's own time, with a margin for clock skew, rather than the page's range: a shared link to an old
  // trace still shows its logs.
  const window = useMemo(() => {
    if (!startTime) return {};
    const start = Date.parse(startTime);
    return { from: new Date(start - 60_000).toISOString(), to: new Date(start + duration / 1e6 + 60_000).toISOString() };
  }, [startTime, duration]);
  const logs = useQuery({
    queryKey: ['trace-logs', traceId, window.from],
    queryFn: ({ signal }) => api.logs({ traceId, ...window, limit: 500 }, signal),
  });
  return (
    <section className="panel" aria-label="Logs of this trace">
      <h2>Logs of this trace</h2>
      <div data-testid="trace-logs">
        <QueryState query={logs} what="logs" isEmpty={(d) => d.logs.length === 0} empty={<p className="muted small">No log records carry this trace id.</p>}>
          {(d) => <LogTable logs={[...d.logs].reverse()} maxHeight={420} wrap />}
        </QueryState>
      </div>
    </section>
  );
}
