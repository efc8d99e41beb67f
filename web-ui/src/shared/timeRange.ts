// The time range and auto refresh every view shares, kept in the URL (`range` or `from`+`to`, `refresh`).

export const RANGES = ['15m', '1h', '3h', '6h', '12h', '24h', '7d'] as const;
export type RangeName = (typeof RANGES)[number];
export const DEFAULT_RANGE: RangeName = '1h';

export const REFRESHES = ['off', '10s', '30s', '1m', '5m'] as const;
export type RefreshName = (typeof REFRESHES)[number];

export type TimeRange =
  | { kind: 'relative'; range: RangeName }
  | { kind: 'absolute'; from: Date; to: Date };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `15m`, `1h`, `7d`, `10s`; null when it is not such a value. */
export function durationMs(text: string): number | null {
  const m = /^(\d+)([smhd])$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

function parseInstant(text: string | null): Date | null {
  if (!text) return null;
  // RFC 3339 with a zone, as the URL keeps it; epoch milliseconds too, as the API accepts.
  if (/^\d{10,}$/.test(text)) return new Date(Number(text));
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The range a URL asks for: a valid `from`+`to` wins, then a known `range`, else the default. */
export function parseTimeRange(params: URLSearchParams): TimeRange {
  const from = parseInstant(params.get('from'));
  const to = parseInstant(params.get('to'));
  if (from && to && from.getTime() < to.getTime()) return { kind: 'absolute', from, to };
  const range = params.get('range');
  if (range && (RANGES as readonly string[]).includes(range)) return { kind: 'relative', range: range as RangeName };
  return { kind: 'relative', range: DEFAULT_RANGE };
}

export function parseRefresh(params: URLSearchParams): RefreshName {
  const r = params.get('refresh');
  return r && (REFRESHES as readonly string[]).includes(r) ? (r as RefreshName) : 'off';
}

export function refreshMs(r: RefreshName): number | false {
  return r === 'off' ? false : (durationMs(r) ?? false);
}

/** Writes the range into URL parameters (leaving the others alone); the default range is left out. */
export function writeTimeRange(params: URLSearchParams, tr: TimeRange): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete('range');
  next.delete('from');
  next.delete('to');
  if (tr.kind === 'absolute') {
    next.set('from', tr.from.toISOString());
    next.set('to', tr.to.toISOString());
  } else if (tr.range !== DEFAULT_RANGE) {
    next.set('range', tr.range);
  }
  return next;
}

/** The window to query now: a relative range ends at `now`. */
export function resolveWindow(tr: TimeRange, now: number = Date.now()): { from: Date; to: Date } {
  if (tr.kind === 'absolute') return { from: tr.from, to: tr.to };
  const ms = durationMs(tr.range) ?? 3_600_000;
  return { from: new Date(now - ms), to: new Date(now) };
}

/** The API's window parameters (RFC 3339). */
export function windowParams(tr: TimeRange, now: number = Date.now()): { from: string; to: string } {
  const w = resolveWindow(tr, now);
  return { from: w.from.toISOString(), to: w.to.toISOString() };
}

/** A chart step giving about `points` buckets, in whole minutes (what the golden-signal API accepts). */
export function stepFor(tr: TimeRange, points = 60, now: number = Date.now()): string {
  const w = resolveWindow(tr, now);
  const minutes = Math.max(1, Math.ceil((w.to.getTime() - w.from.getTime()) / 60_000 / points));
  return `${minutes}m`;
}

/** A stable key for caches: relative ranges by name, absolute ones by their instants. */
export function rangeKey(tr: TimeRange): string {
  return tr.kind === 'relative' ? tr.range : `${tr.from.toISOString()}/${tr.to.toISOString()}`;
}

export function describeRange(tr: TimeRange): string {
  if (tr.kind === 'relative') return `last ${tr.range}`;
  return `${tr.from.toLocaleString()} – ${tr.to.toLocaleString()}`;
}
