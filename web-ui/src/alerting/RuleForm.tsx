// Create a rule: its kind's fields, comparison, interval, severity and summary, with the preview of what it reads.
import { useState } from 'react';
import { alerting } from '../api/client';
import type { Rule } from '../api/types';
import { RULE_KINDS, hasComparison, ruleFromForm, type RuleFormValues } from './alerting';
import { FormError } from '../shared/FormError';
import { useAlertingChange } from './queries';
import { RulePreview } from './RulePreview';

const EMPTY: RuleFormValues = { name: '', kind: 'error_rate', comparison: '>', intervalSeconds: '60', forSeconds: '0', severity: 'warning', summary: '', spec: { windowSeconds: '300' } };

const PLACEHOLDERS: Record<string, string> = {
  service: 'payment',
  operation: 'any operation',
  threshold: 'e.g. 0.05',
  windowSeconds: '300',
  quantile: '0.99',
  metric: 'k8s.pod.cpu_limit_utilization',
  aggregation: 'avg',
  bodyContains: 'timeout',
  signal: 'traces, logs or metrics',
  expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 1',
};

export function RuleForm({ onDone }: { onDone: (rule: Rule) => void }) {
  const [v, setV] = useState<RuleFormValues>(EMPTY);
  const create = useAlertingChange(() => alerting.createRule(ruleFromForm(v)));
  const kind = RULE_KINDS.find((k) => k.id === v.kind) ?? RULE_KINDS[0];
  const setSpec = (field: string, value: string) => setV({ ...v, spec: { ...v.spec, [field]: value } });
  return (
    <form
      className="panel rule-form"
      data-testid="rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(undefined, { onSuccess: (rule) => onDone(rule) });
      }}
    >
      <h2>New rule</h2>
      <div className="search-form">
        <label className="grow">
          Name
          <input value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} required data-testid="rule-name" />
        </label>
        <label>
          Kind
          <select value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value })} data-testid="rule-kind">
            {RULE_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="search-form">
        {kind.fields.map((f) => (
          <label key={f}>
            {f}
            <input value={v.spec[f] ?? ''} placeholder={PLACEHOLDERS[f] ?? ''} onChange={(e) => setSpec(f, e.target.value)} data-testid={`rule-spec-${f}`} />
          </label>
        ))}
        {hasComparison(v.kind) && (
          <label>
            comparison
            <select value={v.comparison} onChange={(e) => setV({ ...v, comparison: e.target.value })} data-testid="rule-comparison">
              {['>', '>=', '<', '<=', '==', '!='].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="search-form">
        <label>
          Every (s)
          <input value={v.intervalSeconds} onChange={(e) => setV({ ...v, intervalSeconds: e.target.value })} inputMode="numeric" data-testid="rule-interval" />
        </label>
        <label>
          Pending for (s)
          <input value={v.forSeconds} onChange={(e) => setV({ ...v, forSeconds: e.target.value })} inputMode="numeric" data-testid="rule-for" />
        </label>
        <label>
          Severity
          <select value={v.severity} onChange={(e) => setV({ ...v, severity: e.target.value })} data-testid="rule-severity">
            {['info', 'warning', 'page'].map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Summary
          <input value={v.summary} onChange={(e) => setV({ ...v, summary: e.target.value })} placeholder="{{ $labels.service }} fails {{ $value }} of its requests" data-testid="rule-summary" />
        </label>
      </div>
      <RulePreview kind={v.kind} spec={v.spec} />
      <FormError error={create.error} />
      <div className="form-actions">
        <button type="submit" disabled={create.isPending} data-testid="rule-save">
          Create rule
        </button>
      </div>
    </form>
  );
}
