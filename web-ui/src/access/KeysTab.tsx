// API keys: every key with who made it and its state; make one (shown once), revoke one.
import { useState } from 'react';
import { access } from '../api/client';
import type { ApiKey, ApiKeyInput, Role } from '../api/types';
import { DeleteButton } from '../shared/DeleteButton';
import { formatTime } from '../shared/format';
import { FieldError, FormError, fieldInvalid } from '../shared/FormError';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { ROLES, credentialState, expiryFromInput } from './access';
import { CredentialState } from './CredentialState';
import { useAccessChange, useApiKeys } from './queries';
import { SecretOnce } from './SecretOnce';

export function KeysTab() {
  const keys = useApiKeys();
  const [created, setCreated] = useState<ApiKey | null>(null);
  const revoke = useAccessChange((id: string) => access.revokeKey(id));
  const now = Date.now();
  return (
    <>
      <KeyForm onCreated={setCreated} />
      {created?.key && (
        <SecretOnce
          title={`The new key “${created.name}” (${created.role})`}
          lines={[{ label: 'API key (send it as Authorization: Bearer …)', value: created.key, testId: 'new-key' }]}
          onDismiss={() => setCreated(null)}
        />
      )}
      <FormError error={revoke.error} />
      <ListTable
        query={keys}
        what="API keys"
        testId="keys-table"
        empty={<Empty title="No API keys yet">Make one above for a script, a dashboard tool or a CI job.</Empty>}
        columns={['Name', 'Role', 'Created', 'By', 'Expires', 'State', '']}
      >
        {(list) =>
          list.map((k) => (
            <tr key={k.id} data-testid="key-row" data-name={k.name} data-state={credentialState(k, now)}>
              <td>
                {k.name} <span className="muted mono small">{k.id}</span>
              </td>
              <td>{k.role}</td>
              <td>{formatTime(k.createdAt)}</td>
              <td>{k.createdBy}</td>
              <td>{k.expiresAt ? formatTime(k.expiresAt) : <span className="muted">never</span>}</td>
              <td>
                <CredentialState credential={k} now={now} />
              </td>
              <td>
                {!k.revokedAt && (
                  <DeleteButton
                    label="revoke"
                    question={`Revoke the key “${k.name}”? Whatever uses it is refused from then on.`}
                    onDelete={() => revoke.mutate(k.id)}
                    testId="key-revoke"
                  />
                )}
              </td>
            </tr>
          ))
        }
      </ListTable>
    </>
  );
}

function KeyForm({ onCreated }: { onCreated: (key: ApiKey) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expires, setExpires] = useState('');
  const create = useAccessChange((input: ApiKeyInput) => access.createKey(input));
  return (
    <form
      className="panel search-form"
      data-testid="key-form"
      aria-label="New API key"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { name: name.trim(), role, expiresAt: expiryFromInput(expires) },
          {
            onSuccess: (key) => {
              onCreated(key);
              setName('');
              setExpires('');
            },
          },
        );
      }}
    >
      <label className="grow">
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="what it is for, e.g. grafana" aria-invalid={fieldInvalid(create.error, 'name')} data-testid="key-name" />
        <FieldError error={create.error} field="name" />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-invalid={fieldInvalid(create.error, 'role')} data-testid="key-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <FieldError error={create.error} field="role" />
      </label>
      <label>
        Expires (optional)
        <input type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} aria-invalid={fieldInvalid(create.error, 'expiresAt')} data-testid="key-expires" />
        <FieldError error={create.error} field="expiresAt" />
      </label>
      <button type="submit" disabled={create.isPending} data-testid="key-create">
        Create key
      </button>
      <FormError error={create.error} inline={['name', 'role', 'expiresAt']} />
    </form>
  );
}
