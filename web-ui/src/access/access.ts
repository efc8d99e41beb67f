// The access views' logic, apart from their markup: what a form sends, what a row's state is, the lines to copy.
import type { Me } from '../api/client';
import type { Role, Signal } from '../api/types';

export const ROLES: Role[] = ['viewer', 'editor', 'admin'];
export const SIGNALS: Signal[] = ['traces', 'metrics', 'logs'];
/** The API's minimum (docs/security.md); checked here too so the form says so before sending. */
export const MIN_PASSWORD = 12;

export const isAdmin = (me: Me | undefined) => me?.role === 'admin';

/** A key's or token's state now: revoked wins over expired. */
export function credentialState(c: { revokedAt?: string; expiresAt?: string }, now: number): 'active' | 'expired' | 'revoked' {
  if (c.revokedAt) return 'revoked';
  if (c.expiresAt && Date.parse(c.expiresAt) <= now) return 'expired';
  return 'active';
}

/**
 * The expiry a form sends: the `datetime-local` value read as the browser's local time, as an instant; undefined
 * when left empty (never expires). An unreadable value is sent as it is, for the API to name the field.
 */
export function expiryFromInput(value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? text : at.toISOString();
}

/** Pipeline names typed with commas or spaces between them, each once; undefined (every pipeline) when none. */
export function parsePipelines(text: string): string[] | undefined {
  const names = [...new Set(text.split(/[\s,]+/).filter((n) => n !== ''))];
  return names.length ? names : undefined;
}

/** The signals ticked, in the API's order. */
export function chosenSignals(ticked: Record<Signal, boolean>): Signal[] {
  return SIGNALS.filter((s) => ticked[s]);
}

/** What an OpenTelemetry SDK or Collector needs in its environment to send with the token. */
export function otlpHeadersLine(token: string): string {
  return `OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%20${token}`;
}

/** The tokens may send: a short line for the table. */
export function scopeText(t: { signals: Signal[]; pipelines?: string[] }): { signals: string; pipelines: string } {
  return { signals: t.signals.join(', '), pipelines: t.pipelines?.length ? t.pipelines.join(', ') : 'every pipeline' };
}
