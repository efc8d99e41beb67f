// One CPU or memory figure with a bar of how much of its capacity it uses, and the request marked on it.
import type { Usage } from '../api/types';
import { formatFraction } from '../shared/format';
import { capacity, fractionUsed } from './health';

export function UsageBar({ usage, format, label }: { usage: Usage; format: (v: number | null) => string; label: string }) {
  const cap = capacity(usage);
  const used = fractionUsed(usage);
  const request = cap && usage.request ? usage.request / cap.value : null;
  const level = used === null ? '' : used >= 0.9 ? 'h-bad' : used >= 0.8 ? 'h-warn' : 'h-ok';
  const title = [
    `${label}: ${format(usage.used)} used`,
    cap ? `of ${format(cap.value)} ${cap.name} (${formatFraction(used)})` : 'no limit, request or allocatable known',
    usage.request ? `request ${format(usage.request)}` : null,
    usage.hourAverage !== null ? `hour average ${format(usage.hourAverage)}, peak ${format(usage.hourPeak)}` : null,
  ]
    .filter(Boolean)
    .join('; ');
  return (
    <div className="usage" title={title} aria-label={title}>
      <span className="usage-figure">{format(usage.used)}</span>
      {used !== null && (
        <span className="usage-track" aria-hidden="true">
          <span className={`usage-fill ${level}`} style={{ width: `${Math.min(100, used * 100)}%` }} />
          {request !== null && request <= 1 && <span className="usage-request" style={{ left: `${request * 100}%` }} />}
        </span>
      )}
      {used !== null && <span className="usage-share muted">{formatFraction(used)}</span>}
    </div>
  );
}
