// Times views of a running Vigil in headless Chromium (Debian's /usr/bin/chromium, over the DevTools protocol):
// from navigation to the first row of the view, and from the last API answer to that row (the UI's own work:
// parsing, building the span tree, rendering). A benchmark, not a test: it prints figures.
//
//   node --experimental-websocket bench/view-timing.mjs http://127.0.0.1:8080 /services /traces/<id> [...]
//
// Each path is loaded 5 times; the median and the maximum are printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node --experimental-websocket bench/view-timing.mjs BASE_URL PATH...');
  process.exit(2);
}
const RUNS = 5;
const ROWS = ['service-row', 'span-row', 'trace-row', 'log-row', 'access-log-row', 'map-node'];
const port = 9300 + Math.floor(Math.random() * 500);
const profile = mkdtempSync(join(tmpdir(), 'vigil-view-timing-'));
const chrome = spawn(
  process.env.CHROMIUM ?? '/usr/bin/chromium',
  ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
    '--disable-sync', '--disable-quic', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, '--window-size=1440,900', 'about:blank'],
  { stdio: 'ignore' },
);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

try {
  let targets = [];
  for (let i = 0; i < 100 && targets.length === 0; i++) {
    try {
      targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()).filter((t) => t.type === 'page');
    } catch {
      await sleep(100);
    }
  }
  if (targets.length === 0) throw new Error('Chromium did not open its DevTools port');
  const ws = new WebSocket(targets[0].webSocketDebuggerUrl);
  await new Promise((r, j) => {
    ws.addEventListener('open', r);
    ws.addEventListener('error', j);
  });
  let seq = 0;
  const pending = new Map();
  ws.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.id && pending.has(m.id)) {
      pending.get(m.id)(m);
      pending.delete(m.id);
    }
  });
  const send = (method, params = {}) =>
    new Promise((r) => {
      const id = ++seq;
      pending.set(id, r);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await send('Page.enable');
  // Notes, in the page, when the first row of each kind appears.
  await send('Page.addScriptToEvaluateOnNewDocument', {
    source: `window.__vigilSeen = {};
      new MutationObserver(() => {
        for (const sel of ${JSON.stringify(ROWS)}) {
          if (!window.__vigilSeen[sel] && document.querySelector('[data-testid="' + sel + '"]')) window.__vigilSeen[sel] = performance.now();
        }
      }).observe(document, { childList: true, subtree: true });`,
  });
  const probe = `(() => {
    const seen = window.__vigilSeen || {};
    const sel = Object.keys(seen)[0];
    if (!sel) return null;
    const answered = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => e.responseEnd).filter((t) => t <= seen[sel]);
    return { sel, firstRow: seen[sel], lastAnswer: Math.max(0, ...answered), rows: document.querySelectorAll('[data-testid="' + sel + '"]').length };
  })()`;

  for (const path of paths) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      await send('Page.navigate', { url: base + path });
      let value = null;
      for (let i = 0; i < 600 && !value; i++) {
        await sleep(25);
        value = (await send('Runtime.evaluate', { expression: probe, returnByValue: true })).result?.result?.value ?? null;
      }
      if (value) runs.push(value);
    }
    if (runs.length === 0) {
      console.log(`${path}: no rows within 15 s`);
      continue;
    }
    const stat = (xs) => {
      const s = [...xs].sort((a, b) => a - b);
      return `median ${Math.round(s[Math.floor(s.length / 2)])} ms, max ${Math.round(s[s.length - 1])} ms`;
    };
    console.log(
      `${path}: first ${runs[0].sel} after navigation: ${stat(runs.map((r) => r.firstRow))}; ` +
        `after the API answered: ${stat(runs.map((r) => r.firstRow - r.lastAnswer))}; ${runs[0].rows} rows in the DOM (${runs.length} runs)`,
    );
  }
  ws.close();
} finally {
  chrome.kill();
  await sleep(300);
  rmSync(profile, { recursive: true, force: true });
}
