import { describe, expect, it } from 'vitest';
import { durationMs, parseRefresh, parseTimeRange, refreshMs, resolveWindow, stepFor, windowParams, writeTimeRange } from './timeRange';

const p = (s: string) => new URLSearchParams(s);

describe('parseTimeRange', () => {
  it('defaults to the last hour', () => {
    expect(parseTimeRange(p(''))).toEqual({ kind: 'relative', range: '1h' });
  });

  it('reads every named range', () => {
    for (const r of ['15m', '1h', '3h', '6h', '12h', '24h', '7d']) {
      expect(parseTimeRange(p(`range=${r}`))).toEqual({ kind: 'relative', range: r });
    }
  });

  it('ignores an unknown range', () => {
    expect(parseTimeRange(p('range=2w'))).toEqual({ kind: 'relative', range: '1h' });
  });

  it('prefers a valid from+to over range', () => {
    const tr = parseTimeRange(p('range=7d&from=2026-03-01T10:00:00Z&to=2026-03-01T11:30:00%2B01:00'));
    expect(tr.kind).toBe('absolute');
    if (tr.kind === 'absolute') {
      expect(tr.from.toISOString()).toBe('2026-03-01T10:00:00.000Z');
      expect(tr.to.toISOString()).toBe('2026-03-01T10:30:00.000Z');
    }
  });

  it('falls back to range when from is after to, or either is malformed', () => {
    expect(parseTimeRange(p('range=6h&from=2026-03-01T12:00:00Z&to=2026-03-01T11:00:00Z'))).toEqual({ kind: 'relative', range: '6h' });
    expect(parseTimeRange(p('range=6h&from=yesterday&to=2026-03-01T11:00:00Z'))).toEqual({ kind: 'relative', range: '6h' });
    expect(parseTimeRange(p('from=2026-03-01T10:00:00&to=2026-03-01T11:00:00Z'))).toEqual({ kind: 'relative', range: '1h' });
  });
});

describe('writeTimeRange', () => {
  it('round-trips a relative range through the URL and keeps other parameters', () => {
    const url = writeTimeRange(p('service=cart&range=1h'), { kind: 'relative', range: '24h' });
    expect(url.get('service')).toBe('cart');
    expect(parseTimeRange(url)).toEqual({ kind: 'relative', range: '24h' });
  });

  it('leaves the default range out of the URL', () => {
    expect(writeTimeRange(p('range=6h'), { kind: 'relative', range: '1h' }).toString()).toBe('');
  });

  it('round-trips a custom range and drops range', () => {
    const from = new Date('2026-05-05T08:00:00Z');
    const to = new Date('2026-05-05T09:15:00Z');
    const url = writeTimeRange(p('range=3h'), { kind: 'absolute', from, to });
    expect(url.has('range')).toBe(false);
    expect(parseTimeRange(new URLSearchParams(url.toString()))).toEqual({ kind: 'absolute', from, to });
  });
});

describe('windows and steps', () => {
  it('ends a relative window now', () => {
    const now = Date.parse('2026-05-05T12:00:00Z');
    expect(windowParams({ kind: 'relative', range: '15m' }, now)).toEqual({ from: '2026-05-05T11:45:00.000Z', to: '2026-05-05T12:00:00.000Z' });
    const w = resolveWindow({ kind: 'relative', range: '7d' }, now);
    expect(now - w.from.getTime()).toBe(7 * 86_400_000);
  });

  it('picks whole-minute steps giving about the asked number of points', () => {
    expect(stepFor({ kind: 'relative', range: '1h' }, 60, 0)).toBe('1m');
    expect(stepFor({ kind: 'relative', range: '15m' }, 60, 0)).toBe('1m');
    expect(stepFor({ kind: 'relative', range: '24h' }, 60, 0)).toBe('24m');
  });

  it('parses durations and refresh intervals', () => {
    expect(durationMs('10s')).toBe(10_000);
    expect(durationMs('7d')).toBe(604_800_000);
    expect(durationMs('1x')).toBeNull();
    expect(parseRefresh(p('refresh=30s'))).toBe('30s');
    expect(parseRefresh(p('refresh=7s'))).toBe('off');
    expect(refreshMs('1m')).toBe(60_000);
    expect(refreshMs('off')).toBe(false);
  });
});
