// Deleting (or revoking) from a table row: a link-styled button that asks first.
export function DeleteButton({ question, onDelete, testId, label = 'delete' }: { question: string; onDelete: () => void; testId?: string; label?: string }) {
  return (
    <button type="button" className="link-button bad" data-testid={testId} onClick={() => window.confirm(question) && onDelete()}>
      {label}
    </button>
  );
}
