// A list of things a person manages (rules, routes, channels, silences, dashboards…): loading, error and empty
// states, then one table whose rows the caller draws. One place for that markup, so every list reads alike.
import type { ReactNode } from 'react';
import { QueryState } from './states';

/** A column heading; `num` right-aligns it like its figures. */
export type Column = string | { label: string; num?: boolean };

export function ListTable<T>({
  query,
  what,
  empty,
  testId,
  columns,
  children,
}: {
  query: { data: T[] | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  /** What is listed, plural ("rules"): said while loading and on failure. */
  what: string;
  empty: ReactNode;
  testId: string;
  columns: Column[];
  /** Draws the rows (`<tr>`s) of the loaded list. */
  children: (list: T[]) => ReactNode;
}) {
  return (
    <QueryState query={query} what={what} isEmpty={(d) => d.length === 0} empty={empty}>
      {(list) => (
        <div className="table-wrap">
          <table className="table" data-testid={testId}>
            <thead>
              <tr>
                {columns.map((c, i) =>
                  typeof c === 'string' ? <th key={i}>{c}</th> : <th key={i} className={c.num ? 'num' : undefined}>{c.label}</th>,
                )}
              </tr>
            </thead>
            <tbody>{children(list)}</tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
