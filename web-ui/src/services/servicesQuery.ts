// What the Services view asks: every service's golden signals and series over the time range.
import { api } from '../api/client';
import type { ServicesSignals } from '../api/types';
import type { RangeQuery } from '../shared/query';
import { stepFor } from '../shared/timeRange';

export const servicesSignals: RangeQuery<ServicesSignals> = {
  key: ['services-signals'],
  fn: (window, range, signal) => api.servicesSignals({ ...window, step: stepFor(range, 30) }, signal),
};
