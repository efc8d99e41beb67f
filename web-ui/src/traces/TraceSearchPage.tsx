// Trace search: by service, operation, attributes, duration and status over the time range.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { api, attributeParams } from '../api/client';
import { useRangeQuery } from '../shared/query';
import { QueryState } from '../shared/states';
import { windowParams } from '../shared/timeRange';
import { ServiceSelect } from '../shared/ServiceSelect';
import { useTimeRange, useUpdateParams, useUrlForm } from '../shared/urlState';
import { TraceScatter } from './TraceScatter';
import { TraceTable } from './TraceTable';

interface Form {
  service: string;
  operation: string;
  attrs: string;
  minDuration: string;
  maxDuration: string;
  status: string;
}

function formFrom(params: URLSearchParams): Form {
  return {
    service: params.get('service') ?? '',
    operation: params.get('operation') ?? '',
    attrs: params.getAll('attr').join(' '),
    minDuration: params.get('minDuration') ?? '',
    maxDuration: params.get('maxDuration') ?? '',
    status: params.get('status') ?? '',
  };
}

/** `k=v k2="v 2"` → ['k=v', 'k2=v 2'] */
export function splitAttrs(text: string): string[] {
  const out: string[] = [];
  const re = /([^\s=]+)=("([^"]*)"|(\S*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push(`${m[1]}=${m[3] ?? m[4] ?? ''}`);
  return out;
}

export default function TraceSearchPage() {
  const update = useUpdateParams();
  const { range } = useTimeRange();
  const { params, form, setForm, applied } = useUrlForm(formFrom);
  const attrs = params.getAll('attr');
  const operations = useQuery({
    queryKey: ['operations-list', form.service],
    queryFn: ({ signal }) => api.operations(form.service, windowParams(range), signal),
    enabled: Boolean(form.service),
  });

  const results = useRangeQuery(['trace-search', applied.service, applied.operation, attrs.join('&'), applied.minDuration, applied.maxDuration, applied.status], (w, _r, signal) =>
    api.searchTraces(
      {
        ...w,
        service: applied.service,
        operation: applied.operation,
        minDuration: applied.minDuration,
        maxDuration: applied.maxDuration,
        status: applied.status,
        limit: 100,
        ...attributeParams(attrs),
      },
      signal,
    ),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({
      service: form.service,
      operation: form.operation,
      attr: splitAttrs(form.attrs),
      minDuration: form.minDuration.trim(),
      maxDuration: form.maxDuration.trim(),
      status: form.status,
    });
  };
  const set = (k: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value, ...(k === 'service' ? { operation: '' } : {}) }));

  return (
    <section className="page">
      <header className="page-header">
        <h1>Traces</h1>
      </header>
      <form className="panel search-form" onSubmit={submit} role="search" aria-label="Search traces">
        <label>
          Service
          <ServiceSelect testId="trace-search-service" value={form.service} onChange={set('service')} />
        </label>
        <label>
          Operation
          <input data-testid="trace-search-operation" list="operation-names" value={form.operation} onChange={set('operation')} placeholder="any" />
          <datalist id="operation-names">
            {[...new Set(operations.data?.operations.map((o) => o.name) ?? [])].map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
        <label className="grow">
          Attributes
          <input data-testid="trace-search-attrs" value={form.attrs} onChange={set('attrs')} placeholder='http.route=/cart key="a value"' />
        </label>
        <label>
          Min duration
          <input data-testid="trace-search-min-duration" value={form.minDuration} onChange={set('minDuration')} placeholder="e.g. 100ms" size={8} />
        </label>
        <label>
          Max duration
          <input data-testid="trace-search-max-duration" value={form.maxDuration} onChange={set('maxDuration')} placeholder="e.g. 2s" size={8} />
        </label>
        <label>
          Status
          <select data-testid="trace-search-status" value={form.status} onChange={set('status')}>
            <option value="">any</option>
            <option value="error">error</option>
          </select>
        </label>
        <button type="submit" className="primary" data-testid="trace-search-submit">
          Search
        </button>
      </form>
      <QueryState query={results} what="traces" isEmpty={(d) => d.traces.length === 0}>
        {(d) => (
          <>
            <div className="panel">
              <h2>
                Duration over time <span className="muted small">({d.traces.length} traces{d.nextCursor ? ', newest first; more match' : ''})</span>
              </h2>
              <TraceScatter traces={d.traces} />
            </div>
            <div className="panel">
              <TraceTable traces={d.traces} testId="trace-results" caption="Matching traces" />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
