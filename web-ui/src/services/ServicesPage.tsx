// Services: every service's golden signals over the time range, sortable, with sparklines.
import { Link, useSearchParams } from 'react-router';
import type { GoldenValues, ServicesSignals } from '../api/types';
import { Sparkline } from '../shared/charts';
import { formatFraction, formatMs, formatPercent, formatRate } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { servicesSignals } from './servicesQuery';
import { QueryState } from '../shared/states';
import { compareValues, onRowKeyDown, type SortDir } from '../shared/table';
import { useCommonSearch, useUpdateParams, withCommon } from '../shared/urlState';
import { NoDataHelp } from './NoDataHelp';

type Column = 'name' | 'rps' | 'errors' | 'p50' | 'p90' | 'p99' | 'saturation';
type Row = ServicesSignals['services'][number];

const COLUMNS: { id: Column; label: string; numeric: boolean; title: string }[] = [
  { id: 'name', label: 'Service', numeric: false, title: 'Service name' },
  { id: 'rps', label: 'Requests/s', numeric: true, title: 'Traffic: server and consumer spans per second' },
  { id: 'errors', label: 'Errors', numeric: true, title: 'Requests with status ERROR, in percent' },
  { id: 'p50', label: 'p50', numeric: true, title: 'Latency, median' },
  { id: 'p90', label: 'p90', numeric: true, title: 'Latency, 90th percentile' },
  { id: 'p99', label: 'p99', numeric: true, title: 'Latency, 99th percentile' },
  { id: 'saturation', label: 'Saturation', numeric: true, title: "The pods' CPU / memory use, of their limits" },
];

function saturation(v: GoldenValues): number | null {
  const s = v.saturation;
  if (!s) return null;
  const parts = [s.cpuUtilization, s.memoryUtilization].filter((x): x is number => x !== null && x !== undefined);
  return parts.length ? Math.max(...parts) : null;
}

function sortKey(row: Row, column: Column): number | string | null {
  const v = row.values;
  switch (column) {
    case 'name':
      return row.service;
    case 'rps':
      return v.requestsPerSecond;
    case 'errors':
      return v.errorPercent;
    case 'p50':
      return v.latencyMs?.p50 ?? null;
    case 'p90':
      return v.latencyMs?.p90 ?? null;
    case 'p99':
      return v.latencyMs?.p99 ?? null;
    case 'saturation':
      return saturation(v);
  }
}

export default function ServicesPage() {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const common = useCommonSearch();
  const sort = (COLUMNS.find((c) => c.id === params.get('sort'))?.id ?? 'name') as Column;
  const dir: SortDir = params.get('dir') === 'desc' ? 'desc' : params.get('dir') === 'asc' ? 'asc' : sort === 'name' ? 'asc' : 'desc';

  const query = useRangeQuery(servicesSignals.key, servicesSignals.fn);

  const onSort = (c: Column) => {
    const nextDir: SortDir = c === sort ? (dir === 'asc' ? 'desc' : 'asc') : c === 'name' ? 'asc' : 'desc';
    update({ sort: c, dir: nextDir }, true);
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Services</h1>
        <p className="muted">Latency, traffic, errors and saturation of every service that served requests.</p>
      </header>
      <QueryState query={query} what="services" isEmpty={(d) => d.services.length === 0} empty={<NoDataHelp />}>
        {(data) => {
          const rows = [...data.services].sort(
            (a, b) => compareValues(sortKey(a, sort), sortKey(b, sort), dir) || a.service.localeCompare(b.service),
          );
          return (
            <div className="table-wrap">
              <table className="table" data-testid="services-table">
                <thead>
                  <tr>
                    {COLUMNS.map((c) => (
                      <th key={c.id} className={c.numeric ? 'num' : ''} aria-sort={sort === c.id ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} title={c.title}>
                        <button type="button" className="sort" data-testid={`sort-${c.id}`} onClick={() => onSort(c.id)}>
                          {c.label}
                          <span aria-hidden="true" className="sort-mark">
                            {sort === c.id ? (dir === 'asc' ? '▲' : '▼') : ''}
                          </span>
                        </button>
                      </th>
                    ))}
                    <th title="Requests per second over the time range">Traffic trend</th>
                    <th title="p99 latency over the time range">p99 trend</th>
                  </tr>
                </thead>
                <tbody onKeyDown={onRowKeyDown}>
                  {rows.map((row) => {
                    const v = row.values;
                    return (
                      <tr key={row.service} data-testid="service-row" data-service={row.service} data-row tabIndex={0}>
                        <td>
                          <Link to={withCommon(`/services/${encodeURIComponent(row.service)}`, common)} tabIndex={-1}>
                            {row.service}
                          </Link>
                        </td>
                        <td className="num">{formatRate(v.requestsPerSecond)}</td>
                        <td className={`num ${v.errorPercent >= 5 ? 'bad' : v.errorPercent >= 1 ? 'warn' : ''}`}>{formatPercent(v.errorPercent)}</td>
                        <td className="num">{formatMs(v.latencyMs?.p50)}</td>
                        <td className="num">{formatMs(v.latencyMs?.p90)}</td>
                        <td className="num">{formatMs(v.latencyMs?.p99)}</td>
                        <td className="num" title={v.saturation ? `CPU ${formatFraction(v.saturation.cpuUtilization)}, memory ${formatFraction(v.saturation.memoryUtilization)}` : 'no pod metrics'}>
                          {formatFraction(saturation(v))}
                        </td>
                        <td>
                          <Sparkline values={row.points.map((p) => p.values.requestsPerSecond ?? 0)} label={`${row.service} requests per second`} />
                        </td>
                        <td>
                          <Sparkline values={row.points.map((p) => p.values.latencyMs?.p99 ?? null)} color="--chart-3" label={`${row.service} p99 latency`} />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}
