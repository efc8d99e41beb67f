// One dashboard: its variables, the shared time range, and its grid of panels. Edit mode changes a copy (add,
// edit, duplicate, delete, move, resize) that Save stores as a new version, unless someone saved meanwhile.
// What a person shares is in the URL: time range, variables (`var-NAME`), edit mode and the panel being edited.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError, dashboards } from '../api/client';
import type { DashboardDocument, Panel, StoredDashboard } from '../api/types';
import { FormError } from '../shared/FormError';
import { formatTime } from '../shared/format';
import { Empty, QueryState } from '../shared/states';
import { RANGES, REFRESHES } from '../shared/timeRange';
import { useCommonSearch, useUpdateParams, withCommon } from '../shared/urlState';
import { DashboardGrid } from './DashboardGrid';
import { downloadDocument } from './dashboardFile';
import { compact } from './layout';
import { duplicatePanel, newPanel } from './panelEdit';
import { PanelEditor } from './PanelEditor';
import { keys, useDashboard } from './queries';
import { resolveVariables } from './variables';
import { VariablesBar } from './VariablesBar';
import { VersionHistory } from './VersionHistory';

export default function DashboardPage() {
  const { uid = '' } = useParams();
  const stored = useDashboard(uid);
  return (
    <section className="page dashboard-page">
      <QueryState query={stored} what="the dashboard">
        {(d) => <DashboardView key={d.uid} stored={d} refetch={() => stored.refetch()} />}
      </QueryState>
    </section>
  );
}

