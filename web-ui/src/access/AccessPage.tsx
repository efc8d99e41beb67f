// Access: API keys, users and ingest tokens — who may use Vigil and who may send it telemetry. Admins only: the
// navigation shows it to them alone, and anyone else who opens the address is told what role it needs.
import { useSearchParams } from 'react-router';
import { useMe } from '../login/me';
import { Empty, QueryState } from '../shared/states';
import { useUpdateParams } from '../shared/urlState';
import { isAdmin } from './access';
import { IngestTokensTab } from './IngestTokensTab';
import { KeysTab } from './KeysTab';
import { UsersTab } from './UsersTab';

const TABS = [
  { id: 'keys', label: 'API keys', view: KeysTab },
  { id: 'users', label: 'Users', view: UsersTab },
  { id: 'ingest-tokens', label: 'Ingest tokens', view: IngestTokensTab },
] as const;

export default function AccessPage() {
  const me = useMe();
  return (
    <section className="page" data-testid="access-page">
      <header className="page-header">
        <h1>Access</h1>
        <p className="muted">API keys and users for the API and this UI, ingest tokens for the senders of telemetry.</p>
      </header>
      <QueryState query={me} what="who is signed in">
        {(who) =>
          isAdmin(who) ? (
            <AccessTabs />
          ) : (
            <div data-testid="access-denied">
              <Empty title="This needs the admin role">
                You are signed in as {who.name} ({who.role}). Ask an admin to manage API keys, users and ingest tokens.
              </Empty>
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

function AccessTabs() {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const tab = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0];
  const View = tab.view;
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Access">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            className={t.id === tab.id ? 'tab active' : 'tab'}
            data-testid={`access-tab-${t.id}`}
            onClick={() => update({ tab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <View />
      </div>
    </>
  );
}
