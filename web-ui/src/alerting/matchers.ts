// Matchers as people type them, one per line or comma: `service=payment`, `severity!=info`, `route=~/api/.*`.
import type { Matcher } from '../api/types';

const PATTERN = /^\s*([A-Za-z_][A-Za-z0-9_.\-]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** The matchers of the text, or the first piece that is not one. */
export function parseMatchers(text: string): { matchers: Matcher[] } | { invalid: string } {
  const matchers: Matcher[] = [];
  for (const piece of text.split(/[\n,]/).map((p) => p.trim()).filter(Boolean)) {
    const m = PATTERN.exec(piece);
    if (!m || m[3] === '') return { invalid: piece };
    matchers.push({ label: m[1], op: m[2] as Matcher['op'], value: m[3] });
  }
  return { matchers };
}

export function formatMatchers(matchers: Matcher[]): string {
  return matchers.map((m) => `${m.label}${m.op}${m.value}`).join(', ');
}
