// One service: its golden signals over time, operations, dependencies, error and slow traces, logs, pods.
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { LogTable } from '../logs/LogTable';
import { formatPercent, formatRate } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { useCommonSearch, useUpdateParams, withCommon } from '../shared/urlState';
import { TraceTable } from '../traces/TraceTable';
import { OperationsTable } from './OperationsTable';
import { PodsPanel } from './PodsPanel';
import { SignalCharts } from './SignalCharts';
import { Dependencies } from './Dependencies';

const TABS = ['overview', 'operations', 'traces', 'logs', 'pods'] as const;
type Tab = (typeof TABS)[number];

export default function ServicePage() {
  const { service = '' } = useParams();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'overview';
  const common = useCommonSearch();

  const summary = useRangeQuery(['service-signals', service], (w, _range, signal) => api.serviceSignals(service, { ...w }, signal));
  const totals = summary.data?.points.reduce(
    (acc, p) => ({ requests: acc.requests + p.values.requests, errors: acc.errors + p.values.errors }),
    { requests: 0, errors: 0 },
  );
  const seconds = summary.data ? (Date.parse(summary.data.to) - Date.parse(summary.data.from)) / 1000 : 0;

  return (
    <section className="page" data-testid="service-page" data-service={service}>
      <header className="page-header">
        <nav className="crumbs" aria-label="Breadcrumb">
          <Link to={withCommon('/services', common)}>Services</Link> <span aria-hidden="true">/</span>
        </nav>
        <h1 data-testid="service-title">{service}</h1>
        {totals && seconds > 0 && (
          <p className="muted">
            {formatRate(totals.requests / seconds)} · {formatPercent(totals.requests ? (100 * totals.errors) / totals.requests : 0)} errors ·{' '}
            <Link to={withCommon('/traces', common, { service })}>search its traces</Link> ·{' '}
            <Link to={withCommon('/logs', common, { service })}>its logs</Link> · <Link to={withCommon('/map', common)}>map</Link>
          </p>
        )}
        <div className="tabs" role="tablist" aria-label="Service views">
          {TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab active' : 'tab'}
              data-testid={`service-tab-${t}`}
              onClick={() => update({ tab: t === 'overview' ? null : t })}
            >
              {t[0].toUpperCase() + t.slice(1)}
            </button>
          ))}
        </div>
      </header>

      {tab === 'overview' && (
        <>
          <SignalCharts service={service} query={summary} />
          <div className="grid-2">
            <Dependencies service={service} />
          </div>
          <div className="panel">
            <h2>Operations</h2>
            <OperationsTable service={service} limit={8} />
          </div>
          <div className="grid-2">
            <div className="panel">
              <h2>Recent error traces</h2>
              <ErrorTraces service={service} limit={8} />
            </div>
            <div className="panel">
              <h2>Slowest traces</h2>
              <SlowTraces service={service} limit={8} />
            </div>
          </div>
          <div className="grid-2">
            <div className="panel">
              <h2>Logs</h2>
              <ServiceLogs service={service} limit={30} />
            </div>
            <div className="panel">
              <h2>Pods</h2>
              <PodsPanel service={service} />
            </div>
          </div>
        </>
      )}
      {tab === 'operations' && (
        <div className="panel">
          <h2>Operations</h2>
          <OperationsTable service={service} />
        </div>
      )}
      {tab === 'traces' && (
        <div className="grid-2">
          <div className="panel">
            <h2>Recent error traces</h2>
            <ErrorTraces service={service} limit={50} />
          </div>
          <div className="panel">
            <h2>Slowest traces</h2>
            <SlowTraces service={service} limit={50} />
          </div>
        </div>
      )}
      {tab === 'logs' && (
        <div className="panel">
          <h2>Logs</h2>
          <ServiceLogs service={service} limit={500} />
        </div>
      )}
      {tab === 'pods' && (
        <div className="panel">
          <h2>Pods</h2>
          <PodsPanel service={service} />
        </div>
      )}
    </section>
  );
}

function ErrorTraces({ service, limit }: { service: string; limit: number }) {
  const q = useRangeQuery(['service-error-traces', service, limit], (w, _r, signal) =>
    api.searchTraces({ ...w, service, status: 'error', limit }, signal),
  );
  return (
    <div data-testid="service-error-traces">
      <QueryState query={q} what="error traces" isEmpty={(d) => d.traces.length === 0}>
        {(d) => <TraceTable traces={d.traces} caption="Recent error traces" compact />}
      </QueryState>
    </div>
  );
}

function SlowTraces({ service, limit }: { service: string; limit: number }) {
  const q = useRangeQuery(['service-slow-traces', service, limit], (w, _r, signal) =>
    api.searchTraces({ ...w, service, sort: 'duration', limit }, signal),
  );
  return (
    <div data-testid="service-slow-traces">
      <QueryState query={q} what="slow traces" isEmpty={(d) => d.traces.length === 0}>
        {(d) => <TraceTable traces={d.traces} caption="Slowest traces" compact />}
      </QueryState>
    </div>
  );
}

function ServiceLogs({ service, limit }: { service: string; limit: number }) {
  const q = useRangeQuery(['service-logs', service, limit], (w, _r, signal) => api.logs({ ...w, service, limit }, signal));
  return (
    <div data-testid="service-logs">
      <QueryState query={q} what="logs" isEmpty={(d) => d.logs.length === 0}>
        {(d) => <LogTable logs={d.logs} showService={false} maxHeight={limit > 100 ? 640 : 320} />}
      </QueryState>
    </div>
  );
}
