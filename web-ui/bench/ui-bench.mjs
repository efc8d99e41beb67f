// ./vigil bench ui: how fast the web UI renders on a running Vigil, in Debian's headless Chromium driven by
// Playwright, with the same API answers fetched without rendering as the baseline of the same run.
// Not a test: it prints figures (docs/performance.md, "Web UI").
import { chromium } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const options = parse(process.argv.slice(2), {
  url: 'http://127.0.0.1:8080', otlp: 'http://127.0.0.1:4318', loads: '20', spans: '10000', scrolls: '5', dashboards: '10',
  dist: ['target/classes/META-INF/resources', 'dist'].map((d) => path.resolve(process.cwd(), d))
    .find((d) => existsSync(path.join(d, 'assets'))) ?? path.resolve(process.cwd(), 'dist'),
  chromium: process.env.VIGIL_CHROMIUM ?? '/usr/bin/chromium',
});
const LOADS = Number(options.loads);
const SPANS = Number(options.spans);
const SCROLLS = Number(options.scrolls);
const DASHBOARD_LOADS = Number(options.dashboards);

function parse(args, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < args.length; i++) {
    const key = args[i].replace(/^--/, '');
    if (!(key in defaults) || i + 1 >= args.length) {
      console.error(`usage: ./vigil bench ui [${Object.keys(defaults).map((k) => `--${k} ${defaults[k]}`).join('] [')}]`);
      process.exit(2);
    }
    out[key] = args[++i];
  }
  return out;
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const stats = (xs) => ({ median: quantile(xs, 0.5), p95: quantile(xs, 0.95), n: xs.length });

// Records, in the page's own clock (ms since navigation start), when `count` elements match a selector (the first
// one by default): no polling from outside, so the figure is what the page did. Attribute changes count too (a
// dashboard panel turns `data-state="ready"` in place).
const firstSeenScript = (selector, count = 1) => `
  (() => {
    const selector = ${JSON.stringify(selector)};
    const seen = () => { if (document.querySelectorAll(selector).length >= ${count}) { window.__benchSeen = performance.now(); return true; } return false; };
    const watch = () => { if (seen()) return; new MutationObserver((_, o) => { if (seen()) o.disconnect(); })
      .observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] }); };
    if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
  })();`;

// Vigil needs credentials: ./vigil bench ui passes the admin key, sent with every request of the page.
const auth = process.env.VIGIL_API_KEY ? { extraHTTPHeaders: { Authorization: `Bearer ${process.env.VIGIL_API_KEY}` } } : {};
/** A request to Vigil's API with the admin key, as the page's own requests carry it. */
function api(pathAndQuery, init = {}) {
  return fetch(`${options.url}${pathAndQuery}`, { ...init, headers: { ...(auth.extraHTTPHeaders ?? {}), ...(init.headers ?? {}) } });
}
// ... and the ingest token, sent with the OTLP requests that load the trace.
const ingestAuth = process.env.VIGIL_INGEST_TOKEN ? { Authorization: `Bearer ${process.env.VIGIL_INGEST_TOKEN}` } : {};

async function timeFirstRender(browser, route, selector, count = 1) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...auth });
  await context.addInitScript(firstSeenScript(selector, count));
  const page = await context.newPage();
  const apiCalls = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url()); });
  await page.goto(options.url + route, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__benchSeen !== undefined, null, { timeout: 60_000, polling: 50 });
  // Where the time went, from the page's own resource timings (same clock): scripts in, API answers in.
  const { ms, scriptsAt, apiSentAt, apiAt } = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const lastEnd = (keep) => Math.max(0, ...resources.filter(keep).map((r) => r.responseEnd));
    const api = resources.filter((r) => new URL(r.name).pathname.startsWith('/api/'));
    return {
      ms: window.__benchSeen,
      apiSentAt: Math.min(...api.map((r) => r.startTime)),
      scriptsAt: lastEnd((r) => r.initiatorType === 'script' || new URL(r.name).pathname.endsWith('.js')),
      apiAt: lastEnd((r) => new URL(r.name).pathname.startsWith('/api/') && r.responseEnd <= window.__benchSeen),
    };
  });
  return { ms, scriptsAt, apiSentAt, apiAt, apiCalls, page, context };
}

async function fetchAll(urls) {
  const t0 = performance.now();
  await Promise.all(urls.map(async (u) => {
    const r = await fetch(u, { headers: auth.extraHTTPHeaders ?? {} });
    if (!r.ok) throw new Error(`${u}: ${r.status}`);
    await r.arrayBuffer();
  }));
  return performance.now() - t0;
}

