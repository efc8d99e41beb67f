// The access views' reads and writes: one cache key per list, and every change refreshes the lists.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { access } from '../api/client';

export const keys = {
  apiKeys: ['access', 'keys'],
  users: ['access', 'users'],
  ingestTokens: ['access', 'ingest-tokens'],
};

export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys, queryFn: ({ signal }) => access.keys(signal) });
export const useUsers = () => useQuery({ queryKey: keys.users, queryFn: ({ signal }) => access.users(signal) });
export const useIngestTokens = () => useQuery({ queryKey: keys.ingestTokens, queryFn: ({ signal }) => access.ingestTokens(signal) });

/** A write that, once done, refreshes every access list (and who is signed in, whose role a change may touch). */
export function useAccessChange<I, O>(change: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['access'] }), client.invalidateQueries({ queryKey: ['auth'] })]),
  });
}
