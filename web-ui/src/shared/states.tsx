// Loading, empty and error states, the same on every view.
import { useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <div className="state state-loading" data-testid="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty" data-testid="empty-state">
      <strong>{title}</strong>
      {children && <div className="state-body">{children}</div>}
    </div>
  );
}

const RETRY_SECONDS = 5;

/**
 * What failed, and a retry: by itself every few seconds when the failure may pass (API unreachable, storage
 * down), on request otherwise (a 404 of an endpoint this query-service does not have, a bad parameter).
 */
export function ErrorState({ error, retry, what }: { error: unknown; retry?: () => void; what?: string }) {
  const apiError = error instanceof ApiError ? error : null;
  const auto = Boolean(retry) && (apiError ? apiError.retryable : true);
  const [left, setLeft] = useState(RETRY_SECONDS);

  useEffect(() => {
    if (!auto || !retry) return;
    setLeft(RETRY_SECONDS);
    const timer = setInterval(() => {
      setLeft((s) => {
        if (s <= 1) {
          retry();
          return RETRY_SECONDS;
        }
        return s - 1;
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [auto, retry, error]);

  const message = apiError ? apiError.describe() : error instanceof Error ? error.message : String(error);
  const title =
    apiError?.status === 0
      ? 'The query API is unreachable'
      : apiError?.missingEndpoint
        ? 'This query-service does not offer this yet'
        : apiError?.status === 404
          ? 'Not found'
          : `Could not load ${what ?? 'this'}`;
  return (
    <div className="state state-error" data-testid="error-state" role="alert">
      <strong>{title}</strong>
      <div className="state-body">{message}</div>
      {retry && (
        <div className="state-actions">
          <button type="button" onClick={retry}>
            Retry now
          </button>
          {auto && <span className="muted"> retrying in {left} s</span>}
        </div>
      )}
    </div>
  );
}

/** Renders loading / error / empty / content for one query's result. */
export function QueryState<T>({
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  what?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={what ? `Loading ${what}` : 'Loading'} />;
  if (query.error && query.data === undefined)
    return <ErrorState error={query.error} retry={() => void query.refetch()} what={what} />;
  const data = query.data as T;
  if (isEmpty && isEmpty(data)) return <>{empty ?? <Empty title={`No ${what ?? 'data'} in this time range`} />}</>;
  return (
    <>
      {query.error != null && <ErrorState error={query.error} retry={() => void query.refetch()} what={what} />}
      {children(data)}
    </>
  );
}
