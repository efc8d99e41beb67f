// Users: who may sign in to this UI, with their role; add one, change a role or set a password, delete one.
import { useState } from 'react';
import { access } from '../api/client';
import type { Role, User, UserChange, UserInput } from '../api/types';
import { DeleteButton } from '../shared/DeleteButton';
import { formatTime } from '../shared/format';
import { FieldError, FormError, fieldInvalid } from '../shared/FormError';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { MIN_PASSWORD, ROLES } from './access';
import { useAccessChange, useUsers } from './queries';

export function UsersTab() {
  const users = useUsers();
  const remove = useAccessChange((username: string) => access.deleteUser(username));
  return (
    <>
      <UserForm />
      <FormError error={remove.error} />
      <ListTable
        query={users}
        what="users"
        testId="users-table"
        empty={<Empty title="No users yet">Add one above; until then only API keys reach Vigil.</Empty>}
        columns={['User', 'Role', 'Created', 'By', 'Changed', '']}
      >
        {(list) => list.map((u) => <UserRow key={u.username} user={u} onDelete={() => remove.mutate(u.username)} />)}
      </ListTable>
    </>
  );
}

function UserRow({ user, onDelete }: { user: User; onDelete: () => void }) {
  const [settingPassword, setSettingPassword] = useState(false);
  const [password, setPassword] = useState('');
  const change = useAccessChange((c: UserChange) => access.updateUser(user.username, c));
  return (
    <>
      <tr data-testid="user-row" data-name={user.username}>
        <td>{user.username}</td>
        <td>
          <select
            value={user.role}
            aria-label={`Role of ${user.username}`}
            disabled={change.isPending}
            onChange={(e) => change.mutate({ role: e.target.value as Role })}
            data-testid="user-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </td>
        <td>{formatTime(user.createdAt)}</td>
        <td>{user.createdBy}</td>
        <td>{formatTime(user.updatedAt)}</td>
        <td className="row-actions">
          <button type="button" className="link-button" onClick={() => setSettingPassword((v) => !v)} data-testid="user-set-password">
            set password
          </button>{' '}
          <DeleteButton question={`Delete the user ${user.username}? Their sessions end at once.`} onDelete={onDelete} testId="user-delete" />
        </td>
      </tr>
      {(settingPassword || change.error != null) && (
        <tr>
          <td colSpan={6}>
            {settingPassword && (
              <form
                className="inline-form"
                aria-label={`New password for ${user.username}`}
                onSubmit={(e) => {
                  e.preventDefault();
                  change.mutate({ password }, { onSuccess: () => { setPassword(''); setSettingPassword(false); } });
                }}
              >
                <input
                  type="password"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  placeholder={`new password, at least ${MIN_PASSWORD} characters`}
                  aria-label="New password"
                  aria-invalid={fieldInvalid(change.error, 'password')}
                  data-testid="user-new-password"
                />
                <button type="submit" disabled={change.isPending} data-testid="user-save-password">
                  Set password
                </button>
                <FieldError error={change.error} field="password" />
              </form>
            )}
            <FormError error={change.error} inline={settingPassword ? ['password'] : []} />
          </td>
        </tr>
      )}
    </>
  );
}

function UserForm() {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const create = useAccessChange((input: UserInput) => access.createUser(input));
  return (
    <form
      className="panel search-form"
      data-testid="user-form"
      aria-label="New user"
      onSubmit={(e) => {
        e.preventDefault();
        const short = password.length < MIN_PASSWORD;
        setTooShort(short);
        if (short) return;
        create.mutate(
          { username: username.trim(), role, password },
          {
            onSuccess: () => {
              setUsername('');
              setPassword('');
            },
          },
        );
      }}
    >
      <label className="grow">
        User name
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" placeholder="a-z, 0-9, . _ -" aria-invalid={fieldInvalid(create.error, 'username')} data-testid="user-name" />
        <FieldError error={create.error} field="username" />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="user-role-new">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <FieldError error={create.error} field="role" />
      </label>
      <label className="grow">
        Password
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={tooShort || fieldInvalid(create.error, 'password')} data-testid="user-password" />
        {tooShort && (
          <span className="field-error bad small" role="alert" data-testid="field-error-password">
            must be at least {MIN_PASSWORD} characters
          </span>
        )}
        {!tooShort && <FieldError error={create.error} field="password" />}
      </label>
      <button type="submit" disabled={create.isPending} data-testid="user-create">
        Add user
      </button>
      <FormError error={create.error} inline={['username', 'role', 'password']} />
    </form>
  );
}
