// Time ticks above the waterfall's bars.
import { formatNanos } from '../../../shared/format';

export function TimelineHeader({ duration }: { duration: number }) {
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="timeline-header" aria-hidden="true">
      <div className="span-name muted small">Service · operation</div>
      <div className="span-timeline">
        {ticks.map((t) => (
          <span key={t} className="tick" style={t === 1 ? { right: 0 } : { left: `${t * 100}%` }}>
            {formatNanos(duration * t)}
          </span>
        ))}
      </div>
    </div>
  );
}