// --- (b) a 10,000-span trace, sent as OTLP/HTTP JSON --------------------------------------------------------

const hex = (bytes) => randomBytes(bytes).toString('hex');

/** A trace of `count` spans: a root and a tree ten wide, one service per level, each child after its elder sibling. */
function bigTrace(count) {
  const traceId = hex(16);
  const now = BigInt(Date.now()) * 1_000_000n;
  const start = now - 60_000_000_000n;
  const spans = [];
  // Names of its own, so the benchmark's trace never mixes with the demo's shop in the views and their tests.
  const services = ['bench-gateway', 'bench-orders', 'bench-stock', 'bench-pricing', 'bench-search'];
  const queue = [{ id: hex(8), parent: null, depth: 0, start, duration: 50_000_000_000n }];
  while (queue.length && spans.length < count) {
    const s = queue.shift();
    spans.push(s);
    const width = 10n;
    for (let i = 0n; i < width && spans.length + queue.length < count; i++) {
      const slot = s.duration / width;
      queue.push({ id: hex(8), parent: s.id, depth: s.depth + 1, start: s.start + i * slot, duration: slot * 9n / 10n });
    }
  }
  const byService = new Map();
  spans.forEach((s, i) => {
    const service = services[s.depth % services.length];
    if (!byService.has(service)) byService.set(service, []);
    byService.get(service).push({
      traceId, spanId: s.id, ...(s.parent ? { parentSpanId: s.parent } : {}),
      // Each level is another service that the level above called: a server span each.
      name: `${service} step ${i}`, kind: 2,
      startTimeUnixNano: String(s.start), endTimeUnixNano: String(s.start + s.duration),
      attributes: [{ key: 'bench.index', value: { intValue: String(i) } }],
      status: { code: 0 },
    });
  });
  return { traceId, spans, byService };
}

async function sendTrace({ byService }) {
  for (const [service, spans] of byService) {
    for (let i = 0; i < spans.length; i += 2_000) {
      const body = { resourceSpans: [{
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'vigil.bench.ui' }, spans: spans.slice(i, i + 2_000) }],
      }] };
      const r = await fetch(`${options.otlp}/v1/traces`, {
        method: 'POST', headers: { 'content-type': 'application/json', ...ingestAuth }, body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`OTLP/HTTP ${r.status}: ${await r.text()}`);
    }
  }
}

async function awaitStored(traceId, count) {
  const deadline = Date.now() + 120_000;
  let have = 0;
  while (Date.now() < deadline) {
    const r = await api(`/api/v1/traces/${traceId}`);
    if (r.ok) {
      have = (await r.json()).spans.length;
      if (have >= count) return;
    }
    await new Promise((d) => setTimeout(d, 500));
  }
  throw new Error(`trace ${traceId}: ${have} of ${count} spans stored after 120 s`);
}

/** Scrolls the waterfall's scrolling element to its end; resolves with ms until the last span's row is drawn. */
async function timeScrollToEnd(page, lastSpanId) {
  return page.evaluate(async (last) => {
    const waterfall = document.querySelector('[data-testid="waterfall"]');
    const candidates = [waterfall, ...waterfall.querySelectorAll('*'), document.scrollingElement];
    const scroller = candidates.find((e) => e && e.scrollHeight > e.clientHeight + 10
      && getComputedStyle(e).overflowY !== 'visible') ?? document.scrollingElement;
    const t0 = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    const selector = `[data-testid="span-row"][data-span-id="${last}"]`;
    return new Promise((resolve, reject) => {
      const frame = () => {
        if (document.querySelector(selector)) {
          // The frame that shows it: wait for it to be painted.
          requestAnimationFrame(() => resolve(performance.now() - t0));
        } else if (performance.now() - t0 > 30_000) {
          reject(new Error(`row ${last} not drawn within 30 s of scrolling to the end`));
        } else {
          requestAnimationFrame(frame);
        }
      };
      frame();
    });
  }, lastSpanId);
}

// --- (c) a 20-panel dashboard over 24 h, made through the dashboards API ---------------------------------------

const BENCH_DASHBOARD = 'bench-ui-20-panels';
/** The metrics API's own default per metric type (docs/query.md), written out: a panel names its aggregation. */
const DEFAULT_AGGREGATION = { counter: 'rate', sum: 'sum', histogram: 'p50', exponential_histogram: 'p50' };

async function getJson(pathAndQuery) {
  const r = await api(pathAndQuery);
  if (!r.ok) throw new Error(`${pathAndQuery}: ${r.status} ${await r.text()}`);
  return r.json();
}

