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
      <Section title="Attributes" count={Object.keys(s.attributes ?? {}).length} open>
        <Attributes title="" values={s.attributes} />
      </Section>
      <Section title="Resource" count={Object.keys(s.resourceAttributes ?? {}).length} open={false}>
        <Attributes title="" values={s.resourceAttributes} />
      </Section>
      {s.events.length > 0 && (
        <Section title="Events" count={s.events.length} open>
          <ol className="events">
            {s.events.map((ev, i) => (
              <li key={i}>
                <span className="mono muted">+{formatNanos(nanosSince(parseTime(ev.time), start))}</span> <strong>{ev.name}</strong>
                <Attributes title="" values={ev.attributes} />
              </li>
            ))}
          </ol>
        </Section>
      )}
      {s.links.length > 0 && (
        <Section title="Links" count={s.links.length} open>
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
        </Section>
      )}
    </section>
  );
}

/** A part of the details that can be folded away (the resource is folded at first: it is the same on many spans). */
function Section({ title, count, open, children }: { title: string; count: number; open: boolean; children: React.ReactNode }) {
  if (count === 0) return null;
  return (
    <details className="detail-section" open={open}>
      <summary>
        {title} <span className="muted">({count})</span>
      </summary>
      {children}
    </details>
  );
}
