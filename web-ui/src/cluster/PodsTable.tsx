// Pods with their CPU and memory against request and limit; from a pod to its service's traces and logs.
import { Link } from 'react-router';
import type { PodHealth } from '../api/types';
import { formatBytes, formatCores } from '../shared/format';
import { onRowKeyDown } from '../shared/table';
import { withCommon } from '../shared/urlState';
import { statusClass } from './health';
import { UsageBar } from './UsageBar';

export function PodsTable({ pods, common }: { pods: PodHealth[]; common: string }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="pods-table">
        <thead>
          <tr>
            <th>Pod</th>
            <th>Namespace</th>
            <th>Node</th>
            <th>Workload</th>
            <th>Status</th>
            <th className="num">Restarts</th>
            <th>CPU (of limit)</th>
            <th>Memory (of limit)</th>
            <th>Telemetry</th>
          </tr>
        </thead>
        <tbody onKeyDown={onRowKeyDown}>
          {pods.map((p) => {
            // Workloads carry their service's name (service.name = the deployment's name, as the Collector's
            // k8sattributes processor and most charts set it): the way from a pod to its traces and logs.
            const service = p.workload;
            return (
              <tr key={`${p.namespace}/${p.name}`} data-testid="pod-row" data-pod={p.name} data-row tabIndex={0}>
                <td className="mono">{p.name}</td>
                <td>{p.namespace}</td>
                <td>{p.node ?? '–'}</td>
                <td>{p.workload ? `${p.workloadKind ?? ''} ${p.workload}`.trim() : '–'}</td>
                <td title={p.reasons.join('; ')}>
                  <span className={`health-dot ${statusClass(p.status)}`} aria-hidden="true" /> {p.phase ?? p.status.toLowerCase()}
                </td>
                <td className={`num ${p.restarts ? 'warn' : ''}`}>{p.restarts ?? '–'}</td>
                <td>
                  <UsageBar usage={p.cpu} format={formatCores} label={`${p.name} CPU`} />
                </td>
                <td data-testid="pod-memory">
                  <UsageBar usage={p.memory} format={formatBytes} label={`${p.name} memory`} />
                </td>
                <td className="links">
                  {service ? (
                    <>
                      <Link to={withCommon('/traces', common, { service })} data-testid="pod-traces" tabIndex={-1}>
                        traces
                      </Link>{' '}
                      <Link to={withCommon('/logs', common, { service })} data-testid="pod-logs" tabIndex={-1}>
                        logs
                      </Link>
                    </>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
