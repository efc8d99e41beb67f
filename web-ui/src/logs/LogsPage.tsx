// Logs: search by text, severity, service and attributes; volume by severity over time; live tail.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, attributeParams, type Params } from '../api/client';
import { SEVERITIES, type LogRecord } from '../api/types';
import { useRangeQuery } from '../shared/query';
import { ErrorState, QueryState } from '../shared/states';
import { stepFor } from '../shared/timeRange';
import { ServiceSelect } from '../shared/ServiceSelect';
import { useUpdateParams, useUrlForm } from '../shared/urlState';
import { splitAttrs } from '../traces/TraceSearchPage';
import { LogTable, logKey } from './LogTable';
import { LogVolumeChart } from './LogVolumeChart';

interface Filters {
  q: string;
  severity: string;
  service: string;
  attrs: string;
}

function filtersFrom(p: URLSearchParams): Filters {
  return { q: p.get('q') ?? '', severity: p.get('severity') ?? '', service: p.get('service') ?? '', attrs: p.getAll('attr').join(' ') };
}

const LIVE_POLL_MS = 2000;
const LIVE_KEEP = 2000;

export default function LogsPage() {
  const update = useUpdateParams();
  const { params, form, setForm, applied } = useUrlForm(filtersFrom);
  const attrs = params.getAll('attr');
  const live = params.get('live') === '1';
  const filterParams: Params = { q: applied.q, severity: applied.severity, service: applied.service, ...attributeParams(attrs) };
  const filterKey = JSON.stringify(filterParams);

  const volume = useRangeQuery(['log-volume', filterKey], (w, range, signal) => api.logVolume({ ...w, step: stepFor(range, 60), ...filterParams }, signal), {
    refetchInterval: live ? 10_000 : undefined,
  });
  const logs = useRangeQuery(['logs', filterKey], (w, _r, signal) => api.logs({ ...w, ...filterParams, limit: 500 }, signal), { enabled: !live });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: form.q.trim(), severity: form.severity, service: form.service, attr: splitAttrs(form.attrs) });
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  return (
    <section className="page">
      <header className="page-header">
        <h1>Logs</h1>
      </header>
      <form className="panel search-form" onSubmit={submit} role="search" aria-label="Search logs">
        <label className="grow">
          Text
          <input data-testid="logs-search-text" value={form.q} onChange={set('q')} placeholder="text in the body (any case)" />
        </label>
        <label>
          Severity at least
          <select data-testid="logs-severity" value={form.severity} onChange={set('severity')}>
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Service
          <ServiceSelect testId="logs-service" value={form.service} onChange={set('service')} />
        </label>
        <label>
          Attributes
          <input value={form.attrs} onChange={set('attrs')} placeholder="http.route=/cart" aria-label="Attributes, key=value" />
        </label>
        <button type="submit" className="primary" data-testid="logs-search-submit">
          Search
        </button>
        <label className="toggle">
          <input type="checkbox" data-testid="logs-live-tail" checked={live} onChange={(e) => update({ live: e.target.checked ? '1' : null })} />
          Live tail
        </label>
      </form>
      <div className="panel">
        <h2>Volume by severity</h2>
        <div data-testid="logs-volume">
          <QueryState query={volume} what="log volume">
            {(d) => <LogVolumeChart volume={d} />}
          </QueryState>
        </div>
      </div>
      <div className="panel">
        {live ? (
          <LiveTail filters={filterParams} filterKey={filterKey} />
        ) : (
          <QueryState query={logs} what="log records" isEmpty={(d) => d.logs.length === 0}>
            {(d) => (
              <>
                <h2>
                  Records <span className="muted small">({d.logs.length}{d.nextCursor ? '+, newest first' : ''})</span>
                </h2>
                <LogTable logs={d.logs} />
              </>
            )}
          </QueryState>
        )}
      </div>
    </section>
  );
}

/** Polls every 2 s for the records newer than the newest seen, and adds them on top. */
function LiveTail({ filters, filterKey }: { filters: Params; filterKey: string }) {
  const [records, setRecords] = useState<LogRecord[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [paused, setPaused] = useState(false);
  const newest = useRef<string | null>(null);
  const seen = useRef(new Set<string>());
  const filtersRef = useRef(filters);
  filtersRef.current = filters;

  useEffect(() => {
    setRecords([]);
    newest.current = null;
    seen.current = new Set();
    if (paused) return;
    let stopped = false;
    let controller: AbortController | null = null;
    const poll = async () => {
      controller = new AbortController();
      const to = new Date();
      // Since the newest record seen (inclusive: records with the same timestamp are told apart by key),
      // or the last five minutes at the start.
      const from = newest.current ?? new Date(to.getTime() - 5 * 60_000).toISOString();
      try {
        const page = await api.logs({ ...filtersRef.current, from, to: new Date(to.getTime() + 1000).toISOString(), limit: 500 }, controller.signal);
        if (stopped) return;
        setError(null);
        const fresh = page.logs.filter((l) => !seen.current.has(logKey(l)));
        if (fresh.length > 0) {
          for (const l of fresh) seen.current.add(logKey(l));
          if (!newest.current || fresh[0].time > newest.current) newest.current = fresh[0].time;
          setRecords((r) => [...fresh, ...r].slice(0, LIVE_KEEP));
        }
      } catch (e) {
        if (!stopped && !(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), LIVE_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      controller?.abort();
    };
  }, [filterKey, paused]);

  return (
    <>
      <h2>
        Live tail <span className="live-dot" aria-hidden="true" />{' '}
        <span className="muted small">
          {records.length} records · polling every {LIVE_POLL_MS / 1000} s
        </span>{' '}
        <button type="button" onClick={() => setPaused((p) => !p)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
      </h2>
      {error != null && <ErrorState error={error} what="new log records" />}
      {records.length === 0 && !error ? <p className="muted">Waiting for new records…</p> : <LogTable logs={records} />}
    </>
  );
}
