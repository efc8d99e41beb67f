import { describe, expect, it } from 'vitest';
import { formatUnit, gaugeMax, thresholdColor } from './display';

describe('panel units', () => {
  it('reads each unit as people do', () => {
    expect(formatUnit(12_345, 'short')).toBe('12.3k');
    expect(formatUnit(5.555, 'percent')).toBe('5.55%');
    expect(formatUnit(1500, 'ms')).toBe('1.5 s');
    expect(formatUnit(0.25, 's')).toBe('250 ms');
    expect(formatUnit(1536, 'bytes')).toBe('1.5 KiB');
    expect(formatUnit(3.2, 'reqps')).toBe('3.2/s');
    expect(formatUnit(0.25, 'cores')).toBe('250m');
    expect(formatUnit(null, 'ms')).toBe('–');
  });

  it('writes exactly the decimals asked for', () => {
    expect(formatUnit(12.3456, 'short', 2)).toBe('12.35');
    expect(formatUnit(7, 'percent', 1)).toBe('7.0%');
    expect(formatUnit(3 * 1024 * 1024, 'bytes', 0)).toBe('3 MiB');
    expect(formatUnit(42.5, 'ms', 0)).toBe('43 ms');
  });
});

describe('threshold colours', () => {
  const thresholds = [
    { value: 500, color: 'orange' },
    { value: 1000, color: 'red' },
    { value: 2000, color: '#123456' },
  ];
  it('takes the highest threshold reached', () => {
    expect(thresholdColor(499, thresholds)).toBeNull();
    expect(thresholdColor(500, thresholds)).toBe('var(--warn)');
    expect(thresholdColor(1500, thresholds)).toBe('var(--bad)');
    expect(thresholdColor(5000, thresholds)).toBe('#123456');
  });
  it('has no colour without a value or thresholds', () => {
    expect(thresholdColor(null, thresholds)).toBeNull();
    expect(thresholdColor(10, [])).toBeNull();
    expect(thresholdColor(10, undefined)).toBeNull();
  });
  it("scales a gauge to 100 for percent, else above its highest threshold or value", () => {
    expect(gaugeMax(40, 'percent', thresholds)).toBe(100);
    expect(gaugeMax(40, 'ms', thresholds)).toBe(2400);
    expect(gaugeMax(3000, 'ms', undefined)).toBe(3600);
    expect(gaugeMax(null, 'short', undefined)).toBe(1);
  });
});
