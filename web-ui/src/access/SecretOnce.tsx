// A secret the API answered once (a new key or ingest token): shown with copy buttons until dismissed, never again.
import { useState } from 'react';

export interface SecretLine {
  label: string;
  value: string;
  testId: string;
}

export function SecretOnce({ title, lines, onDismiss }: { title: string; lines: SecretLine[]; onDismiss: () => void }) {
  return (
    <div className="panel secret-once" role="status" data-testid="secret-once">
      <div className="secret-once-head">
        <strong>{title}</strong>
        <button type="button" onClick={onDismiss} data-testid="secret-dismiss">
          Done
        </button>
      </div>
      <p className="warn small">Copy it now: it will not be shown again. Vigil keeps only a hash of it.</p>
      {lines.map((line) => (
        <CopyLine key={line.testId} {...line} />
      ))}
    </div>
  );
}

function CopyLine({ label, value, testId }: SecretLine) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard
      .writeText(value)
      .then(() => setCopied('yes'))
      // No clipboard (an insecure origin, a denied permission): the text stays selectable by hand.
      .catch(() => setCopied('failed'));
  return (
    <div>
      <div className="muted small">{label}</div>
      <div className="secret-line">
        <code className="code" data-testid={testId}>
          {value}
        </code>
        <button type="button" onClick={copy} aria-label={`Copy ${label}`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'failed' && <p className="bad small">The browser refused the clipboard: select the text and copy it by hand.</p>}
    </div>
  );
}
