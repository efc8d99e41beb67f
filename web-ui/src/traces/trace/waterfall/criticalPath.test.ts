import { describe, expect, it } from 'vitest';
import { criticalPath } from './criticalPath';
import { buildSpanTree } from './spanTree';
import { span } from './testSpans';

describe('criticalPath', () => {
  it('follows the child that finishes last, then the one that finished before it started', () => {
    // a: 0..100; b: 10..40; c: 45..90 (finishes last); d: 20..30 inside b; e: 50..60 overlapped by c's child f
    const tree = buildSpanTree([
      span('a', null, 0, 100),
      span('b', 'a', 10, 30),
      span('c', 'a', 45, 45),
      span('d', 'b', 20, 10),
      span('f', 'c', 50, 35),
    ]);
    expect([...criticalPath(tree)].sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
  });

  it('leaves out a parallel child that finished earlier than a longer sibling overlapping it', () => {
    // b and c run in parallel; c ends last and started before b ended: waiting was on c, b is off the path.
    const tree = buildSpanTree([span('a', null, 0, 100), span('b', 'a', 10, 50), span('c', 'a', 5, 90)]);
    expect([...criticalPath(tree)].sort()).toEqual(['a', 'c']);
  });

  it('leaves out children that started after the parent ended (fire and forget)', () => {
    const tree = buildSpanTree([span('a', null, 0, 10), span('late', 'a', 20, 5)]);
    expect([...criticalPath(tree)]).toEqual(['a']);
  });

  it('starts from the real root rather than an earlier orphan', () => {
    const tree = buildSpanTree([span('o', 'gone', 0, 5), span('a', null, 1, 10), span('b', 'a', 2, 8)]);
    expect([...criticalPath(tree)].sort()).toEqual(['a', 'b']);
  });

  it('walks a 10,000-deep chain without exhausting the stack', () => {
    const spans = [span('s0', null, 0, 20_000)];
    for (let i = 1; i < 10_000; i++) spans.push(span(`s${i}`, `s${i - 1}`, i, 20_000 - 2 * i));
    expect(criticalPath(buildSpanTree(spans)).size).toBe(10_000);
  });

  it('is empty for an empty trace', () => {
    expect(criticalPath(buildSpanTree([])).size).toBe(0);
  });
});
