// Alerting: what fires now, the rules and their history, silences, channels, routes and the delivery log —
// alert-service's API through query-service. The tab and the selected rule are in the URL.
import { useSearchParams } from 'react-router';
import { useUpdateParams } from '../shared/urlState';
import { AlertsTab } from './AlertsTab';
import { ChannelsTab } from './ChannelsTab';
import { NotificationsTab } from './NotificationsTab';
import { RoutesTab } from './RoutesTab';
import { RulesTab } from './RulesTab';
import { SilencesTab } from './SilencesTab';

const TABS = [
  { id: 'alerts', label: 'Firing', view: AlertsTab },
  { id: 'rules', label: 'Rules', view: RulesTab },
  { id: 'silences', label: 'Silences', view: SilencesTab },
  { id: 'channels', label: 'Channels', view: ChannelsTab },
  { id: 'routes', label: 'Routes', view: RoutesTab },
  { id: 'notifications', label: 'Notifications', view: NotificationsTab },
] as const;

export default function AlertingPage() {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const tab = TABS.find((t) => t.id === params.get('tab')) ?? TABS[0];
  const View = tab.view;
  return (
    <section className="page" data-testid="alerting-page">
      <header className="page-header">
        <h1>Alerting</h1>
        <p className="muted">Rules over the telemetry, what they fire, and where it goes.</p>
      </header>
      <div className="tabs" role="tablist" aria-label="Alerting">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            className={t.id === tab.id ? 'tab active' : 'tab'}
            data-testid={`alerting-tab-${t.id}`}
            onClick={() => update({ tab: t.id, rule: null, channel: null })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        <View />
      </div>
    </section>
  );
}
