// Who is signed in, and signing out, in the layout's toolbar.
import { auth } from '../api/client';
import { useMe } from './me';

export function SignedIn() {
  const me = useMe();
  if (!me.data) return null;
  const signOut = async () => {
    await auth.logout();
    window.location.assign('/login');
  };
  return (
    <span className="signed-in" data-testid="signed-in">
      <span title={`${me.data.kind} · ${me.data.role}`}>{me.data.name}</span>
      <button type="button" className="link-button" data-testid="sign-out" onClick={signOut}>
        Sign out
      </button>
    </span>
  );
}
