// What a form's last submission got wrong: the API's message, and each field it named — in one list, or, for a
// field the form shows its message beside (`inline`), next to that field.
import { ApiError } from '../api/client';

export function FormError({ error, inline = [] }: { error: unknown; inline?: string[] }) {
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  const listed = api ? Object.entries(api.fields).filter(([field]) => !inline.includes(field)) : [];
  return (
    <div className="state state-error form-error" role="alert" data-testid="form-error">
      <strong>{api ? api.describe() : String(error)}</strong>
      {listed.length > 0 && (
        <ul>
          {listed.map(([field, message]) => (
            <li key={field}>
              <code>{field}</code> {message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What the API said about one field of the last submission, shown beside that field; nothing when it said nothing. */
export function FieldError({ error, field }: { error: unknown; field: string }) {
  const message = error instanceof ApiError ? error.fields[field] : undefined;
  if (!message) return null;
  return (
    <span className="field-error bad small" role="alert" data-testid={`field-error-${field}`}>
      {message}
    </span>
  );
}

/** Whether the API named `field` as wrong: for the field's aria-invalid. */
export const fieldInvalid = (error: unknown, field: string) => error instanceof ApiError && field in error.fields;
