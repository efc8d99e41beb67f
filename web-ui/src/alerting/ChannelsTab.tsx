// Where notifications go: Slack, PagerDuty, webhooks. Secrets are write-only: typed once, never shown again.
import { useState } from 'react';
import { alerting } from '../api/client';
import type { ChannelInput } from '../api/types';
import { DeleteButton } from '../shared/DeleteButton';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { FormError } from '../shared/FormError';
import { useAlertingChange, useChannels } from './queries';

const SECRET: Record<string, { field: keyof ChannelInput; label: string }> = {
  slack: { field: 'webhookUrl', label: 'Slack webhook URL' },
  pagerduty: { field: 'routingKey', label: 'PagerDuty routing key' },
  webhook: { field: 'url', label: 'Webhook URL' },
};

export function ChannelsTab() {
  const channels = useChannels();
  const remove = useAlertingChange((id: number) => alerting.deleteChannel(id));
  return (
    <>
      <ChannelForm />
      <FormError error={remove.error} />
      <ListTable query={channels} what="channels" testId="channels-table" empty={<Empty title="No channels yet" />} columns={['Channel', 'Type', 'Secret', '']}>
        {(list) =>
          list.map((c) => (
            <tr key={c.id} data-testid="channel-row" data-channel={c.name}>
              <td>{c.name}</td>
              <td>{c.type}</td>
              <td>{c.secretSet ? 'set (write-only)' : <span className="bad">missing</span>}</td>
              <td>
                <DeleteButton question={`Delete the channel “${c.name}”?`} onDelete={() => remove.mutate(c.id)} />
              </td>
            </tr>
          ))
        }
      </ListTable>
    </>
  );
}

function ChannelForm() {
  const [name, setName] = useState('');
  const [type, setType] = useState('slack');
  const [secret, setSecret] = useState('');
  const [eventsUrl, setEventsUrl] = useState('');
  const create = useAlertingChange(() =>
    alerting.createChannel({ name: name.trim(), type, [SECRET[type].field]: secret.trim(), ...(type === 'pagerduty' && eventsUrl.trim() ? { eventsUrl: eventsUrl.trim() } : {}) }),
  );
  return (
    <form
      className="panel search-form"
      data-testid="channel-form"
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(undefined, {
          onSuccess: () => {
            setName('');
            setSecret('');
            setEventsUrl('');
          },
        });
      }}
    >
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="channel-name" />
      </label>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value)} data-testid="channel-type">
          <option value="slack">Slack</option>
          <option value="pagerduty">PagerDuty</option>
          <option value="webhook">Webhook</option>
        </select>
      </label>
      <label className="grow">
        {SECRET[type].label}
        {/* A password field: the browser neither shows nor remembers it, and the API never sends it back. */}
        <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" data-testid="channel-secret" />
      </label>
      {type === 'pagerduty' && (
        <label className="grow">
          Events API URL (optional)
          <input value={eventsUrl} onChange={(e) => setEventsUrl(e.target.value)} data-testid="channel-events-url" />
        </label>
      )}
      <button type="submit" disabled={create.isPending} data-testid="channel-save">
        Add channel
      </button>
      <FormError error={create.error} />
    </form>
  );
}
