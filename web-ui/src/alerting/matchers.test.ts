import { describe, expect, it } from 'vitest';
import { formatMatchers, parseMatchers } from './matchers';

describe('matchers as typed', () => {
  it('reads every operator, split by lines or commas', () => {
    expect(parseMatchers('service=payment, severity!=info\nroute=~/api/.*\nteam !~ ops')).toEqual({
      matchers: [
        { label: 'service', op: '=', value: 'payment' },
        { label: 'severity', op: '!=', value: 'info' },
        { label: 'route', op: '=~', value: '/api/.*' },
        { label: 'team', op: '!~', value: 'ops' },
      ],
    });
  });

  it('names the first piece that is not a matcher', () => {
    expect(parseMatchers('service=payment, payment')).toEqual({ invalid: 'payment' });
    expect(parseMatchers('service=')).toEqual({ invalid: 'service=' });
  });

  it('writes them back as typed', () => {
    expect(formatMatchers([{ label: 'a', op: '=~', value: 'x.*' }, { label: 'b', op: '!=', value: 'y' }])).toBe('a=~x.*, b!=y');
  });
});
