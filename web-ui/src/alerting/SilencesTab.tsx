// Silences, active and ended: make one from matchers and a duration, end one early.
import { useState } from 'react';
import { alerting } from '../api/client';
import { formatTime } from '../shared/format';
import { ListTable } from '../shared/ListTable';
import { Empty } from '../shared/states';
import { SILENCE_HOURS, silenceEnd } from './alerting';
import { FormError } from '../shared/FormError';
import { formatMatchers, parseMatchers } from './matchers';
import { useAlertingChange, useSilences } from './queries';

export function SilencesTab() {
  const silences = useSilences();
  const end = useAlertingChange((id: number) => alerting.expireSilence(id));
  return (
    <>
      <SilenceForm />
      <FormError error={end.error} />
      <ListTable query={silences} what="silences" testId="silences-table" empty={<Empty title="No silences" />} columns={['Matchers', 'Ends', 'By', 'Comment', '']}>
        {(list) =>
          list.map((s) => (
            <tr key={s.id} data-testid="silence-row" data-active={s.active}>
              <td className="mono small">{formatMatchers(s.matchers)}</td>
              <td>{s.active ? formatTime(s.endsAt) : <span className="muted">ended {formatTime(s.endsAt)}</span>}</td>
              <td>{s.createdBy ?? '–'}</td>
              <td>{s.comment ?? ''}</td>
              <td>
                {s.active && (
                  <button type="button" className="link-button" onClick={() => end.mutate(s.id)} data-testid="silence-end">
                    end now
                  </button>
                )}
              </td>
            </tr>
          ))
        }
      </ListTable>
    </>
  );
}

function SilenceForm() {
  const [text, setText] = useState('');
  const [hours, setHours] = useState('1');
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const create = useAlertingChange(() => {
    const parsed = parseMatchers(text);
    if ('invalid' in parsed) throw new Error(`“${parsed.invalid}” is not a matcher (label=value, !=, =~ or !~)`);
    return alerting.createSilence({ matchers: parsed.matchers, endsAt: silenceEnd(Date.now(), Number(hours)), createdBy: 'web UI', comment });
  });
  return (
    <form
      className="panel search-form"
      data-testid="silence-form"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseMatchers(text);
        setInvalid('invalid' in parsed ? parsed.invalid : null);
        if (!('invalid' in parsed)) create.mutate(undefined, { onSuccess: () => setText('') });
      }}
    >
      <label className="grow">
        Matchers
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="alertname=Payment errors, service=payment" aria-invalid={invalid !== null} data-testid="silence-matchers" />
      </label>
      <label>
        For
        <select value={hours} onChange={(e) => setHours(e.target.value)} data-testid="silence-duration">
          {SILENCE_HOURS.map((h) => (
            <option key={h} value={h}>
              {h} h
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        Comment
        <input value={comment} onChange={(e) => setComment(e.target.value)} data-testid="silence-comment" />
      </label>
      <button type="submit" disabled={create.isPending} data-testid="silence-save">
        Silence
      </button>
      {invalid !== null && (
        <p className="bad small" role="alert">
          “{invalid}” is not a matcher: label=value, label!=value, label=~regex or label!~regex.
        </p>
      )}
      <FormError error={create.error} />
    </form>
  );
}
