// The service picker of the search forms: the services seen in the time range, plus the chosen one if it is not.
import { api } from '../api/client';
import { useRangeQuery } from './query';

export function ServiceSelect({ value, onChange, testId }: { value: string; onChange: (e: { target: { value: string } }) => void; testId: string }) {
  const services = useRangeQuery(['services-list'], (w, _r, signal) => api.services(w, signal));
  const names = services.data?.services.map((s) => s.name) ?? [];
  return (
    <select data-testid={testId} value={value} onChange={onChange}>
      <option value="">any</option>
      {value && !names.includes(value) && <option value={value}>{value}</option>}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </select>
  );
}
