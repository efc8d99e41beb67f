import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The shop the demo simulates (demo/…/ShopPlan.java): what every view must show once its data is stored. */
export const SHOP_SERVICES = ['frontend', 'cart', 'payment', 'inventory'];

/** Where the screenshots of each view go; docs/ui/ holds the set shown in docs/ui.md. */
export const SCREENSHOT_DIR = process.env.VIGIL_UI_SCREENSHOTS
  ?? path.resolve(process.cwd(), '../system-tests/target/ui-screenshots');


/** GET a query-service API and return its JSON, failing with the answer when it is not a 200. */
export async function api<T = any>(request: APIRequestContext, pathAndQuery: string): Promise<T> {
  const response = await request.get(pathAndQuery);
  expect(response.status(), `${pathAndQuery}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

export interface ApiSpan {
  spanId: string;
  parentSpanId: string | null;
  serviceName: string;
  name: string;
  attributes: Record<string, string>;
  status: { code: string; message?: string };
}

/** Depth of each span in the tree the API's parent ids describe; a span whose parent is absent is a root. */
export function expectedDepths(spans: ApiSpan[]): Map<string, number> {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const depths = new Map<string, number>();
  const depthOf = (s: ApiSpan): number => {
    const known = depths.get(s.spanId);
    if (known !== undefined) return known;
    const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
    const d = parent ? depthOf(parent) + 1 : 0;
    depths.set(s.spanId, d);
    return d;
  };
  spans.forEach(depthOf);
  return depths;
}

/** Every span below spanId, per the API's parent ids. */
export function descendants(spans: ApiSpan[], spanId: string): Set<string> {
  const out = new Set<string>();
  let frontier = [spanId];
  while (frontier.length) {
    const next = spans.filter((s) => s.parentSpanId && frontier.includes(s.parentSpanId)).map((s) => s.spanId);
    next.forEach((id) => out.add(id));
    frontier = next;
  }
  return out;
}

/** The rendered span rows as {spanId, depth, service}, in screen order. */
export async function spanRows(page: Page) {
  return page.getByTestId('span-row').evaluateAll((rows) => rows.map((r) => ({
    spanId: r.getAttribute('data-span-id') ?? '',
    depth: Number(r.getAttribute('data-depth')),
    service: r.getAttribute('data-service') ?? '',
  })));
}

/** Sets a form control whether the app renders it as a <select> or as a text input. */
export async function setField(control: Locator, value: string) {
  const tag = await control.evaluate((e) => e.tagName.toLowerCase());
  if (tag === 'select') {
    await control.selectOption(value);
  } else {
    await control.fill(value);
  }
}

export async function fieldValue(control: Locator): Promise<string> {
  return control.evaluate((e) => (e as HTMLInputElement | HTMLSelectElement).value);
}

/** Relative luminance (0 dark … 1 light) of the page's background, read from the element that paints it. */
export async function backgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const painted = [document.querySelector('#root > *'), document.body, document.documentElement]
      .filter((e): e is Element => !!e)
      .map((e) => getComputedStyle(e).backgroundColor)
      .find((c) => c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) ?? 'rgb(255, 255, 255)';
    const [r, g, b] = (painted.match(/[\d.]+/g) ?? ['255', '255', '255']).slice(0, 3).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

/** Switches the theme with the app's own toggle until the background is dark (or light). */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  const wanted = (l: number) => (theme === 'dark' ? l < 0.35 : l > 0.65);
  for (let i = 0; i < 3 && !wanted(await backgroundLuminance(page)); i++) {
    await page.getByTestId('theme-toggle').click();
    await page.waitForTimeout(150);
  }
  expect(wanted(await backgroundLuminance(page)), `theme ${theme} after the toggle`).toBe(true);
}

/** A 1280×800 PNG of what is on screen, named after the view. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Charts and the map animate in; let them settle so the picture is what a person sees.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false, animations: 'disabled' });
}

/** Waits until the view has left its loading state. */
export async function settled(page: Page) {
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * The JSON of the next API answer whose path is `apiPath` and whose query has every one of `params`: what the view
 * is about to show. Start waiting before the action that triggers the request.
 */
export function nextApiAnswer<T = any>(page: Page, apiPath: string, params: Record<string, string> = {}): Promise<T> {
  return page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === apiPath && r.status() === 200
      && Object.entries(params).every(([k, v]) => url.searchParams.get(k) === v);
  }, { timeout: 30_000 }).then((r) => r.json() as Promise<T>);
}

/** The trace ids of the rows once they are exactly `expected`, in order (the view re-renders as answers come). */
export async function expectTraceRows(page: Page, expected: string[]) {
  await expect.poll(() => page.getByTestId('trace-row')
    .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-trace-id'))), { timeout: 15_000 }).toEqual(expected);
}
