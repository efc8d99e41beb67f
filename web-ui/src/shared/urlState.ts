// View state lives in the URL: these hooks read it and write it back without losing the other parameters.
import { useCallback, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { useSearchParams } from 'react-router';
import { parseRefresh, parseTimeRange, rangeKey, refreshMs, type RefreshName, type TimeRange } from './timeRange';

export function useTimeRange(): { range: TimeRange; key: string; refresh: RefreshName; refetchInterval: number | false } {
  const [params] = useSearchParams();
  const search = params.toString();
  return useMemo(() => {
    const p = new URLSearchParams(search);
    const range = parseTimeRange(p);
    const refresh = parseRefresh(p);
    return { range, key: rangeKey(range), refresh, refetchInterval: refreshMs(refresh) };
  }, [search]);
}

/** Sets (or, with '' / null / [], removes) URL parameters, keeping the others. */
export function useUpdateParams(): (changes: Record<string, string | string[] | null | undefined>, replace?: boolean) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (changes, replace = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            next.delete(k);
            if (Array.isArray(v)) v.filter(Boolean).forEach((x) => next.append(k, x));
            else if (v) next.set(k, v);
          }
          return next;
        },
        { replace },
      );
    },
    [setParams],
  );
}

/** The time-range and refresh parameters of the current URL, to carry over into links to other views. */
export function useCommonSearch(): string {
  const [params] = useSearchParams();
  const out = new URLSearchParams();
  for (const k of ['range', 'from', 'to', 'refresh']) {
    const v = params.get(k);
    if (v) out.set(k, v);
  }
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** `path` with the common parameters and `extra` appended. */
export function withCommon(path: string, common: string, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams(common.startsWith('?') ? common.slice(1) : common);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * A search form whose applied values live in the URL: `applied` is what the URL says, `form` what is being typed.
 * When the URL changes (back/forward, a shared link), the form follows it.
 */
export function useUrlForm<T>(from: (params: URLSearchParams) => T): {
  params: URLSearchParams;
  form: T;
  setForm: Dispatch<SetStateAction<T>>;
  applied: T;
} {
  const [params] = useSearchParams();
  const search = params.toString();
  const [form, setForm] = useState<T>(() => from(params));
  const [prevSearch, setPrevSearch] = useState(search);
  if (search !== prevSearch) {
    setPrevSearch(search);
    setForm(from(params));
  }
  return { params, form, setForm, applied: from(params) };
}
