// Which alerts go to which channel, grouped how and repeated how often.
import { useState } from 'react';
import { alerting } from '../api/client';
import { DeleteButton } from '../shared/DeleteButton';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { FormError } from '../shared/FormError';
import { formatMatchers, parseMatchers } from './matchers';
import { useAlertingChange, useChannels, useRoutes } from './queries';

export function RoutesTab() {
  const routes = useRoutes();
  const channels = useChannels();
  const names = new Map((channels.data ?? []).map((c) => [c.id, c.name]));
  const remove = useAlertingChange((id: number) => alerting.deleteRoute(id));
  return (
    <>
      <RouteForm />
      <FormError error={remove.error} />
      <ListTable
        query={routes}
        what="routes"
        testId="routes-table"
        empty={<Empty title="No routes yet">Without a route, alerts notify nobody.</Empty>}
        columns={['Route', 'Channel', 'Matchers', 'Group by', { label: 'Wait / interval / repeat', num: true }, '']}
      >
        {(list) =>
          list.map((r) => (
            <tr key={r.id} data-testid="route-row" data-route={r.name}>
              <td>{r.name}</td>
              <td>{names.get(r.channelId) ?? r.channelId}</td>
              <td className="mono small">{formatMatchers(r.matchers) || 'every alert'}</td>
              <td>{r.groupBy.join(', ')}</td>
              <td className="num">
                {r.groupWaitSeconds} s / {r.groupIntervalSeconds} s / {r.repeatIntervalSeconds} s
              </td>
              <td>
                <DeleteButton question={`Delete the route “${r.name}”?`} onDelete={() => remove.mutate(r.id)} />
              </td>
            </tr>
          ))
        }
      </ListTable>
    </>
  );
}

function RouteForm() {
  const channels = useChannels();
  const [name, setName] = useState('');
  const [channelId, setChannelId] = useState('');
  const [matchers, setMatchers] = useState('');
  const [groupBy, setGroupBy] = useState('alertname');
  const [wait, setWait] = useState('30');
  const [interval, setInterval] = useState('300');
  const [repeat, setRepeat] = useState('14400');
  const create = useAlertingChange(() => {
    const parsed = parseMatchers(matchers);
    if ('invalid' in parsed) throw new Error(`“${parsed.invalid}” is not a matcher (label=value, !=, =~ or !~)`);
    return alerting.createRoute({
      name: name.trim(),
      channelId: Number(channelId),
      matchers: parsed.matchers,
      groupBy: groupBy.split(',').map((g) => g.trim()).filter(Boolean),
      groupWaitSeconds: Number(wait),
      groupIntervalSeconds: Number(interval),
      repeatIntervalSeconds: Number(repeat),
    });
  });
  const list = channels.data ?? [];
  return (
    <form
      className="panel search-form"
      data-testid="route-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(undefined, { onSuccess: () => setName('') });
      }}
    >
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="route-name" />
      </label>
      <label>
        Channel
        <select value={channelId} onChange={(e) => setChannelId(e.target.value)} required data-testid="route-channel">
          <option value="">{list.length ? 'choose…' : 'add a channel first'}</option>
          {list.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.type})
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Matchers (empty: every alert)
        <input value={matchers} onChange={(e) => setMatchers(e.target.value)} placeholder="severity=page, service=~pay.*" data-testid="route-matchers" />
      </label>
      <label>
        Group by
        <input value={groupBy} onChange={(e) => setGroupBy(e.target.value)} data-testid="route-group-by" />
      </label>
      <label>
        Wait (s)
        <input value={wait} onChange={(e) => setWait(e.target.value)} inputMode="numeric" data-testid="route-wait" />
      </label>
      <label>
        Interval (s)
        <input value={interval} onChange={(e) => setInterval(e.target.value)} inputMode="numeric" data-testid="route-interval" />
      </label>
      <label>
        Repeat (s)
        <input value={repeat} onChange={(e) => setRepeat(e.target.value)} inputMode="numeric" data-testid="route-repeat" />
      </label>
      <button type="submit" disabled={create.isPending} data-testid="route-save">
        Add route
      </button>
      <FormError error={create.error} />
    </form>
  );
}
