// What a form's last submission got wrong: the API's message, and each field it named.
import { ApiError } from '../api/client';

export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  return (
    <div className="state state-error form-error" role="alert" data-testid="form-error">
      <strong>{api ? api.describe() : String(error)}</strong>
      {api && Object.keys(api.fields).length > 0 && (
        <ul>
          {Object.entries(api.fields).map(([field, message]) => (
            <li key={field}>
              <code>{field}</code> {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
