// Firing and pending alerts, each with its rule, value and labels, and a silence made from it in one step.
import { useState } from 'react';
import { alerting } from '../api/client';
import type { Alert, Rule } from '../api/types';
import { formatTime } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { matchersFor, SILENCE_HOURS, silenceEnd, stateClass } from './alerting';
import { FormError } from '../shared/FormError';
import { useAlertingChange, useAlerts, useRules } from './queries';

export function AlertsTab() {
  const alerts = useAlerts();
  const rules = useRules();
  const names = new Map((rules.data ?? []).map((r: Rule) => [r.id, r.name]));
  return (
    <ListTable
      query={alerts}
      what="alerts"
      testId="alerts-table"
      empty={<Empty title="Nothing is firing or pending">Rules are evaluated on their interval; see the Rules tab.</Empty>}
      columns={['State', 'Rule', { label: 'Value', num: true }, 'Since', 'Labels', 'Silence']}
    >
      {(list) =>
        list.map((a) => (
          <tr key={`${a.ruleId}/${a.fingerprint}`} data-testid="alert-row" data-state={a.state} data-rule={names.get(a.ruleId) ?? a.ruleId}>
            <td>
              <span className={`health-dot ${stateClass(a.state)}`} aria-hidden="true" /> {a.state}
            </td>
            <td>{names.get(a.ruleId) ?? `rule ${a.ruleId}`}</td>
            <td className="num">{Number(a.value.toPrecision(4))}</td>
            <td>{formatTime(a.since)}</td>
            <td className="small mono">{Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ')}</td>
            <td>
              <SilenceAlert alert={a} />
            </td>
          </tr>
        ))
      }
    </ListTable>
  );
}

function SilenceAlert({ alert }: { alert: Alert }) {
  const [hours, setHours] = useState('1');
  const silence = useAlertingChange(() =>
    alerting.createSilence({ matchers: matchersFor(alert), endsAt: silenceEnd(Date.now(), Number(hours)), createdBy: 'web UI', comment: `silenced from the alert ${alert.labels.alertname ?? ''}`.trim() }),
  );
  if (silence.isSuccess) return <span className="muted small" data-testid="alert-silenced">silenced for {hours} h</span>;
  return (
    <div className="inline-form">
      <select value={hours} onChange={(e) => setHours(e.target.value)} aria-label="Silence for" data-testid="silence-hours">
        {SILENCE_HOURS.map((h) => (
          <option key={h} value={h}>
            {h} h
          </option>
        ))}
      </select>
      <button type="button" onClick={() => silence.mutate(undefined)} disabled={silence.isPending} data-testid="silence-alert">
        Silence
      </button>
      <FormError error={silence.error} />
    </div>
  );
}
