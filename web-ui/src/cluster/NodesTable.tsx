// Every node: status, readiness, pods, CPU and memory against allocatable. Choosing a node filters the pods.
import type { NodeHealth } from '../api/types';
import { formatBytes, formatCores } from '../shared/format';
import { onRowKeyDown } from '../shared/table';
import { statusClass } from './health';
import { UsageBar } from './UsageBar';

export function NodesTable({ nodes, selected, onSelect }: { nodes: NodeHealth[]; selected: string | null; onSelect: (node: string | null) => void }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="nodes-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Status</th>
            <th>Ready</th>
            <th className="num">Pods</th>
            <th>CPU (of allocatable)</th>
            <th>Memory (of allocatable)</th>
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeyDown}>
          {nodes.map((n) => (
            <tr key={n.name} data-testid="node-row" data-node={n.name} data-row tabIndex={0} className={selected === n.name ? 'selected' : ''}>
              <td>
                <button type="button" className="link-button" data-primary onClick={() => onSelect(selected === n.name ? null : n.name)} aria-pressed={selected === n.name} tabIndex={-1}>
                  {n.name}
                </button>
              </td>
              <td title={n.reasons.join('; ')}>
                <span className={`health-dot ${statusClass(n.status)}`} aria-hidden="true" /> {n.status.toLowerCase()}
              </td>
              <td>{n.ready === null ? '–' : n.ready ? 'yes' : <span className="bad">no</span>}</td>
              <td className="num" data-testid="node-pods">{n.pods}</td>
              <td data-testid="node-cpu">
                <UsageBar usage={n.cpu} format={formatCores} label={`${n.name} CPU`} />
              </td>
              <td data-testid="node-memory">
                <UsageBar usage={n.memory} format={formatBytes} label={`${n.name} memory`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
