import { describe, expect, it } from 'vitest';
import { matchersFor, ruleFromForm, ruleSummary, silenceEnd, stateClass } from './alerting';

describe('a silence from an alert', () => {
  it('matches every label of the alert by equality, in a stable order', () => {
    expect(matchersFor({ labels: { service: 'payment', alertname: 'Payment errors' } })).toEqual([
      { label: 'alertname', op: '=', value: 'Payment errors' },
      { label: 'service', op: '=', value: 'payment' },
    ]);
  });

  it('ends the chosen number of hours after now', () => {
    expect(silenceEnd(Date.UTC(2030, 0, 1, 10), 2)).toBe('2030-01-01T12:00:00.000Z');
  });
});

describe('a rule from the form', () => {
  const base = { name: ' Payment errors ', kind: 'error_rate', comparison: '>', intervalSeconds: '10', forSeconds: '', severity: 'page', summary: 'Too many errors', spec: {} };

  it('keeps the fields of its kind, numbers as numbers, and leaves out the empty ones', () => {
    expect(ruleFromForm({ ...base, spec: { service: 'payment', operation: '', threshold: '0.05', windowSeconds: '300', metric: 'ignored' } })).toEqual({
      name: 'Payment errors',
      kind: 'error_rate',
      spec: { service: 'payment', threshold: 0.05, windowSeconds: 300, comparison: '>' },
      intervalSeconds: 10,
      forSeconds: 0,
      keepFiringForSeconds: 0,
      labels: { severity: 'page' },
      annotations: { summary: 'Too many errors' },
      enabled: true,
    });
  });

  it('sends a number that is not one as text, so the API names the field', () => {
    expect(ruleFromForm({ ...base, spec: { service: 'payment', threshold: 'lots' } }).spec.threshold).toBe('lots');
  });

  it('sends a PromQL rule its expression and no comparison', () => {
    expect(ruleFromForm({ ...base, kind: 'promql', spec: { expr: ' up == 0 ', service: 'ignored' } }).spec).toEqual({ expr: 'up == 0' });
  });

  it('shows a PromQL rule by its expression in the list, other rules by their kind', () => {
    expect(ruleSummary({ kind: 'promql', spec: { expr: 'up == 0' } })).toBe('up == 0');
    expect(ruleSummary({ kind: 'error_rate', spec: { service: 'cart' } })).toBe('error_rate');
  });

  it('has no comparison for an absence rule', () => {
    expect(ruleFromForm({ ...base, kind: 'absence', spec: { signal: 'traces', service: 'cart' } }).spec).toEqual({ signal: 'traces', service: 'cart' });
  });
});

describe('state colours', () => {
  it('firing is bad, pending and no data are warnings', () => {
    expect(['firing', 'pending', 'nodata', 'resolved', 'odd'].map(stateClass)).toEqual(['h-bad', 'h-warn', 'h-warn', 'h-ok', '']);
  });
});
