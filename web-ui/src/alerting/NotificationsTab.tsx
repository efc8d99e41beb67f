// The delivery log: each notification to a channel, its status, and every attempt to deliver it.
import { useSearchParams } from 'react-router';
import { formatTime } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { useUpdateParams } from '../shared/urlState';
import { useChannels, useNotifications } from './queries';

export function NotificationsTab() {
  const [params] = useSearchParams();
  const update = useUpdateParams();
  const channels = useChannels();
  // The channel in the URL, else the newest one: the log is kept per channel.
  const newest = channels.data?.length ? Math.max(...channels.data.map((c) => c.id)) : null;
  const channelId = params.get('channel') ? Number(params.get('channel')) : newest;
  const notifications = useNotifications(channelId);
  return (
    <>
      <div className="search-form panel">
        <label>
          Channel
          <select value={channelId ?? ''} onChange={(e) => update({ channel: e.target.value })} data-testid="notifications-channel">
            {(channels.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {channelId === null ? (
        <Empty title="No channels yet">Notifications are kept per channel; add one in the Channels tab.</Empty>
      ) : (
        <ListTable
          query={notifications}
          what="notifications"
          testId="notifications-table"
          empty={<Empty title="No notifications yet" />}
          columns={['Created', 'Said', 'Status', { label: 'Attempts', num: true }, 'Last error']}
        >
          {(list) =>
            [...list].reverse().map((n) => (
              <tr key={n.id} data-testid="notification-row" data-status={n.status} data-said={n.notifiedStatus}>
                <td>{formatTime(n.createdAt)}</td>
                <td>{n.notifiedStatus}</td>
                <td className={n.status === 'failed' ? 'bad' : n.status === 'delivered' ? '' : 'warn'}>{n.status}</td>
                <td className="num" title={n.deliveryAttempts.map((a) => `#${a.attempt} ${a.outcome}${a.httpStatus ? ` ${a.httpStatus}` : ''} at ${formatTime(a.at)}`).join('\n')}>
                  {n.attempts}
                </td>
                <td className="small">{n.lastError ?? ''}</td>
              </tr>
            ))
          }
        </ListTable>
      )}
    </>
  );
}
