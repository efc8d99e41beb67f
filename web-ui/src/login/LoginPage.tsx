// Signing in: a user name and password start a session (an HttpOnly cookie the API sets), then the page that
// sent the person here opens again.
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, auth } from '../api/client';

/** Where to go after signing in: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/services';
}

export default function LoginPage() {
  const [params] = useSearchParams();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.login(username, password);
      // A full load: every view starts over with the session's cookie.
      window.location.assign(safeNext(params.get('next')));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) setError('Wrong user name or password.');
      else if (err instanceof ApiError) setError(err.message);
      else setError(String(err));
    }
  };

  return (
    <div className="login">
      <form className="login-form" onSubmit={submit} aria-labelledby="login-title" data-testid="login-form">
        <h1 id="login-title">
          <span className="brand-dot" aria-hidden="true" /> Sign in to Vigil
        </h1>
        <label>
          User name
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password}
            onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p role="alert" className="form-error" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
