// The metrics explorer's "Save as panel": its query becomes a timeseries panel of a dashboard (or of a new one),
// which then opens.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { dashboards } from '../api/client';
import type { PanelQuery } from '../api/types';
import { FormError } from '../shared/FormError';
import { useCommonSearch, withCommon } from '../shared/urlState';
import { withPanel } from './panelEdit';
import { useDashboardChange, useDashboardList } from './queries';

const NEW = '';

export function SaveAsPanel({ query, title }: { query: PanelQuery; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="save-as-panel">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="save-as-panel">
        {open ? 'Cancel' : 'Save as panel'}
      </button>
      {open && <SaveAsPanelForm query={query} title={title} />}
    </div>
  );
}

function SaveAsPanelForm({ query, title }: { query: PanelQuery; title: string }) {
  const list = useDashboardList();
  const navigate = useNavigate();
  const common = useCommonSearch();
  const [target, setTarget] = useState(NEW);
  const [newTitle, setNewTitle] = useState('');
  const [panelTitle, setPanelTitle] = useState(title);
  const save = useDashboardChange(async () => {
    const panel = { title: panelTitle.trim() || title, type: 'timeseries' as const, query };
    if (target === NEW) return dashboards.create(withPanel({ title: newTitle.trim(), panels: [] }, panel));
    const stored = await dashboards.get(target);
    return dashboards.save(target, stored.version, withPanel(stored.dashboard, panel), `added panel “${panel.title}” from the metrics explorer`);
  });
  return (
    <form
      className="search-form"
      data-testid="save-as-panel-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(undefined, { onSuccess: (d) => navigate(withCommon(`/dashboards/${encodeURIComponent(d.uid)}`, common)) });
      }}
    >
      <label className="grow">
        Panel title
        <input value={panelTitle} onChange={(e) => setPanelTitle(e.target.value)} required maxLength={200} data-testid="save-as-panel-title" />
      </label>
      <label>
        Dashboard
        <select value={target} onChange={(e) => setTarget(e.target.value)} data-testid="save-as-panel-dashboard">
          <option value={NEW}>New dashboard…</option>
          {(list.data ?? []).map((d) => (
            <option key={d.uid} value={d.uid}>
              {d.title}
            </option>
          ))}
        </select>
      </label>
      {target === NEW && (
        <label className="grow">
          New dashboard's title
          <input value={newTitle} onChange={(e) => setNewTitle(e.target.value)} required maxLength={200} data-testid="save-as-panel-new-title" />
        </label>
      )}
      <button type="submit" className="primary" disabled={save.isPending} data-testid="save-as-panel-save">
        Add panel and open
      </button>
      <FormError error={save.error ?? list.error} />
    </form>
  );
}
