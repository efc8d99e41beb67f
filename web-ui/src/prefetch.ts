// The app's first data request starts with its entry script, not after the view's own chunk has loaded and
// mounted: for the views a person most often opens directly (Services, a shared trace link, a dashboard).
import type { QueryClient } from '@tanstack/react-query';
import { prefetchDashboardOf } from './dashboards/queries';
import { servicesSignals } from './services/servicesQuery';
import { rangeQueryOptions } from './shared/query';
import { parseTimeRange } from './shared/timeRange';
import { prefetchTraceOf } from './traces/trace/traceQuery';

export function prefetchView(client: QueryClient, location: { pathname: string; search: string }): void {
  if (location.pathname === '/' || location.pathname === '/services' || location.pathname === '/services/') {
    void client.prefetchQuery(rangeQueryOptions(servicesSignals, parseTimeRange(new URLSearchParams(location.search))));
  }
  prefetchTraceOf(client, location.pathname);
  prefetchDashboardOf(client, location.pathname);
}
