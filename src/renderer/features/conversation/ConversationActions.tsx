import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DISPOSITIONS, type Disposition } from '../../../shared/conversation';
import { useActions, useStores } from '../../app/stores-context';
import { DISPOSITION_LABELS } from '../../format/labels';
import { parseTarget, targetValue } from '../../format/transfer-target';
import './conversation-actions.css';

/** Transfer (with a note), flag to a supervisor, resolve with a disposition: Alt+T, Alt+F, Alt+R. */
export function ConversationActions({ conversationId }: { conversationId: string }) {
  const { actions } = useStores();
  const panel = useActions((state) => state.panel);
  const directory = useActions((state) => state.directory);
  const isBusy = useActions((state) => state.isBusy);
  const error = useActions((state) => state.error);
  const [target, setTarget] = useState('');
  const [text, setText] = useState('');
  const [disposition, setDisposition] = useState<Disposition>('solved');
  const firstFieldRef = useRef<HTMLSelectElement & HTMLTextAreaElement>(null);

  useEffect(() => {
    setText('');
    setTarget('');
    if (panel) firstFieldRef.current?.focus();
  }, [panel, conversationId]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const store = actions.getState();
    if (panel === 'transfer') {
      const to = parseTarget(target);
      if (to && text.trim()) await store.transfer(conversationId, to, text);
    } else if (panel === 'flag') {
      if (text.trim()) await store.flag(conversationId, text);
    } else if (panel === 'resolve') {
      await store.resolve(conversationId, disposition, text);
    }
  };

  const toggle = (name: 'transfer' | 'flag' | 'resolve', label: string, key: string) => (
    <button
      type="button"
      className="button button--quiet"
      aria-expanded={panel === name}
      aria-keyshortcuts={`Alt+${key}`}
      onClick={() => (panel === name ? actions.getState().closePanel() : actions.getState().openPanel(name))}
      data-testid={`action-${name}`}
    >
      {label} <kbd className="button__kbd" aria-hidden="true">Alt+{key}</kbd>
    </button>
  );

  return (
    <section className="actions" aria-label="Conversation actions">
      <div className="actions__bar">
        {toggle('transfer', 'Transfer', 'T')}
        {toggle('flag', 'Flag to supervisor', 'F')}
        {toggle('resolve', 'Resolve', 'R')}
      </div>
      {panel ? (
        <form
          className="actions__form"
          onSubmit={(event) => void submit(event)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              actions.getState().closePanel();
            } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              // Ctrl+Enter sends the form from its note, as in every chat and mail tool.
              event.preventDefault();
              event.currentTarget.requestSubmit();
            }
          }}
          aria-label={panel === 'transfer' ? 'Transfer' : panel === 'flag' ? 'Flag to a supervisor' : 'Resolve'}
          data-testid={`${panel}-form`}
        >
          {panel === 'transfer' ? (
            <label className="field">
              <span className="field__label">Transfer to</span>
              <select ref={firstFieldRef} value={target} onChange={(event) => setTarget(event.target.value)} required data-testid="transfer-target">
                <option value="">{directory ? 'Choose an agent or a queue…' : 'Loading…'}</option>
                <optgroup label="Agents">
                  {(directory?.agents ?? []).map((agent) => (
                    <option key={agent.id} value={targetValue({ kind: 'agent', id: agent.id })} disabled={agent.presence !== 'available'}>
                      {agent.name} — {agent.presence}, {agent.load} of {agent.capacity}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Queues">
                  {(directory?.queues ?? []).map((queue) => (
                    <option key={queue.id} value={targetValue({ kind: 'queue', id: queue.id })}>
                      {queue.name}
                    </option>
                  ))}
                </optgroup>
              </select>
            </label>
          ) : null}
          {panel === 'resolve' ? (
            <label className="field">
              <span className="field__label">Outcome</span>
              <select ref={firstFieldRef} value={disposition} onChange={(event) => setDisposition(event.target.value as Disposition)} data-testid="resolve-disposition">
                {DISPOSITIONS.map((value) => (
                  <option key={value} value={value}>
                    {DISPOSITION_LABELS[value]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="field">
            <span className="field__label">
              {panel === 'transfer' ? 'Note for the next agent (required)' : panel === 'flag' ? 'What do you need help with?' : 'Note (optional)'}
            </span>
            <textarea
              ref={panel === 'flag' ? firstFieldRef : undefined}
              rows={2}
              maxLength={2000}
              value={text}
              required={panel !== 'resolve'}
              onChange={(event) => setText(event.target.value)}
              aria-keyshortcuts="Control+Enter"
              data-testid={`${panel}-note`}
            />
          </label>
          {error ? (
            <p className="form-error" role="alert" data-testid="action-error">
              {error}
            </p>
          ) : null}
          <div className="actions__buttons">
            <button type="submit" className="button button--primary" disabled={isBusy} data-testid={`${panel}-submit`}>
              {panel === 'transfer' ? 'Transfer' : panel === 'flag' ? 'Raise flag' : 'Resolve'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => actions.getState().closePanel()}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
