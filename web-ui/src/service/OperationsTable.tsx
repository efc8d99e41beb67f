// Rate, errors and duration per operation of one service.
import { Link } from 'react-router';
import { api } from '../api/client';
import { formatMs, formatPercent, formatRate } from '../shared/format';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { onRowKeyDown } from '../shared/table';
import { useCommonSearch, withCommon } from '../shared/urlState';

export function OperationsTable({ service, limit }: { service: string; limit?: number }) {
  const q = useRangeQuery(['operations-signals', service], (w, _r, signal) => api.operationsSignals(service, w, signal));
  const common = useCommonSearch();
  return (
    <div data-testid="service-operations">
      <QueryState query={q} what="operations" isEmpty={(d) => d.operations.length === 0}>
        {(d) => {
          const ops = [...d.operations].sort((a, b) => b.values.requests - a.values.requests || a.operation.localeCompare(b.operation));
          const shown = limit ? ops.slice(0, limit) : ops;
          return (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Operation</th>
                    <th>Kind</th>
                    <th className="num">Requests/s</th>
                    <th className="num">Errors</th>
                    <th className="num">p50</th>
                    <th className="num">p90</th>
                    <th className="num">p99</th>
                  </tr>
                </thead>
                <tbody onKeyDown={onRowKeyDown}>
                  {shown.map((o) => (
                    <tr key={`${o.operation}|${o.spanKind}`} data-testid="operation-row" data-operation={o.operation} data-row tabIndex={0}>
                      <td>
                        <Link to={withCommon('/traces', common, { service, operation: o.operation })} tabIndex={-1}>
                          {o.operation}
                        </Link>
                      </td>
                      <td className="muted">{o.spanKind}</td>
                      <td className="num">{formatRate(o.values.requestsPerSecond)}</td>
                      <td className={`num ${o.values.errorPercent >= 5 ? 'bad' : ''}`}>{formatPercent(o.values.errorPercent)}</td>
                      <td className="num">{formatMs(o.values.latencyMs?.p50)}</td>
                      <td className="num">{formatMs(o.values.latencyMs?.p90)}</td>
                      <td className="num">{formatMs(o.values.latencyMs?.p99)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {limit && ops.length > limit && <p className="muted small">{ops.length - limit} more on the Operations tab.</p>}
            </div>
          );
        }}
      </QueryState>
    </div>
  );
}
