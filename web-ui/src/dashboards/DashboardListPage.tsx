// Every dashboard: title, tags, who changed it last and when; a new one, an imported file, deletion.
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, dashboards } from '../api/client';
import type { DashboardDocument } from '../api/types';
import { FormError } from '../shared/FormError';
import { formatTime } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { useCommonSearch, withCommon } from '../shared/urlState';
import { parseDocument } from './dashboardFile';
import { useDashboardChange, useDashboardList } from './queries';
import { DeleteButton } from '../shared/DeleteButton';

export default function DashboardListPage() {
  const list = useDashboardList();
  const common = useCommonSearch();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');
  const create = useDashboardChange((t: string) => dashboards.create({ title: t, panels: [] }));
  const remove = useDashboardChange((uid: string) => dashboards.delete(uid));
  const importFile = useDashboardChange(async ({ doc, overwrite }: { doc: DashboardDocument; overwrite: boolean }) => dashboards.import(doc, overwrite));
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const open = (uid: string, extra: Record<string, string> = {}) => navigate(withCommon(`/dashboards/${encodeURIComponent(uid)}`, common, extra));

  const onFile = async (file: File) => {
    setFileError(null);
    let doc: DashboardDocument;
    try {
      doc = parseDocument(await file.text());
    } catch (e) {
      setFileError(e instanceof Error ? e.message : String(e));
      return;
    }
    importFile.mutate(
      { doc, overwrite: false },
      {
        onSuccess: (d) => open(d.uid),
        onError: (e) => {
          // The uid is taken: replacing it makes a new version of that dashboard, so ask first.
          if (e instanceof ApiError && e.status === 409 && window.confirm(`A dashboard “${doc.uid}” exists. Replace it with the file's (as a new version)?`)) {
            importFile.mutate({ doc, overwrite: true }, { onSuccess: (d) => open(d.uid) });
          }
        },
      },
    );
  };

  return (
    <section className="page">
      <header className="page-header">
        <h1>Dashboards</h1>
        <p className="muted">Panels of metrics, golden signals, span and log counts, kept by Vigil and shared by everyone.</p>
      </header>
      <div className="tab-actions">
        <button type="button" className="primary" onClick={() => setCreating(!creating)} aria-expanded={creating} data-testid="dashboard-new">
          {creating ? 'Cancel' : 'New dashboard'}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} data-testid="dashboard-import">
          Import JSON file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="dashboard-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onFile(file);
          }}
        />
      </div>
      {creating && (
        <form
          className="panel search-form"
          data-testid="dashboard-new-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(title.trim(), { onSuccess: (d) => open(d.uid, { edit: '1' }) });
          }}
        >
          <label className="grow">
            Title
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} data-testid="dashboard-new-title" autoFocus />
          </label>
          <button type="submit" className="primary" disabled={create.isPending} data-testid="dashboard-create">
            Create
          </button>
        </form>
      )}
      <FormError error={create.error} />
      {fileError && (
        <div className="state state-error form-error" role="alert" data-testid="form-error">
          <strong>{fileError}</strong>
        </div>
      )}
      {!(importFile.error instanceof ApiError && importFile.error.status === 409) && <FormError error={importFile.error} />}
      <FormError error={remove.error} />
      <ListTable
        query={list}
        what="dashboards"
        testId="dashboards-table"
        empty={<Empty title="No dashboards yet">Create one with “New dashboard”, or import a JSON file.</Empty>}
        columns={['Title', 'Tags', { label: 'Panels', num: true }, 'Updated by', 'Updated', '']}
      >
        {(rows) =>
          rows.map((d) => (
            <tr key={d.uid} data-testid="dashboard-row" data-uid={d.uid}>
              <td>
                <Link to={withCommon(`/dashboards/${encodeURIComponent(d.uid)}`, common)} data-testid="dashboard-link">
                  {d.title}
                </Link>
                {d.description && <div className="muted small">{d.description}</div>}
              </td>
              <td>
                {d.tags.map((t) => (
                  <span key={t} className="chip">
                    {t}
                  </span>
                ))}
              </td>
              <td className="num">{d.panels}</td>
              <td>{d.updatedBy}</td>
              <td>{formatTime(d.updatedAt)}</td>
              <td>
                <DeleteButton question={`Delete the dashboard “${d.title}” and all its versions?`} onDelete={() => remove.mutate(d.uid)} testId="dashboard-delete" />
              </td>
            </tr>
          ))
        }
      </ListTable>
    </section>
  );
}
