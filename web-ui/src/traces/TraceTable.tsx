// A list of trace summaries; each row links to its trace page.
import { Link } from 'react-router';
import type { TraceSummary } from '../api/types';
import { formatNanos, formatTime, shortId } from '../shared/format';
import { onRowKeyDown } from '../shared/table';
import { useCommonSearch, withCommon } from '../shared/urlState';

/** `compact` leaves out the services column, for half-width panels. */
export function TraceTable({ traces, testId, caption, compact = false }: { traces: TraceSummary[]; testId?: string; caption?: string; compact?: boolean }) {
  const common = useCommonSearch();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            <th>Trace</th>
            <th>Root</th>
            <th>Started</th>
            <th className="num">Duration</th>
            <th className="num">Spans</th>
            <th className="num">Errors</th>
            {!compact && <th>Services</th>}
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeyDown}>
          {traces.map((t) => (
            <tr key={t.traceId} data-testid="trace-row" data-trace-id={t.traceId} data-row tabIndex={0}>
              <td>
                <Link to={withCommon(`/traces/${t.traceId}`, common)} className="mono" tabIndex={-1}>
                  {shortId(t.traceId, 12)}
                </Link>
              </td>
              <td>
                <span className="svc-chip">{t.rootService ?? '?'}</span> {t.rootOperation ?? ''}
              </td>
              <td className="mono">{formatTime(t.startTime)}</td>
              <td className="num">{formatNanos(t.durationNanos)}</td>
              <td className="num">{t.spanCount}</td>
              <td className={`num ${t.errorCount > 0 ? 'bad' : ''}`}>{t.errorCount}</td>
              {!compact && <td className="muted">{t.services.join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
