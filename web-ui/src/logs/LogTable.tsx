// Log records, newest first; a row expands to the whole record, and leads to its trace.
import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { LogRecord } from '../api/types';
import { formatTime, shortId } from '../shared/format';
import { useCommonSearch, withCommon } from '../shared/urlState';

export function severityClass(text: string, number: number): string {
  if (number >= 17 || /^(ERROR|FATAL)/i.test(text)) return 'sev-error';
  if (number >= 13 || /^WARN/i.test(text)) return 'sev-warn';
  if (number >= 9 || /^INFO/i.test(text)) return 'sev-info';
  return 'sev-debug';
}

export function logKey(l: LogRecord): string {
  return `${l.time}|${l.spanId ?? ''}|${l.body.length}|${l.body.slice(0, 40)}`;
}

/** Long lists are virtualised (rows are drawn only where the scroll box shows them). */
/** `wrap` lets long bodies wrap (narrow panels) instead of ending in an ellipsis. */
export function LogTable({
  logs,
  testId,
  maxHeight = 560,
  showService = true,
  wrap = false,
}: {
  logs: LogRecord[];
  testId?: string;
  maxHeight?: number;
  showService?: boolean;
  wrap?: boolean;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const common = useCommonSearch();
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: logs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 30,
    overscan: 12,
    getItemKey: (i) => logKey(logs[i]),
  });

  const toggle = (key: string) => setOpen((o) => (o === key ? null : key));
  const items = virtual.getVirtualItems();

  return (
    <div className={`log-list${wrap ? ' wrap' : ''}`} data-testid={testId} ref={scroller} style={{ maxHeight }} role="list">
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const l = logs[item.index];
          const key = logKey(l);
          const expanded = open === key;
          return (
            <div
              key={item.key}
              ref={virtual.measureElement}
              data-index={item.index}
              className="log-item"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              role="listitem"
            >
              <div
                className={`log-row ${expanded ? 'expanded' : ''}`}
                data-testid="log-row"
                data-trace-id={l.traceId || undefined}
                tabIndex={0}
                role="button"
                aria-expanded={expanded}
                onClick={() => toggle(key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    toggle(key);
                  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const next = e.key === 'ArrowDown' ? item.index + 1 : item.index - 1;
                    if (next >= 0 && next < logs.length) {
                      virtual.scrollToIndex(next);
                      requestAnimationFrame(() =>
                        scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"] [data-testid="log-row"]`)?.focus(),
                      );
                    }
                  }
                }}
              >
                <span className="mono muted log-time">{formatTime(l.time)}</span>
                <span className={`sev ${severityClass(l.severityText, l.severityNumber)}`}>{l.severityText || `SEV${l.severityNumber}`}</span>
                {showService && <span className="svc-chip">{l.serviceName}</span>}
                <span className="log-body">{l.body}</span>
                {l.traceId && <span className="muted mono log-trace-hint" title="Has a trace">⤷ {shortId(l.traceId)}</span>}
              </div>
              {expanded && (
                <div className="log-detail" data-testid="log-detail">
                  <div className="log-detail-body">{l.body}</div>
                  <dl className="kv">
                    <dt>time</dt>
                    <dd className="mono">{l.time}</dd>
                    <dt>severity</dt>
                    <dd>
                      {l.severityText} ({l.severityNumber})
                    </dd>
                    <dt>service</dt>
                    <dd>{l.serviceName}</dd>
                    {l.scopeName && (
                      <>
                        <dt>scope</dt>
                        <dd>{l.scopeName}</dd>
                      </>
                    )}
                    {l.traceId && (
                      <>
                        <dt>trace</dt>
                        <dd>
                          <Link
                            data-testid="log-trace-link"
                            className="mono"
                            to={withCommon(`/traces/${l.traceId}`, common, l.spanId ? { span: l.spanId } : {})}
                          >
                            {l.traceId}
                          </Link>
                          {l.spanId && <span className="muted mono"> span {l.spanId}</span>}
                        </dd>
                      </>
                    )}
                  </dl>
                  <Attributes title="Attributes" values={l.attributes} />
                  <Attributes title="Resource" values={l.resourceAttributes} />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

export function Attributes({ title, values }: { title: string; values: Record<string, string> | null | undefined }) {
  const entries = Object.entries(values ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return null;
  return (
    <div className="attrs">
      {title && <h4>{title}</h4>}
      <dl className="kv">
        {entries.map(([k, v]) => (
          <Fragment key={k}>
            <dt className="mono">{k}</dt>
            <dd className="mono">{v}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  );
}
