// Access logs of the service mesh: who called whom, with status and latency; filter by either side.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { AccessLogEntry } from '../api/types';
import { formatNanos, formatTime } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { onRowKeyDown } from '../shared/table';
import { useCommonSearch, useUpdateParams, useUrlForm, withCommon } from '../shared/urlState';

const FIELDS = ['source', 'sourceNamespace', 'destination', 'destinationNamespace', 'code', 'method'] as const;
type Field = (typeof FIELDS)[number];
type Filters = Record<Field, string>;

function filtersFrom(p: URLSearchParams): Filters {
  return Object.fromEntries(FIELDS.map((f) => [f, p.get(f) ?? ''])) as Filters;
}

export default function AccessLogsPage() {
  const update = useUpdateParams();
  const { form, setForm, applied } = useUrlForm(filtersFrom);
  const key = JSON.stringify(applied);
  const q = useRangeQuery(['access-logs', key], (w, _r, signal) => api.accessLogs({ ...w, ...applied, limit: 1000 }, signal));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update(Object.fromEntries(FIELDS.map((f) => [f, form[f].trim()])));
  };
  const set = (k: Field) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const filterBy = (changes: Partial<Filters>) => update(changes);

  return (
    <section className="page">
      <header className="page-header">
        <h1>Access logs</h1>
        <p className="muted">Every request the mesh saw: source and destination workload and namespace, status, latency.</p>
      </header>
      <form className="panel search-form" onSubmit={submit} role="search" aria-label="Filter access logs">
        <label>
          Source workload
          <input data-testid="access-source-filter" value={form.source} onChange={set('source')} placeholder="any" />
        </label>
        <label>
          Source namespace
          <input value={form.sourceNamespace} onChange={set('sourceNamespace')} placeholder="any" />
        </label>
        <label>
          Destination workload
          <input data-testid="access-destination-filter" value={form.destination} onChange={set('destination')} placeholder="any" />
        </label>
        <label>
          Destination namespace
          <input value={form.destinationNamespace} onChange={set('destinationNamespace')} placeholder="any" />
        </label>
        <label>
          Status
          <input value={form.code} onChange={set('code')} placeholder="503 or 5xx" size={6} />
        </label>
        <label>
          Method
          <input value={form.method} onChange={set('method')} placeholder="GET" size={6} />
        </label>
        <button type="submit" className="primary">
          Filter
        </button>
      </form>
      <div className="panel">
        <QueryState query={q} what="access logs" isEmpty={(d) => d.entries.length === 0}>
          {(d) => <AccessTable entries={d.entries} more={Boolean(d.nextCursor)} filterBy={filterBy} />}
        </QueryState>
      </div>
    </section>
  );
}

const ROW = 30;

function AccessTable({ entries, more, filterBy }: { entries: AccessLogEntry[]; more: boolean; filterBy: (f: Partial<Filters>) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const common = useCommonSearch();
  const virtual = useVirtualizer({ count: entries.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 15 });
  return (
    <>
      <p className="muted small">
        {entries.length} requests{more ? ' (the newest; narrow the filters or the time range to see older ones)' : ''}
      </p>
      <div className="vtable" data-testid="access-logs-table" role="table" aria-label="Access logs" aria-rowcount={entries.length}>
        <div className="vrow vhead" role="row">
          <span role="columnheader">Time</span>
          <span role="columnheader">Source</span>
          <span role="columnheader">Destination</span>
          <span role="columnheader">Request</span>
          <span role="columnheader" className="num">
            Status
          </span>
          <span role="columnheader" className="num">
            Latency
          </span>
          <span role="columnheader">Trace</span>
        </div>
        <div className="vbody" ref={scroller} onKeyDown={onRowKeyDown}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const e = entries[item.index];
              const code = e.responseCode ?? 0;
              return (
                <div
                  key={item.key}
                  className="vrow"
                  role="row"
                  data-testid="access-log-row"
                  data-row
                  tabIndex={0}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${item.start}px)` }}
                >
                  <span className="mono muted">{formatTime(e.time)}</span>
                  <span>
                    <button type="button" className="linkish" onClick={() => filterBy({ source: e.sourceWorkload ?? '', sourceNamespace: e.sourceNamespace ?? '' })} title="Only requests from here">
                      {e.sourceWorkload ?? '?'}
                    </button>
                    <span className="muted small">.{e.sourceNamespace ?? '?'}</span>
                  </span>
                  <span>
                    <button
                      type="button"
                      className="linkish"
                      onClick={() => filterBy({ destination: e.destinationWorkload ?? '', destinationNamespace: e.destinationNamespace ?? '' })}
                      title="Only requests to here"
                    >
                      {e.destinationWorkload ?? '?'}
                    </button>
                    <span className="muted small">.{e.destinationNamespace ?? '?'}</span>
                  </span>
                  <span className="mono ellipsis" title={`${e.method ?? ''} ${e.path ?? ''}`}>
                    <strong>{e.method}</strong> {e.path}
                  </span>
                  <span className={`num ${code >= 500 ? 'bad' : code >= 400 ? 'warn' : ''}`}>{code || '–'}</span>
                  <span className="num">{formatNanos(e.durationNanos)}</span>
                  <span>
                    {e.traceId ? (
                      <Link className="mono" to={withCommon(`/traces/${e.traceId}`, common, e.spanId ? { span: e.spanId } : {})} tabIndex={-1}>
                        {e.traceId.slice(0, 8)}
                      </Link>
                    ) : (
                      <span className="muted">–</span>
                    )}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
