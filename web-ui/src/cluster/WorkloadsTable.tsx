// Namespaces and their workloads, summed over their pods. Choosing a namespace filters the pods.
import type { NamespaceHealth, WorkloadHealth } from '../api/types';
import { formatBytes, formatCores } from '../shared/format';
import { statusClass } from './health';
import { UsageBar } from './UsageBar';

export function WorkloadsTable({
  namespaces,
  workloads,
  selected,
  onSelect,
}: {
  namespaces: NamespaceHealth[];
  workloads: WorkloadHealth[];
  selected: string | null;
  onSelect: (namespace: string | null) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="workloads-table">
        <thead>
          <tr>
            <th>Namespace / workload</th>
            <th>Status</th>
            <th className="num">Pods</th>
            <th>CPU (of limits)</th>
            <th>Memory (of limits)</th>
          </tr>
        </thead>
        {namespaces.map((ns) => (
          <tbody key={ns.name} data-testid="namespace-group" data-namespace={ns.name}>
            <tr className={`group-row ${selected === ns.name ? 'selected' : ''}`}>
              <th scope="rowgroup">
                <button type="button" className="link-button" onClick={() => onSelect(selected === ns.name ? null : ns.name)} aria-pressed={selected === ns.name}>
                  {ns.name}
                </button>
              </th>
              <td>
                <span className={`health-dot ${statusClass(ns.status)}`} aria-hidden="true" /> {ns.status.toLowerCase()}
              </td>
              <td className="num">{ns.pods}</td>
              <td>
                <UsageBar usage={ns.cpu} format={formatCores} label={`${ns.name} CPU`} />
              </td>
              <td>
                <UsageBar usage={ns.memory} format={formatBytes} label={`${ns.name} memory`} />
              </td>
            </tr>
            {workloads
              .filter((w) => w.namespace === ns.name)
              .map((w) => (
                <tr key={`${w.kind}/${w.name}`} data-testid="workload-row" data-workload={w.name}>
                  <td className="indent">
                    <span className="muted">{w.kind}</span> {w.name}
                  </td>
                  <td title={w.reasons.join('; ')}>
                    <span className={`health-dot ${statusClass(w.status)}`} aria-hidden="true" /> {w.status.toLowerCase()}
                  </td>
                  <td className="num">{w.pods}</td>
                  <td>
                    <UsageBar usage={w.cpu} format={formatCores} label={`${w.name} CPU`} />
                  </td>
                  <td>
                    <UsageBar usage={w.memory} format={formatBytes} label={`${w.name} memory`} />
                  </td>
                </tr>
              ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
