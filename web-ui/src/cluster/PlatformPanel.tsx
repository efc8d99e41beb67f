// Vigil's own health: each service's readiness, Kafka and the persist lag, ClickHouse, PostgreSQL, ingest's drops.
import type { ReactNode } from 'react';
import type { PlatformReport } from '../api/types';
import { formatCount, formatRate } from '../shared/format';
import { statusClass } from './health';

function lagByGroup(report: PlatformReport): { group: string; lag: number }[] {
  const totals = new Map<string, number>();
  for (const l of report.kafka.lag) totals.set(l.group, (totals.get(l.group) ?? 0) + l.lag);
  return [...totals.entries()].map(([group, lag]) => ({ group, lag })).sort((a, b) => a.group.localeCompare(b.group));
}

function Part({ name, status, testId, children }: { name: string; status: string; testId: string; children?: ReactNode }) {
  return (
    <li data-testid={testId} data-status={status}>
      <span className={`health-dot ${statusClass(status)}`} aria-hidden="true" /> <strong>{name}</strong>{' '}
      <span className="muted">{status.toLowerCase()}</span>
      {children && <div className="part-detail small">{children}</div>}
    </li>
  );
}

export function PlatformPanel({ report }: { report: PlatformReport }) {
  const { kafka, clickhouse, postgres, ingest } = report;
  const drops = ingest ? Object.entries(ingest.increases).filter(([, v]) => v > 0) : [];
  return (
    <ul className="platform-parts" data-testid="platform">
      {report.services.map((s) => (
        <Part key={s.name} name={s.name} status={s.status} testId="platform-service">
          {s.error ?? (s.latencyMillis !== null ? `ready check ${s.latencyMillis} ms` : null)}
        </Part>
      ))}
      <Part name="Kafka" status={kafka.status} testId="platform-kafka">
        {kafka.error ?? `${kafka.brokers ?? '–'} broker(s); lag ${lagByGroup(report).map((g) => `${g.group} ${formatCount(g.lag)}`).join(', ') || 'none'}`}
      </Part>
      <Part name="ClickHouse" status={clickhouse.status} testId="platform-clickhouse">
        {clickhouse.error ??
          `${formatCount(clickhouse.activeParts)} active parts (at most ${formatCount(clickhouse.maxPartsPerPartition)} in one partition); ${formatRate(clickhouse.insertedRowsPerSecond)} rows inserted`}
      </Part>
      <Part name="PostgreSQL" status={postgres.status} testId="platform-postgres">
        {postgres.error ?? (postgres.latencyMillis !== null ? `answers in ${postgres.latencyMillis} ms` : null)}
      </Part>
      {ingest && (
        <Part name="Ingest" status={ingest.status} testId="platform-ingest">
          {ingest.error ?? (drops.length ? `since the last check: ${drops.map(([k, v]) => `${k} ${formatCount(v)}`).join(', ')}` : 'nothing rejected, refused or dropped since the last check')}
        </Part>
      )}
    </ul>
  );
}
