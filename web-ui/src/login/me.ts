// Who the browser's session (or key) stands for: one cached answer that the toolbar, the navigation and the
// admin-only views share.
import { useQuery } from '@tanstack/react-query';
import { auth } from '../api/client';

export const ME_KEY = ['auth', 'me'];

export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: ({ signal }) => auth.me(signal), staleTime: 60_000 });
