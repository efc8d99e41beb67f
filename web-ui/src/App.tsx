// Routes: each view is its own chunk, loaded when first visited.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './shared/Layout';
import { Empty, Loading } from './shared/states';

const ServicesPage = lazy(() => import('./services/ServicesPage'));
const ServicePage = lazy(() => import('./service/ServicePage'));
const ServiceMapPage = lazy(() => import('./service-map/ServiceMapPage'));
const TraceSearchPage = lazy(() => import('./traces/TraceSearchPage'));
const TracePage = lazy(() => import('./traces/trace/TracePage'));
const LogsPage = lazy(() => import('./logs/LogsPage'));
const AccessLogsPage = lazy(() => import('./access-logs/AccessLogsPage'));
const ClusterPage = lazy(() => import('./cluster/ClusterPage'));
const MetricsExplorerPage = lazy(() => import('./metrics/MetricsExplorerPage'));
const AlertingPage = lazy(() => import('./alerting/AlertingPage'));
const DashboardListPage = lazy(() => import('./dashboards/DashboardListPage'));
const DashboardPage = lazy(() => import('./dashboards/DashboardPage'));
const AccessPage = lazy(() => import('./access/AccessPage'));
const LoginPage = lazy(() => import('./login/LoginPage'));

function RootRedirect() {
  const { search } = useLocation();
  return <Navigate to={`/services${search}`} replace />;
}

export function App() {
  const { pathname } = useLocation();
  // The sign-in page stands alone: the layout's views and their queries need a session first.
  if (pathname === '/login') {
    return (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    );
  }
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<RootRedirect />} />
          <Route path="/services" element={<ServicesPage />} />
          <Route path="/services/:service" element={<ServicePage />} />
          <Route path="/map" element={<ServiceMapPage />} />
          <Route path="/traces" element={<TraceSearchPage />} />
          <Route path="/traces/:traceId" element={<TracePage />} />
          <Route path="/logs" element={<LogsPage />} />
          <Route path="/access-logs" element={<AccessLogsPage />} />
          <Route path="/metrics" element={<MetricsExplorerPage />} />
          <Route path="/cluster" element={<ClusterPage />} />
          <Route path="/dashboards" element={<DashboardListPage />} />
          <Route path="/dashboards/:uid" element={<DashboardPage />} />
          <Route path="/alerting" element={<AlertingPage />} />
          <Route path="/access" element={<AccessPage />} />
          <Route path="*" element={<Empty title="There is no such page">Pick a view above.</Empty>} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
