import { describe, expect, it } from 'vitest';
import { chosenSignals, credentialState, expiryFromInput, isAdmin, otlpHeadersLine, parsePipelines, scopeText } from './access';

describe('a credential row', () => {
  const now = Date.UTC(2030, 0, 1, 12);

  it('is revoked once revoked, even before its expiry', () => {
    expect(credentialState({ revokedAt: '2030-01-01T11:00:00Z', expiresAt: '2031-01-01T00:00:00Z' }, now)).toBe('revoked');
  });

  it('is expired from its expiry on, and active before it or without one', () => {
    expect(credentialState({ expiresAt: '2030-01-01T12:00:00Z' }, now)).toBe('expired');
    expect(credentialState({ expiresAt: '2030-01-01T12:00:01Z' }, now)).toBe('active');
    expect(credentialState({}, now)).toBe('active');
  });
});

describe('what the forms send', () => {
  it('reads the expiry as local time and sends an instant, nothing when empty', () => {
    expect(expiryFromInput('')).toBeUndefined();
    expect(expiryFromInput('  ')).toBeUndefined();
    expect(expiryFromInput('2030-06-01T09:30')).toBe(new Date(2030, 5, 1, 9, 30).toISOString());
  });

  it('passes an unreadable expiry on for the API to name it', () => {
    expect(expiryFromInput('next week')).toBe('next week');
  });

  it('splits pipelines on commas and spaces, each once, and means every pipeline when none is given', () => {
    expect(parsePipelines(' payments, checkout  payments,,')).toEqual(['payments', 'checkout']);
    expect(parsePipelines(' , ')).toBeUndefined();
  });

  it('sends the ticked signals in the API order', () => {
    expect(chosenSignals({ logs: true, traces: true, metrics: false })).toEqual(['traces', 'logs']);
    expect(chosenSignals({ logs: false, traces: false, metrics: false })).toEqual([]);
  });
});

describe('an ingest token', () => {
  it('comes with the exporter environment line to copy', () => {
    expect(otlpHeadersLine('vgi_abcdefghijkl_secret')).toBe('OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20vgi_abcdefghijkl_secret');
  });

  it('says every pipeline when it names none', () => {
    expect(scopeText({ signals: ['traces', 'logs'] })).toEqual({ signals: 'traces, logs', pipelines: 'every pipeline' });
    expect(scopeText({ signals: ['metrics'], pipelines: ['a', 'b'] })).toEqual({ signals: 'metrics', pipelines: 'a, b' });
  });
});

it('only an admin manages access', () => {
  expect(isAdmin({ name: 'a', kind: 'user', role: 'admin' })).toBe(true);
  expect(isAdmin({ name: 'e', kind: 'user', role: 'editor' })).toBe(false);
  expect(isAdmin(undefined)).toBe(false);
});
