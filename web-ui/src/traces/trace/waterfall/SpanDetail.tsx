// Everything about one span: timing, status, attributes, resource, events, links.
import { Link } from 'react-router';
import { Attributes } from '../../../logs/LogTable';
import { formatNanos, nanosSince, parseTime } from '../../../shared/format';
import { useCommonSearch, withCommon } from '../../../shared/urlState';
import type { SpanNode } from './spanTree';

export function SpanDetail({ node, critical, onClose }: { node: SpanNode; critical: boolean; onClose: () => void }) {
  const s = node.span;
  const common = useCommonSearch();
  const start = parseTime(s.startTime);
  return (
    <section className="panel span-detail" data-testid="span-detail" aria-label={`Span ${s.name}`}>
      <header className="span-detail-head">
        <div>
          <h2>{s.name}</h2>
          <div className="muted small">
            <Link to={withCommon(`/services/${encodeURIComponent(s.serviceName)}`, common)}>{s.serviceName}</Link> · {s.kind} ·{' '}
            <span className="mono">{s.spanId}</span>
          </div>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close span details">
          ✕
        </button>
      </header>
      <dl className="kv">
        <dt>duration</dt>
        <dd>
          {formatNanos(s.durationNanos)}
          {critical && <span className="badge critical-badge">critical path</span>}
        </dd>
        <dt>starts at</dt>
        <dd>
          +{formatNanos(node.start)} <span className="muted mono small">{s.startTime}</span>
        </dd>
        <dt>status</dt>
        <dd data-testid="span-status" className={s.status.code === 'ERROR' ? 'bad' : ''}>
          {s.status.code}
          {s.status.message ? `: ${s.status.message}` : ''}
        </dd>
        {s.parentSpanId && (
          <>
            <dt>parent</dt>
            <dd className="mono">
              {s.parentSpanId}
              {node.orphan && <span className="muted"> (not in this trace)</span>}
            </dd>
          </>
        )}
        {s.scope?.name && (
          <>
            <dt>scope</dt>
            <dd>
              {s.scope.name} {s.scope.version ?? ''}
            </dd>
          </>
        )}
      </dl>
      <Attributes title="Attributes" values={s.attributes} />
      <Attributes title="Resource" values={s.resourceAttributes} />
      {s.events.length > 0 && (
        <div className="attrs">
          <h4>Events ({s.events.length})</h4>
          <ol className="events">
            {s.events.map((ev, i) => (
              <li key={i}>
                <span className="mono muted">+{formatNanos(nanosSince(parseTime(ev.time), start))}</span> <strong>{ev.name}</strong>
                <Attributes title="" values={ev.attributes} />
              </li>
            ))}
          </ol>
        </div>
      )}
      {s.links.length > 0 && (
        <div className="attrs">
          <h4>Links ({s.links.length})</h4>
          <ul className="events">
            {s.links.map((l, i) => (
              <li key={i}>
                <Link className="mono" to={withCommon(`/traces/${l.traceId}`, common, { span: l.spanId })}>
                  {l.traceId.slice(0, 12)}… / {l.spanId}
                </Link>
                <Attributes title="" values={l.attributes} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
