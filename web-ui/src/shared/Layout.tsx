// The frame of every view: navigation, time range, auto refresh, theme.
import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import { useMe } from '../login/me';
import { SignedIn } from '../login/SignedIn';
import { useTheme } from './theme';
import { RANGES, REFRESHES, parseRefresh, parseTimeRange, writeTimeRange, type RangeName } from './timeRange';
import { useCommonSearch } from './urlState';

const NAV = [
  { to: '/services', label: 'Services', testId: 'nav-services' },
  { to: '/map', label: 'Service map', testId: 'nav-map' },
  { to: '/traces', label: 'Traces', testId: 'nav-traces' },
  { to: '/logs', label: 'Logs', testId: 'nav-logs' },
  { to: '/access-logs', label: 'Access logs', testId: 'nav-access-logs' },
  { to: '/metrics', label: 'Metrics', testId: 'nav-metrics' },
  { to: '/cluster', label: 'Cluster', testId: 'nav-cluster' },
  { to: '/dashboards', label: 'Dashboards', testId: 'nav-dashboards' },
  { to: '/alerting', label: 'Alerting', testId: 'nav-alerting' },
];

/** Keys, users and ingest tokens: shown to admins only (the API refuses everyone else anyway). */
const ADMIN_NAV = { to: '/access', label: 'Access', testId: 'nav-access' };

export function Layout({ children }: { children: ReactNode }) {
  const common = useCommonSearch();
  const [theme, toggleTheme] = useTheme();
  const me = useMe();
  const nav = me.data?.role === 'admin' ? [...NAV, ADMIN_NAV] : NAV;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to={`/services${common}`} className="brand" aria-label="Vigil home">
          <span className="brand-dot" aria-hidden="true" /> Vigil
        </NavLink>
        <nav aria-label="Views" className="nav">
          {nav.map((n) => (
            <NavLink key={n.to} to={`${n.to}${common}`} data-testid={n.testId} className={({ isActive }) => (isActive ? 'active' : '')}>
              {n.label}
            </NavLink>
          ))}
        </nav>
        <div className="toolbar">
          <TimeControls />
          <button
            type="button"
            className="icon-button"
            data-testid="theme-toggle"
            onClick={toggleTheme}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
            title={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <SignedIn />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function toLocalInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function TimeControls() {
  const [params, setParams] = useSearchParams();
  const range = parseTimeRange(params);
  const refresh = parseRefresh(params);
  const queryClient = useQueryClient();
  const fetching = useIsFetching();
  const [customOpen, setCustomOpen] = useState(false);
  const now = Date.now();
  const [from, setFrom] = useState(() => toLocalInput(range.kind === 'absolute' ? range.from : new Date(now - 3_600_000)));
  const [to, setTo] = useState(() => toLocalInput(range.kind === 'absolute' ? range.to : new Date(now)));

  const selectValue = range.kind === 'absolute' ? 'custom' : range.range;

  const onRange = (value: string) => {
    if (value === 'custom') {
      setCustomOpen(true);
      return;
    }
    setCustomOpen(false);
    setParams((prev) => writeTimeRange(prev, { kind: 'relative', range: value as RangeName }));
  };

  const applyCustom = () => {
    const f = new Date(from);
    const t = new Date(to);
    if (Number.isNaN(f.getTime()) || Number.isNaN(t.getTime()) || f >= t) return;
    setParams((prev) => writeTimeRange(prev, { kind: 'absolute', from: f, to: t }));
    setCustomOpen(false);
  };

  return (
    <div className="time-controls">
      <label className="sr-only" htmlFor="time-range">
        Time range
      </label>
      <select id="time-range" data-testid="time-range" value={customOpen ? 'custom' : selectValue} onChange={(e) => onRange(e.target.value)}>
        {RANGES.map((r) => (
          <option key={r} value={r}>
            Last {r}
          </option>
        ))}
        <option value="custom">Custom…</option>
      </select>
      {(customOpen || range.kind === 'absolute') && (
        <span className="custom-range">
          <input type="datetime-local" aria-label="From" value={from} onChange={(e) => setFrom(e.target.value)} />
          <span aria-hidden="true">→</span>
          <input type="datetime-local" aria-label="To" value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="button" onClick={applyCustom}>
            Apply
          </button>
        </span>
      )}
      <label className="sr-only" htmlFor="auto-refresh">
        Auto refresh
      </label>
      <select
        id="auto-refresh"
        data-testid="auto-refresh"
        value={refresh}
        onChange={(e) =>
          setParams((prev) => {
            const next = new URLSearchParams(prev);
            if (e.target.value === 'off') next.delete('refresh');
            else next.set('refresh', e.target.value);
            return next;
          })
        }
        title="Auto refresh"
      >
        {REFRESHES.map((r) => (
          <option key={r} value={r}>
            {r === 'off' ? 'Refresh: off' : `Every ${r}`}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        onClick={() => void queryClient.invalidateQueries()}
        aria-label="Refresh now"
        title="Refresh now"
      >
        <span className={fetching > 0 ? 'spin' : ''}>⟳</span>
      </button>
    </div>
  );
}
