// Cluster: nodes, namespaces, workloads and pods with CPU and memory, and the platform's own health, updating
// live from health-service's stream without reload. Which node or namespace the pods are filtered by is in the URL.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useHealthStream, type Connection } from '../api/healthStream';
import { formatBytes, formatCores, formatTime } from '../shared/format';
import { Empty, Loading } from '../shared/states';
import { useCommonSearch, useUpdateParams } from '../shared/urlState';
import { selectPods, statusClass } from './health';
import { NodesTable } from './NodesTable';
import { PlatformPanel } from './PlatformPanel';
import { PodsTable } from './PodsTable';
import { UsageBar } from './UsageBar';
import { WorkloadsTable } from './WorkloadsTable';

const CONNECTION_TEXT: Record<Connection, string> = {
  connecting: 'connecting…',
  live: 'live',
  reconnecting: 'reconnecting…',
};

/** Seconds since the last event, ticking, so a stalled stream shows its age. */
function useAge(updatedAt: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return updatedAt === null ? null : Math.max(0, Math.round((now - updatedAt) / 1000));
}

export default function ClusterPage() {
  const picture = useHealthStream();
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const common = useCommonSearch();
  const age = useAge(picture.updatedAt);
  const node = params.get('node');
  const namespace = params.get('namespace');
  const { cluster, platform, connection } = picture;

  return (
    <section className="page">
      <header className="page-header">
        <h1>Cluster</h1>
        <p className="muted">
          CPU and memory of every node and pod, and Vigil's own health, as health-service sees them now.{' '}
          <span className={`stream-state stream-${connection}`} data-testid="stream-state" data-state={connection} role="status">
            {CONNECTION_TEXT[connection]}
            {age !== null && ` · updated ${age} s ago`}
          </span>
        </p>
      </header>

      {!cluster && connection === 'reconnecting' && !platform ? (
        <div className="state state-error" data-testid="error-state" role="alert">
          <strong>health-service cannot be reached</strong>
          <div className="state-body">The live stream ({'/api/v1/stream'}) is down; the browser retries by itself.</div>
        </div>
      ) : !cluster ? (
        <Loading what="Waiting for the cluster's first reading" />
      ) : cluster.report.nodes === 0 ? (
        <Empty title="No Kubernetes metrics yet">
          Send the OpenTelemetry Collector's kubeletstats and k8s_cluster receivers to Vigil (deploy/otel-collector/), or run{' '}
          <code>./vigil demo</code>, which simulates a cluster.
        </Empty>
      ) : (
        <>
          <div className="panel cluster-summary" data-testid="cluster-summary">
            <div>
              <span className={`health-dot ${statusClass(cluster.report.status)}`} aria-hidden="true" />{' '}
              <strong data-testid="cluster-status">{cluster.report.status.toLowerCase()}</strong>
            </div>
            <div>
              <strong data-testid="cluster-nodes">{cluster.report.nodes}</strong> nodes
            </div>
            <div>
              <strong data-testid="cluster-pods">{cluster.report.pods}</strong> pods
            </div>
            <div className="grow">
              CPU <UsageBar usage={cluster.report.cpu} format={formatCores} label="cluster CPU" />
            </div>
            <div className="grow">
              Memory <UsageBar usage={cluster.report.memory} format={formatBytes} label="cluster memory" />
            </div>
            <div className="muted small">latest sample {cluster.report.latestSample ? formatTime(cluster.report.latestSample) : '–'}</div>
          </div>

          <div className="panel">
            <h2>Nodes</h2>
            <NodesTable nodes={cluster.nodes} selected={node} onSelect={(n) => update({ node: n })} />
          </div>
          <div className="panel">
            <h2>Namespaces and workloads</h2>
            <WorkloadsTable
              namespaces={cluster.report.namespaces}
              workloads={cluster.report.workloads}
              selected={namespace}
              onSelect={(ns) => update({ namespace: ns })}
            />
          </div>

          <div className="panel">
            <h2>
              Pods
              {(node || namespace) && (
                <span className="muted small" data-testid="pods-filter">
                  {' '}
                  {node && `on ${node}`} {namespace && `in ${namespace}`}{' '}
                  <button type="button" className="link-button" onClick={() => update({ node: null, namespace: null })}>
                    show all
                  </button>
                </span>
              )}
            </h2>
            <PodsTable pods={selectPods(cluster.pods, { node, namespace })} common={common} />
          </div>
        </>
      )}

      <div className="panel">
        <h2>
          Vigil itself{' '}
          {platform && (
            <span className="muted small">
              <span className={`health-dot ${statusClass(platform.status)}`} aria-hidden="true" /> {platform.status.toLowerCase()}
            </span>
          )}
        </h2>
        {platform ? <PlatformPanel report={platform} /> : <Loading what="Waiting for the platform's first check" />}
      </div>
    </section>
  );
}
