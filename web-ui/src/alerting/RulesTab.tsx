// Every rule with its current state (from its alerts) and its history; new rules; deletion.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { alerting } from '../api/client';
import type { Alert, Rule } from '../api/types';
import { formatTime } from '../shared/format';
import { DeleteButton } from '../shared/DeleteButton';
import { ListTable } from '../shared/ListTable';
import { Empty, QueryState } from '../shared/states';
import { useUpdateParams } from '../shared/urlState';
import { ruleSummary, stateClass } from './alerting';
import { FormError } from '../shared/FormError';
import { useAlertingChange, useAlerts, useHistory, useRules } from './queries';
import { RuleForm } from './RuleForm';

/** A rule's state: firing if any alert fires, else pending if any is pending, else ok. */
function ruleState(rule: Rule, alerts: Alert[]): string {
  const mine = alerts.filter((a) => a.ruleId === rule.id);
  if (!rule.enabled) return 'disabled';
  if (mine.some((a) => a.state === 'firing')) return 'firing';
  if (mine.some((a) => a.state === 'nodata')) return 'nodata';
  if (mine.some((a) => a.state === 'pending')) return 'pending';
  return 'ok';
}

export function RulesTab() {
  const rules = useRules();
  const alerts = useAlerts();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const [creating, setCreating] = useState(false);
  const selected = params.get('rule') ? Number(params.get('rule')) : null;
  const remove = useAlertingChange((id: number) => alerting.deleteRule(id));
  return (
    <>
      <div className="tab-actions">
        <button type="button" onClick={() => setCreating(!creating)} data-testid="rule-new" aria-expanded={creating}>
          {creating ? 'Cancel' : 'New rule'}
        </button>
      </div>
      {creating && (
        <RuleForm
          onDone={(rule) => {
            setCreating(false);
            update({ rule: String(rule.id) });
          }}
        />
      )}
      <FormError error={remove.error} />
      <ListTable
        query={rules}
        what="rules"
        testId="rules-table"
        empty={<Empty title="No rules yet">Create one with “New rule”.</Empty>}
        columns={['Rule', 'State', 'Kind', 'Every', 'Severity', '']}
      >
        {(list) =>
          list.map((r) => {
            const state = ruleState(r, alerts.data ?? []);
            return (
              <tr key={r.id} data-testid="rule-row" data-rule={r.name} data-state={state} className={selected === r.id ? 'selected' : ''}>
                <td>
                  <button type="button" className="link-button" onClick={() => update({ rule: selected === r.id ? null : String(r.id) })}>
                    {r.name}
                  </button>
                </td>
                <td>
                  <span className={`health-dot ${stateClass(state === 'ok' ? 'resolved' : state)}`} aria-hidden="true" /> {state}
                </td>
                <td className={r.kind === 'promql' ? 'mono small' : undefined} data-testid="rule-kind-cell">{ruleSummary(r)}</td>
                <td>{r.intervalSeconds} s</td>
                <td>{r.labels.severity ?? '–'}</td>
                <td>
                  <DeleteButton question={`Delete the rule “${r.name}” and its alerts?`} onDelete={() => remove.mutate(r.id)} />
                </td>
              </tr>
            );
          })
        }
      </ListTable>
      {selected !== null && <RuleHistory ruleId={selected} />}
    </>
  );
}

function RuleHistory({ ruleId }: { ruleId: number }) {
  const history = useHistory(ruleId);
  return (
    <div className="panel" data-testid="rule-history">
      <h2>History</h2>
      <QueryState query={history} what="history" isEmpty={(d) => d.length === 0} empty={<Empty title="No state change yet" />}>
        {(list) => (
          <ul className="dep-list">
            {list.map((h) => (
              <li key={h.eventId} data-testid="history-row" data-to={h.to}>
                <span className={`health-dot ${stateClass(h.to)}`} aria-hidden="true" /> {h.from} → <strong>{h.to}</strong>
                <span className="small mono">{Object.entries(h.labels).map(([k, v]) => `${k}=${v}`).join(', ')}</span>
                <span className="dep-stats muted">
                  {Number(h.value.toPrecision(4))} · {formatTime(h.at)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
