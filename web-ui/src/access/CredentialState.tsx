// Whether a key or ingest token still works: active, expired, or revoked (and when).
import { formatTime } from '../shared/format';
import { credentialState } from './access';

export function CredentialState({ credential, now }: { credential: { revokedAt?: string; expiresAt?: string }; now: number }) {
  const state = credentialState(credential, now);
  if (state === 'revoked') return <span className="bad">revoked {formatTime(credential.revokedAt!)}</span>;
  if (state === 'expired') return <span className="warn">expired</span>;
  return <span>active</span>;
}
