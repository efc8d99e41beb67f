// A dashboard's saved versions, newest first: who saved which and why, a version's document, and restoring it
// (a new latest version with that document).
import { useState } from 'react';
import { dashboards } from '../api/client';
import { FormError } from '../shared/FormError';
import { formatTime } from '../shared/format';
import { QueryState } from '../shared/states';
import { useDashboardChange, useVersion, useVersions } from './queries';

export function VersionHistory({ uid, current, onClose }: { uid: string; current: number; onClose: () => void }) {
  const versions = useVersions(uid);
  const [viewing, setViewing] = useState<number | null>(null);
  const shown = useVersion(uid, viewing);
  const restore = useDashboardChange((v: number) => dashboards.restore(uid, v));
  return (
    <aside className="panel version-history" data-testid="version-history" aria-label="Version history">
      <div className="tab-actions">
        <h2 className="grow">Versions</h2>
        <button type="button" onClick={onClose} data-testid="versions-close">
          Close
        </button>
      </div>
      <FormError error={restore.error} />
      <QueryState query={versions} what="versions">
        {(list) => (
          <table className="table">
            <thead>
              <tr>
                <th className="num">Version</th>
                <th>Saved</th>
                <th>By</th>
                <th>Message</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <tr key={v.version} data-testid="version-row" data-version={v.version} className={viewing === v.version ? 'selected' : ''}>
                  <td className="num">
                    {v.version}
                    {v.version === current && <span className="muted small"> (current)</span>}
                  </td>
                  <td>{formatTime(v.createdAt)}</td>
                  <td>{v.author}</td>
                  <td className="muted">{v.message ?? ''}</td>
                  <td>
                    <button type="button" className="link-button" data-testid="version-view" onClick={() => setViewing(viewing === v.version ? null : v.version)}>
                      {viewing === v.version ? 'Hide' : 'View'}
                    </button>{' '}
                    {v.version !== current && (
                      <button
                        type="button"
                        className="link-button"
                        data-testid="version-restore"
                        disabled={restore.isPending}
                        onClick={() => window.confirm(`Restore version ${v.version}? It becomes a new latest version.`) && restore.mutate(v.version, { onSuccess: () => setViewing(null) })}
                      >
                        Restore
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
      {viewing !== null && (
        <QueryState query={shown} what={`version ${viewing}`}>
          {(v) => (
            <div data-testid="version-document">
              <p className="muted small">
                Version {v.version}: “{v.dashboard.title}”, {v.dashboard.panels.length} panel(s): {v.dashboard.panels.map((p) => p.title).join(', ')}
              </p>
              <pre className="json">{JSON.stringify(v.dashboard, null, 2)}</pre>
            </div>
          )}
        </QueryState>
      )}
    </aside>
  );
}