/** The dashboard's own default range and refresh, in the URL when it names none. */
function useDocumentDefaults(doc: DashboardDocument) {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  useEffect(() => {
    const changes: Record<string, string> = {};
    const range = /^now-(\d+[mhd])$/.exec(doc.time?.from ?? '')?.[1];
    if (!params.has('range') && !params.has('from') && range && doc.time?.to === 'now' && (RANGES as readonly string[]).includes(range)) changes.range = range;
    if (!params.has('refresh') && doc.refresh && doc.refresh !== 'off' && (REFRESHES as readonly string[]).includes(doc.refresh)) changes.refresh = doc.refresh;
    if (Object.keys(changes).length) update(changes, true);
    // Only when the dashboard is opened: afterwards the person's choice stands.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc.uid]);
}

function DashboardView({ stored, refetch }: { stored: StoredDashboard; refetch: () => Promise<unknown> }) {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const common = useCommonSearch();
  const client = useQueryClient();
  const editing = params.get('edit') === '1';
  const editPanelId = editing ? params.get('panel') : null;
  const [draft, setDraft] = useState<{ version: number; doc: DashboardDocument } | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [message, setMessage] = useState('');
  useDocumentDefaults(stored.dashboard);

  // Edit mode works on a copy of the stored document and remembers which version it started from.
  if (editing && draft === null) setDraft({ version: stored.version, doc: structuredClone(stored.dashboard) });
  if (!editing && draft !== null) {
    setDraft(null);
    setConflict(false);
  }

  const doc = draft?.doc ?? stored.dashboard;
  const values = resolveVariables(doc.variables, params);
  const setPanels = (panels: Panel[]) => setDraft((d) => (d ? { ...d, doc: { ...d.doc, panels } } : d));
  const editPanel = editPanelId ? doc.panels.find((p) => p.id === editPanelId) : undefined;

  const save = async () => {
    if (!draft) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await dashboards.save(stored.uid, draft.version, draft.doc, message.trim());
      client.setQueryData(keys.one(stored.uid), { ...saved, dashboard: saved.dashboard ?? draft.doc });
      // Stored: leave edit mode with the new version at once; the list and the versions refresh behind it (a
      // reload before they answered would otherwise open the page in edit mode again).
      setMessage('');
      update({ edit: null, panel: null });
      void client.invalidateQueries({ queryKey: keys.all });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(true);
      else setSaveError(e);
    } finally {
      setSaving(false);
    }
  };
  /** Someone saved meanwhile: theirs replaces this copy (the edits here are dropped). */
  const reload = async () => {
    setConflict(false);
    await refetch();
    const latest = client.getQueryData<StoredDashboard>(keys.one(stored.uid));
    if (latest) setDraft({ version: latest.version, doc: structuredClone(latest.dashboard) });
  };
  const addPanel = () => {
    const p = newPanel(doc.panels, { kind: 'span-count', service: null, operation: null, status: null });
    setPanels([...doc.panels, p]);
    update({ panel: p.id });
  };

  return (
    <>
      <header className="page-header dashboard-header">
        <div className="grow">
          <p className="muted small">
            <Link to={withCommon('/dashboards', common)}>Dashboards</Link> /
          </p>
          <h1 data-testid="dashboard-title">{doc.title}</h1>
          {doc.description && <p className="muted">{doc.description}</p>}
          <p className="muted small" data-testid="dashboard-version" data-version={stored.version}>
            {(doc.tags ?? []).map((t) => (
              <span key={t} className="chip">
                {t}
              </span>
            ))}{' '}
            Version {stored.version}, saved by {stored.updatedBy} {formatTime(stored.updatedAt)}
          </p>
        </div>
        <div className="dashboard-actions">
          {editing ? (
            <>
              <button type="button" onClick={addPanel} data-testid="panel-add">
                Add panel
              </button>
              <input value={message} onChange={(e) => setMessage(e.target.value)} placeholder="What changed (optional)" aria-label="Save message" data-testid="save-message" />
              <button type="button" className="primary" onClick={() => void save()} disabled={saving} data-testid="dashboard-save">
                Save
              </button>
              <button type="button" onClick={() => update({ edit: null, panel: null })} data-testid="dashboard-discard">
                Discard
              </button>
            </>
          ) : (
            <button type="button" onClick={() => update({ edit: '1' })} data-testid="dashboard-edit">
              Edit
            </button>
          )}
          <button type="button" onClick={() => setHistoryOpen(!historyOpen)} aria-expanded={historyOpen} data-testid="dashboard-versions">
            Versions
          </button>
          <button type="button" onClick={() => void dashboards.export(stored.uid).then((d) => downloadDocument(d, stored.uid))} data-testid="dashboard-export">
            Export JSON
          </button>
        </div>
      </header>
      {conflict && (
        <div className="state state-error" role="alert" data-testid="save-conflict">
          <strong>Someone else saved this dashboard since you started editing.</strong>
          <div className="state-body">Reload it to see their version (your changes here are dropped), or keep editing and copy what you need first.</div>
          <div className="state-actions">
            <button type="button" onClick={() => void reload()} data-testid="save-conflict-reload">
              Reload
            </button>
          </div>
        </div>
      )}
      <FormError error={saveError} />
      {historyOpen && <VersionHistory uid={stored.uid} current={stored.version} onClose={() => setHistoryOpen(false)} />}
      <VariablesBar variables={doc.variables ?? []} values={values} />
      {editPanel && (
        <PanelEditor
          key={editPanel.id}
          panel={editPanel}
          values={values}
          onApply={(p) => {
            setPanels(doc.panels.map((x) => (x.id === p.id ? p : x)));
            update({ panel: null });
          }}
          onCancel={() => update({ panel: null })}
        />
      )}
      {doc.panels.length === 0 ? (
        <Empty title="This dashboard has no panels">{editing ? 'Add one with “Add panel”.' : 'Press “Edit”, then “Add panel”.'}</Empty>
      ) : (
        <DashboardGrid
          panels={doc.panels}
          values={values}
          editing={editing}
          onLayout={setPanels}
          onEdit={(id) => update({ panel: id })}
          onDuplicate={(id) => setPanels(duplicatePanel(doc.panels, id))}
          onDelete={(id) => setPanels(compact(doc.panels.filter((p) => p.id !== id)))}
        />
      )}
    </>
  );
}
