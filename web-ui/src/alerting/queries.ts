// The alerting views' reads and writes: one cache key per resource, refreshed every few seconds (alert state is
// "now", not a time range), and every change refreshes what it touched.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { alerting } from '../api/client';

const LIVE_MS = 5_000;

export const keys = {
  rules: ['alerting', 'rules'],
  alerts: ['alerting', 'alerts'],
  history: (ruleId?: number) => ['alerting', 'history', ruleId ?? 'all'],
  silences: ['alerting', 'silences'],
  channels: ['alerting', 'channels'],
  routes: ['alerting', 'routes'],
  notifications: (channelId: number | null) => ['alerting', 'notifications', channelId],
};

export const useRules = () => useQuery({ queryKey: keys.rules, queryFn: ({ signal }) => alerting.rules(signal), refetchInterval: LIVE_MS });
export const useAlerts = () => useQuery({ queryKey: keys.alerts, queryFn: ({ signal }) => alerting.alerts(signal), refetchInterval: LIVE_MS });
export const useHistory = (ruleId?: number) =>
  useQuery({ queryKey: keys.history(ruleId), queryFn: ({ signal }) => alerting.history(ruleId, signal), refetchInterval: LIVE_MS });
export const useSilences = () => useQuery({ queryKey: keys.silences, queryFn: ({ signal }) => alerting.silences(signal), refetchInterval: LIVE_MS });
export const useChannels = () => useQuery({ queryKey: keys.channels, queryFn: ({ signal }) => alerting.channels(signal) });
export const useRoutes = () => useQuery({ queryKey: keys.routes, queryFn: ({ signal }) => alerting.routes(signal) });
/** The delivery log is per channel (the API asks for one); nothing is fetched until one is chosen. */
export const useNotifications = (channelId: number | null) =>
  useQuery({
    queryKey: keys.notifications(channelId),
    queryFn: ({ signal }) => alerting.notifications(channelId!, signal),
    enabled: channelId !== null,
    refetchInterval: LIVE_MS,
  });

/** A write that, once done, refreshes every alerting read (they are small, and a change may touch several). */
export function useAlertingChange<I, O>(change: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => client.invalidateQueries({ queryKey: ['alerting'] }) });
}
