// Numbers and times as people read them.

/** A duration given in nanoseconds: `850 µs`, `12.3 ms`, `2.05 s`, `3m 05s`. */
export function formatNanos(ns: number | null | undefined): string {
  if (ns === null || ns === undefined || !Number.isFinite(ns)) return '–';
  if (ns === 0) return '0';
  if (ns < 1_000) return `${Math.round(ns)} ns`;
  if (ns < 1_000_000) return `${trim(ns / 1_000)} µs`;
  return formatMs(ns / 1_000_000);
}

/** A duration given in milliseconds. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms === 0) return '0';
  if (ms < 1) return `${trim(ms * 1000)} µs`;
  if (ms < 1_000) return `${trim(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1_000)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1_000);
  return `${m}m ${String(s).padStart(2, '0')}s`;
}

/** Three significant digits at most, no trailing zeros: 12.3, 1.05, 850. */
function trim(v: number): string {
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined || !Number.isFinite(perSecond)) return '–';
  if (perSecond === 0) return '0/s';
  if (perSecond < 0.01) return '<0.01/s';
  return `${compact(perSecond)}/s`;
}

export function formatPercent(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  if (p === 0) return '0%';
  if (p < 0.01) return '<0.01%';
  return `${Number(p.toFixed(p >= 10 ? 1 : 2))}%`;
}

/** A fraction (0..1) as a percentage. */
export function formatFraction(f: number | null | undefined): string {
  return f === null || f === undefined ? '–' : formatPercent(f * 100);
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return compact(n);
}

function compact(v: number): string {
  const abs = Math.abs(v);
  if (abs >= 1e9) return `${trim(v / 1e9)}G`;
  if (abs >= 1e6) return `${trim(v / 1e6)}M`;
  if (abs >= 1e4) return `${trim(v / 1e3)}k`;
  if (Number.isInteger(v)) return String(v);
  return trim(v);
}

/**
 * An RFC 3339 time with up to nine fraction digits as epoch milliseconds plus the nanoseconds within that
 * millisecond: epoch nanoseconds do not fit a double exactly, so offsets are computed from the two parts.
 */
export function parseTime(rfc3339: string): { ms: number; subNs: number } {
  const ms = Date.parse(rfc3339);
  const frac = /\.(\d+)/.exec(rfc3339);
  const subNs = frac && frac[1].length > 3 ? Number(frac[1].slice(3, 9).padEnd(6, '0')) : 0;
  return { ms, subNs };
}

/** Nanoseconds from `base` to `t`. */
export function nanosSince(t: { ms: number; subNs: number }, base: { ms: number; subNs: number }): number {
  return (t.ms - base.ms) * 1_000_000 + (t.subNs - base.subNs);
}

/** Local wall-clock time with milliseconds, for tables. */
export function formatTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  return sameDay ? time : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

export function shortId(id: string, n = 8): string {
  return id.length > n ? id.slice(0, n) : id;
}

/** Bytes as a number of the largest binary unit below it: 1536 → [1.5, 'KiB']. */
export function binaryBytes(b: number): [number, string] {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = b;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return [v, units[i]];
}

/** Bytes in binary units (memory): 512 MiB, 1.5 GiB. */
export function formatBytes(b: number | null | undefined): string {
  if (b === null || b === undefined || !Number.isFinite(b)) return '–';
  const [v, unit] = binaryBytes(b);
  return `${trim(v)} ${unit}`;
}

/** CPU in cores; below one core in millicores, as Kubernetes writes requests (250m). */
export function formatCores(c: number | null | undefined): string {
  if (c === null || c === undefined || !Number.isFinite(c)) return '–';
  if (c !== 0 && Math.abs(c) < 1) return `${Math.round(c * 1000)}m`;
  return `${trim(c)} cores`;
}