/**
 * Twenty panels, four a row, of every query kind and panel type, over what this Vigil holds: its busiest service's
 * golden signals, span and log counts, and its first metric (grouped by service where it has one).
 */
async function benchDashboard() {
  const day = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date().toISOString() };
  const services = (await getJson(`/api/v1/services?from=${day.from}&to=${day.to}&limit=1000`)).services;
  const metrics = (await getJson(`/api/v1/metrics?from=${day.from}&to=${day.to}&limit=1000`)).metrics;
  if (!services.length || !metrics.length) throw new Error('the dashboard bench needs spans and metrics from the last 24 h: run ./vigil demo first');
  const service = [...services].sort((a, b) => b.spans - a.spans)[0].name;
  const queries = [
    { kind: 'golden-signals', service: '${service}', signal: 'rate' },
    { kind: 'golden-signals', service: '${service}', signal: 'errorRate' },
    { kind: 'golden-signals', service: '${service}', signal: 'p99' },
    { kind: 'span-count', service: '${service}', status: 'error' },
    { kind: 'log-count', service: '${service}', severity: 'ERROR' },
    ...metrics.slice(0, 5).map((m) => ({ kind: 'metric', metric: m.name, aggregation: DEFAULT_AGGREGATION[m.type] ?? 'avg',
      groupBy: m.resourceKeys.includes('service.name') ? ['service.name'] : [] })),
  ];
  const types = ['timeseries', 'stat', 'gauge', 'timeseries', 'bar', 'table'];
  const panels = Array.from({ length: 20 }, (_, i) => ({
    id: `p${i + 1}`, title: `panel ${i + 1}`, type: types[i % types.length],
    grid: { x: (i % 4) * 3, y: Math.floor(i / 4) * 5, w: 3, h: 5 }, query: queries[i % queries.length],
  }));
  return {
    uid: BENCH_DASHBOARD, title: 'Bench: 20 panels', tags: ['bench'], time: { from: 'now-24h', to: 'now' },
    variables: [{ name: 'service', source: { kind: 'services' }, default: service }], panels,
  };
}

async function putBenchDashboard() {
  const r = await api('/api/v1/dashboards/import?overwrite=true', {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(await benchDashboard()),
  });
  if (!r.ok) throw new Error(`import of the bench dashboard: ${r.status} ${await r.text()}`);
}

// --- (d) the JavaScript shipped ------------------------------------------------------------------------------

function distJs(dir) {
  const assets = path.join(dir, 'assets');
  if (!existsSync(assets)) return null;
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const raw = files.reduce((n, f) => n + readFileSync(path.join(assets, f)).length, 0);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(assets, f)), { level: 9 }).length, 0);
  return { files: files.length, raw, gz };
}

async function servedJs(browser) {
  const context = await browser.newContext({ ...auth });
  const page = await context.newPage();
  const bodies = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.body().catch(() => Buffer.alloc(0)));
  });
  await page.goto(`${options.url}/services`, { waitUntil: 'networkidle' });
  const all = await Promise.all(bodies);
  await context.close();
  return { files: all.length, raw: all.reduce((n, b) => n + b.length, 0),
    gz: all.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) };
}

// --- run -----------------------------------------------------------------------------------------------------

