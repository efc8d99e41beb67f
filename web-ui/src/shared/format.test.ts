import { describe, expect, it } from 'vitest';
import { formatCount, formatFraction, formatMs, formatNanos, formatPercent, formatRate, nanosSince, parseTime } from './format';

describe('format', () => {
  it('formats durations from nanoseconds in the fitting unit', () => {
    expect(formatNanos(420)).toBe('420 ns');
    expect(formatNanos(850_000)).toBe('850 µs');
    expect(formatNanos(12_345_678)).toBe('12.3 ms');
    expect(formatNanos(2_050_000_000)).toBe('2.05 s');
    expect(formatNanos(185_000_000_000)).toBe('3m 05s');
    expect(formatNanos(null)).toBe('–');
  });

  it('formats milliseconds', () => {
    expect(formatMs(0.5)).toBe('500 µs');
    expect(formatMs(9.126)).toBe('9.13 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(undefined)).toBe('–');
    expect(formatMs(0)).toBe('0');
  });

  it('formats rates, percentages, fractions and counts', () => {
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.004)).toBe('<0.01/s');
    expect(formatRate(1.8)).toBe('1.8/s');
    expect(formatRate(12_500)).toBe('12.5k/s');
    expect(formatPercent(5.5555)).toBe('5.56%');
    expect(formatPercent(12.34)).toBe('12.3%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatFraction(0.062)).toBe('6.2%');
    expect(formatFraction(null)).toBe('–');
    expect(formatCount(1234)).toBe('1234');
    expect(formatCount(2_500_000)).toBe('2.5M');
  });

  it('keeps nanosecond precision of RFC 3339 times', () => {
    const a = parseTime('2026-11-22T10:15:30.123456789Z');
    const b = parseTime('2026-11-22T10:15:30.123456000Z');
    expect(nanosSince(a, b)).toBe(789);
    expect(nanosSince(parseTime('2026-11-22T10:15:31Z'), parseTime('2026-11-22T10:15:30.5Z'))).toBe(500_000_000);
  });
});
