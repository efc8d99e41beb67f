// The dashboard's variables, each a picker of the values its source offers in the time range; the choice goes to the URL.
import type { DashboardVariable } from '../api/types';
import { useRangeQuery } from '../shared/query';
import { useUpdateParams } from '../shared/urlState';
import { ALL, type VariableValues } from './panelQuery';
import { paramOf, variableOptions } from './variables';

export function VariablesBar({ variables, values }: { variables: DashboardVariable[]; values: VariableValues }) {
  if (variables.length === 0) return null;
  return (
    <div className="search-form variables-bar" data-testid="variables-bar">
      {variables.map((v) => (
        <VariablePicker key={v.name} variable={v} value={values[v.name] ?? ''} />
      ))}
    </div>
  );
}

function VariablePicker({ variable, value }: { variable: DashboardVariable; value: string }) {
  const update = useUpdateParams();
  const options = useRangeQuery(['dashboard-variable', variable.source], (w, _r, signal) => variableOptions(variable, w, signal));
  const names = options.data ?? [];
  return (
    <label>
      {variable.label || variable.name}
      <select value={value} onChange={(e) => update({ [paramOf(variable.name)]: e.target.value })} data-testid="variable" data-name={variable.name}>
        {variable.includeAll && <option value={ALL}>All</option>}
        {value === '' && !variable.includeAll && <option value="">–</option>}
        {value && value !== ALL && !names.includes(value) && <option value={value}>{value}</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      {options.error != null && <span className="bad small">values unavailable</span>}
    </label>
  );
}