const browser = await chromium.launch({
  executablePath: options.chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic'],
});
const rows = [];
try {
  console.log(`web UI benchmark against ${options.url}: ${LOADS} loads of /services, a ${SPANS}-span trace, ${DASHBOARD_LOADS} loads of a 20-panel dashboard`);
  // (a) Services: one warm-up load (JIT, server caches), then LOADS fresh browser contexts.
  const services = [];
  const servicesScripts = [];
  const servicesSent = [];
  const servicesAnswered = [];
  let servicesCalls = [];
  for (let i = 0; i <= LOADS; i++) {
    const run = await timeFirstRender(browser, '/services', '[data-testid="service-row"]');
    if (i > 0) { services.push(run.ms); servicesScripts.push(run.scriptsAt); servicesSent.push(run.apiSentAt); servicesAnswered.push(run.apiAt); }
    servicesCalls = run.apiCalls;
    await run.context.close();
  }
  const servicesApi = [];
  for (let i = 0; i <= LOADS; i++) {
    const ms = await fetchAll(servicesCalls);
    if (i > 0) servicesApi.push(ms);
  }
  rows.push(['Services: navigation start → table rows rendered', stats(services)]);
  rows.push(['  of which: its scripts loaded (in the page)', stats(servicesScripts)]);
  rows.push(['  of which: its first API request sent (in the page)', stats(servicesSent)]);
  rows.push(['  of which: its API answers received (in the page)', stats(servicesAnswered)]);
  rows.push([`  baseline: its ${servicesCalls.length} API call(s) fetched, no rendering`, stats(servicesApi)]);

  // (b) the big trace
  const trace = bigTrace(SPANS);
  const t0 = performance.now();
  await sendTrace(trace);
  await awaitStored(trace.traceId, trace.spans.length);
  console.log(`stored trace ${trace.traceId} (${trace.spans.length} spans) in ${Math.round(performance.now() - t0)} ms`);
  // Depth-first, children by start time: the last row is the last child all the way down.
  let last = trace.spans[0];
  for (;;) {
    const kids = trace.spans.filter((s) => s.parent === last.id);
    if (!kids.length) break;
    last = kids[kids.length - 1];
  }
  const firstRows = [];
  const traceScripts = [];
  const traceSent = [];
  const traceAnswered = [];
  const scrolls = [];
  let traceCalls = [];
  for (let i = 0; i <= SCROLLS; i++) {
    const run = await timeFirstRender(browser, `/traces/${trace.traceId}`, '[data-testid="span-row"]');
    traceCalls = run.apiCalls;
    const scroll = await timeScrollToEnd(run.page, last.id);
    if (i > 0) { firstRows.push(run.ms); traceScripts.push(run.scriptsAt); traceSent.push(run.apiSentAt); traceAnswered.push(run.apiAt); scrolls.push(scroll); }
    await run.context.close();
  }
  const traceApi = [];
  for (let i = 0; i <= SCROLLS; i++) {
    const ms = await fetchAll([`${options.url}/api/v1/traces/${trace.traceId}`]);
    if (i > 0) traceApi.push(ms);
  }
  rows.push([`${SPANS}-span trace: navigation start → first rows rendered`, stats(firstRows)]);
  rows.push(['  of which: its scripts loaded (in the page)', stats(traceScripts)]);
  rows.push(['  of which: its first API request sent (in the page)', stats(traceSent)]);
  rows.push(['  of which: its API answers received (in the page)', stats(traceAnswered)]);
  rows.push(['  baseline: GET /api/v1/traces/{id}, no rendering', stats(traceApi)]);
  rows.push([`${SPANS}-span trace: scroll to the end → last row drawn`, stats(scrolls)]);
  console.log(`  (the trace page made ${traceCalls.length} API call(s): ${traceCalls.map((u) => new URL(u).pathname).join(', ')})`);

  // (c) the 20-panel dashboard: every panel drawn (its query answered and rendered), over 24 h.
  await putBenchDashboard();
  const dashboard = [];
  const dashboardAnswered = [];
  let dashboardCalls = [];
  try {
    for (let i = 0; i <= DASHBOARD_LOADS; i++) {
      const run = await timeFirstRender(browser, `/dashboards/${BENCH_DASHBOARD}?range=24h`, '[data-testid="panel-body"][data-state="ready"]', 20);
      if (i > 0) { dashboard.push(run.ms); dashboardAnswered.push(run.apiAt); }
      dashboardCalls = run.apiCalls;
      await run.context.close();
    }
  } finally {
    await api(`/api/v1/dashboards/${BENCH_DASHBOARD}`, { method: 'DELETE' });
  }
  rows.push(['20-panel dashboard, 24 h: navigation start → every panel drawn', stats(dashboard)]);
  rows.push(['  of which: its API answers received (in the page)', stats(dashboardAnswered)]);
  console.log(`  (the dashboard page made ${dashboardCalls.length} API call(s))`);

  // (d) JavaScript
  const built = distJs(options.dist);
  const served = await servedJs(browser);

  const pad = (s, n) => String(s).padEnd(n);
  const num = (x) => String(Math.round(x)).padStart(8);
  console.log('');
  console.log(`${pad('measure', 62)}${'median ms'.padStart(10)}${'p95 ms'.padStart(9)}${'runs'.padStart(6)}`);
  for (const [name, s] of rows) console.log(`${pad(name, 62)}${num(s.median).padStart(10)}${num(s.p95).padStart(9)}${String(s.n).padStart(6)}`);
  console.log('');
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  if (built) console.log(`JavaScript in ${options.dist}/assets: ${built.files} files, ${kb(built.raw)}, gzipped ${kb(built.gz)}`);
  else console.log(`no build at ${options.dist}/assets (build web-ui first) — only the served figure below`);
  console.log(`JavaScript the browser loaded for /services: ${served.files} files, ${kb(served.raw)}, gzipped ${kb(served.gz)}`);
} finally {
  await browser.close();
}
