// The dashboard views' reads and writes: one cache key per resource; every change refreshes what it touched.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { dashboards } from '../api/client';

export const keys = {
  all: ['dashboards'],
  list: ['dashboards', 'list'],
  one: (uid: string) => ['dashboards', 'one', uid],
  versions: (uid: string) => ['dashboards', 'versions', uid],
  version: (uid: string, v: number) => ['dashboards', 'version', uid, v],
};

export const useDashboardList = () => useQuery({ queryKey: keys.list, queryFn: ({ signal }) => dashboards.list(signal) });
/** One dashboard's query, shared by its page and the start-up prefetch. */
export const dashboardQuery = (uid: string) => ({ queryKey: keys.one(uid), queryFn: ({ signal }: { signal: AbortSignal }) => dashboards.get(uid, signal) });
export const useDashboard = (uid: string) => useQuery(dashboardQuery(uid));

const DASHBOARD_PATH = /^\/dashboards\/([^/]+)\/?$/;

/** When the app opens on a dashboard, asks for its document at once, while the page's own code still loads. */
export function prefetchDashboardOf(client: QueryClient, pathname: string): void {
  const match = DASHBOARD_PATH.exec(pathname);
  if (match) void client.prefetchQuery(dashboardQuery(decodeURIComponent(match[1])));
}
export const useVersions = (uid: string) => useQuery({ queryKey: keys.versions(uid), queryFn: ({ signal }) => dashboards.versions(uid, signal) });
export const useVersion = (uid: string, v: number | null) =>
  useQuery({ queryKey: keys.version(uid, v ?? 0), queryFn: ({ signal }) => dashboards.version(uid, v!, signal), enabled: v !== null });

/** A write that, once done, refreshes every dashboard read (a save changes the list, the dashboard and its versions). */
export function useDashboardChange<I, O>(change: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => client.invalidateQueries({ queryKey: keys.all }) });
}
