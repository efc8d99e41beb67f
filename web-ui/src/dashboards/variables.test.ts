import { describe, expect, it } from 'vitest';
import type { DashboardVariable } from '../api/types';
import { resolveVariables } from './variables';

const vars: DashboardVariable[] = [
  { name: 'service', source: { kind: 'services' }, default: 'checkout', includeAll: true },
  { name: 'ns', source: { kind: 'custom', values: ['a', 'b'] }, includeAll: true },
  { name: 'pod', source: { kind: 'custom', values: ['p1'] } },
];

describe('dashboard variable values', () => {
  it('come from the URL first', () => {
    expect(resolveVariables(vars, new URLSearchParams('var-service=cart&var-ns=b&var-pod=p1'))).toEqual({ service: 'cart', ns: 'b', pod: 'p1' });
  });
  it('else from the default, else All when offered, else none', () => {
    expect(resolveVariables(vars, new URLSearchParams(''))).toEqual({ service: 'checkout', ns: '*', pod: '' });
    expect(resolveVariables(undefined, new URLSearchParams('var-x=1'))).toEqual({});
  });
});
