// Log records per bucket, stacked by severity.
import type { LogVolume, Severity } from '../api/types';
import { SEVERITIES } from '../api/types';
import { TimeSeriesChart } from '../shared/charts';
import { formatCount } from '../shared/format';

const COLOURS: Record<Severity, string> = {
  TRACE: '--sev-trace',
  DEBUG: '--sev-debug',
  INFO: '--sev-info',
  WARN: '--sev-warn',
  ERROR: '--sev-error',
  FATAL: '--sev-fatal',
};

export function LogVolumeChart({ volume }: { volume: LogVolume }) {
  const x = volume.points.map((p) => Date.parse(p.time) / 1000);
  const present = SEVERITIES.filter((s) => volume.points.some((p) => (p.counts[s] ?? 0) > 0));
  const shown = present.length ? present : (['INFO'] as Severity[]);
  return (
    <TimeSeriesChart
      label="Log records over time by severity"
      x={x}
      stacked
      height={150}
      format={formatCount}
      series={shown.map((s) => ({ label: s, values: volume.points.map((p) => p.counts[s] ?? 0), color: COLOURS[s] }))}
    />
  );
}
