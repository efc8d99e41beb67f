// Ingest tokens: what OpenTelemetry SDKs, Collectors and Prometheus send their data with. Make one for some signals
// and pipelines (shown once, with the exporter's environment line), revoke one.
import { useState } from 'react';
import { access } from '../api/client';
import type { IngestToken, IngestTokenInput, Signal } from '../api/types';
import { DeleteButton } from '../shared/DeleteButton';
import { formatTime } from '../shared/format';
import { FieldError, FormError, fieldInvalid } from '../shared/FormError';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { SIGNALS, chosenSignals, credentialState, expiryFromInput, otlpHeadersLine, parsePipelines, scopeText } from './access';
import { CredentialState } from './CredentialState';
import { useAccessChange, useIngestTokens } from './queries';
import { SecretOnce } from './SecretOnce';

export function IngestTokensTab() {
  const tokens = useIngestTokens();
  const [created, setCreated] = useState<IngestToken | null>(null);
  const revoke = useAccessChange((id: string) => access.revokeIngestToken(id));
  const now = Date.now();
  return (
    <>
      <IngestTokenForm onCreated={setCreated} />
      {created?.token && (
        <SecretOnce
          title={`The new ingest token “${created.name}”`}
          lines={[
            { label: 'Ingest token', value: created.token, testId: 'new-ingest-token' },
            { label: 'For an OpenTelemetry SDK or Collector’s environment', value: otlpHeadersLine(created.token), testId: 'new-ingest-token-env' },
          ]}
          onDismiss={() => setCreated(null)}
        />
      )}
      <FormError error={revoke.error} />
      <ListTable
        query={tokens}
        what="ingest tokens"
        testId="ingest-tokens-table"
        empty={<Empty title="No ingest tokens yet">Make one above for each sender of telemetry: a Collector, a service, a Prometheus.</Empty>}
        columns={['Name', 'Signals', 'Pipelines', 'Created', 'By', 'Expires', 'State', '']}
      >
        {(list) =>
          list.map((t) => {
            const scope = scopeText(t);
            return (
              <tr key={t.id} data-testid="ingest-token-row" data-name={t.name} data-state={credentialState(t, now)}>
                <td>
                  {t.name} <span className="muted mono small">{t.id}</span>
                </td>
                <td>{scope.signals}</td>
                <td className={t.pipelines?.length ? '' : 'muted'}>{scope.pipelines}</td>
                <td>{formatTime(t.createdAt)}</td>
                <td>{t.createdBy}</td>
                <td>{t.expiresAt ? formatTime(t.expiresAt) : <span className="muted">never</span>}</td>
                <td>
                  <CredentialState credential={t} now={now} />
                </td>
                <td>
                  {!t.revokedAt && (
                    <DeleteButton
                      label="revoke"
                      question={`Revoke the ingest token “${t.name}”? Telemetry sent with it is refused from then on.`}
                      onDelete={() => revoke.mutate(t.id)}
                      testId="ingest-token-revoke"
                    />
                  )}
                </td>
              </tr>
            );
          })
        }
      </ListTable>
    </>
  );
}

function IngestTokenForm({ onCreated }: { onCreated: (token: IngestToken) => void }) {
  const [name, setName] = useState('');
  const [ticked, setTicked] = useState<Record<Signal, boolean>>({ traces: true, metrics: true, logs: true });
  const [pipelines, setPipelines] = useState('');
  const [expires, setExpires] = useState('');
  const create = useAccessChange((input: IngestTokenInput) => access.createIngestToken(input));
  return (
    <form
      className="panel search-form"
      data-testid="ingest-token-form"
      aria-label="New ingest token"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { name: name.trim(), signals: chosenSignals(ticked), pipelines: parsePipelines(pipelines), expiresAt: expiryFromInput(expires) },
          {
            onSuccess: (token) => {
              onCreated(token);
              setName('');
              setPipelines('');
              setExpires('');
            },
          },
        );
      }}
    >
      <label className="grow">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="who sends with it, e.g. otel-collector prod" aria-invalid={fieldInvalid(create.error, 'name')} data-testid="ingest-token-name" />
        <FieldError error={create.error} field="name" />
      </label>
      <fieldset className="choices" aria-invalid={fieldInvalid(create.error, 'signals')}>
        <legend>Signals</legend>
        {SIGNALS.map((s) => (
          <label key={s}>
            <input type="checkbox" checked={ticked[s]} onChange={(e) => setTicked({ ...ticked, [s]: e.target.checked })} data-testid={`ingest-token-signal-${s}`} />
            {s}
          </label>
        ))}
        <FieldError error={create.error} field="signals" />
      </fieldset>
      <label className="grow">
        Pipelines (optional)
        <input value={pipelines} onChange={(e) => setPipelines(e.target.value)} placeholder="every pipeline; or names, comma-separated" aria-invalid={fieldInvalid(create.error, 'pipelines')} data-testid="ingest-token-pipelines" />
        <FieldError error={create.error} field="pipelines" />
      </label>
      <label>
        Expires (optional)
        <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} aria-invalid={fieldInvalid(create.error, 'expiresAt')} data-testid="ingest-token-expires" />
        <FieldError error={create.error} field="expiresAt" />
      </label>
      <button type="submit" disabled={create.isPending} data-testid="ingest-token-create">
        Create token
      </button>
      <FormError error={create.error} inline={['name', 'signals', 'pipelines', 'expiresAt']} />
    </form>
  );
}
