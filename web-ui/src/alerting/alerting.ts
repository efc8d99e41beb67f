// What the alerting views derive: a silence from an alert, rule specs from a form, state colours.
import type { Alert, Matcher, RuleInput } from '../api/types';

/** The matchers that silence exactly this alert: one equality per label. */
export function matchersFor(alert: Pick<Alert, 'labels'>): Matcher[] {
  return Object.entries(alert.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, value]) => ({ label, op: '=', value }));
}

/** The durations a silence can be made for, in hours. */
export const SILENCE_HOURS = ['1', '4', '24', '168'];

/** When a silence of `hours` from `now` ends, RFC 3339. */
export function silenceEnd(now: number, hours: number): string {
  return new Date(now + hours * 3_600_000).toISOString();
}

export function stateClass(state: string): string {
  switch (state) {
    case 'firing':
      return 'h-bad';
    case 'pending':
    case 'nodata':
      return 'h-warn';
    case 'inactive':
    case 'resolved':
    case 'ok':
      return 'h-ok';
    default:
      return '';
  }
}

/** The kinds a rule can be, with the spec fields each needs (docs/alerting.md). */
export const RULE_KINDS = [
  { id: 'error_rate', label: 'Error rate of a service', fields: ['service', 'operation', 'threshold', 'windowSeconds'] },
  { id: 'latency_quantile', label: 'Latency quantile of a service', fields: ['service', 'operation', 'quantile', 'threshold', 'windowSeconds'] },
  { id: 'metric_threshold', label: 'A metric crosses a threshold', fields: ['metric', 'aggregation', 'threshold', 'windowSeconds'] },
  { id: 'log_count', label: 'Matching log records', fields: ['service', 'bodyContains', 'threshold', 'windowSeconds'] },
  { id: 'absence', label: 'No data arrives', fields: ['signal', 'service', 'metric', 'windowSeconds'] },
  { id: 'promql', label: 'A PromQL expression returns series', fields: ['expr'] },
] as const;

/** Whether a kind compares a measured value with a threshold; absence and PromQL rules carry their condition. */
export function hasComparison(kind: string): boolean {
  return kind !== 'absence' && kind !== 'promql';
}

/** What the rules list shows of a rule's condition: a PromQL rule's expression, otherwise its kind. */
export function ruleSummary(rule: { kind: string; spec: Record<string, unknown> }): string {
  return rule.kind === 'promql' && typeof rule.spec.expr === 'string' ? rule.spec.expr : rule.kind;
}

const NUMERIC = new Set(['threshold', 'windowSeconds', 'quantile']);

export interface RuleFormValues {
  name: string;
  kind: string;
  comparison: string;
  intervalSeconds: string;
  forSeconds: string;
  severity: string;
  summary: string;
  spec: Record<string, string>;
}

/**
 * The API's rule from the form: empty fields are left out (the API applies its defaults and names what is
 * missing), numbers are numbers, the severity becomes a label and the summary an annotation.
 */
export function ruleFromForm(v: RuleFormValues): RuleInput {
  const kind = RULE_KINDS.find((k) => k.id === v.kind);
  const spec: Record<string, unknown> = {};
  for (const field of kind?.fields ?? []) {
    const raw = (v.spec[field] ?? '').trim();
    if (raw === '') continue;
    spec[field] = NUMERIC.has(field) && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  }
  if (hasComparison(v.kind) && v.comparison) spec.comparison = v.comparison;
  const num = (s: string, fallback: number) => (s.trim() === '' || Number.isNaN(Number(s)) ? fallback : Number(s));
  return {
    name: v.name.trim(),
    kind: v.kind,
    spec,
    intervalSeconds: num(v.intervalSeconds, 60),
    forSeconds: num(v.forSeconds, 0),
    keepFiringForSeconds: 0,
    labels: v.severity ? { severity: v.severity } : {},
    annotations: v.summary.trim() ? { summary: v.summary.trim() } : {},
    enabled: true,
  };
}
