// Spans for tests: `span('b', 'a', 10, 5)` is span b, child of a, starting 10 ms after the trace and lasting 5 ms.
import type { Span } from '../../../api/types';

const T0 = Date.parse('2026-01-01T00:00:00Z');

export function span(id: string, parent: string | null, startMs: number, durationMs: number, extra: Partial<Span> = {}): Span {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: id,
    parentSpanId: parent,
    name: `op-${id}`,
    kind: 'INTERNAL',
    serviceName: 'svc',
    startTime: new Date(T0 + startMs).toISOString(),
    durationNanos: durationMs * 1_000_000,
    status: { code: 'UNSET', message: null },
    attributes: {},
    resourceAttributes: {},
    scope: null,
    events: [],
    links: [],
    ...extra,
  };
}
