import { useState, type FormEvent } from 'react';
import { useStores } from '../../app/stores-context';
import { parseTarget, targetValue } from '../../format/transfer-target';
import { SupervisorReply } from './SupervisorReply';
import { TRANSFER_TARGET_ID, WHISPER_INPUT_ID } from './use-console-shortcuts';
import { useSupervisor } from './use-supervisor';

/** Whisper, barge in, take over, force transfer: each one labelled and reachable by keyboard (console-shortcuts.ts). */
export function StepInActions() {
  const { supervisor } = useStores();
  const monitored = useSupervisor((state) => state.monitored);
  const agents = useSupervisor((state) => state.agents);
  const isBusy = useSupervisor((state) => state.isBusy);
  const [whisper, setWhisper] = useState('');
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  if (!monitored) return null;

  const onWhisper = async (event: FormEvent) => {
    event.preventDefault();
    if (whisper.trim() && (await supervisor.getState().whisper(whisper.trim()))) setWhisper('');
  };
  const onTransfer = async (event: FormEvent) => {
    event.preventDefault();
    const to = parseTarget(target);
    if (!to || !note.trim()) return;
    if (await supervisor.getState().transfer(to, note.trim())) {
      setTarget('');
      setNote('');
    }
  };

  return (
    <div className="step-in" data-testid="step-in-actions">
      <SupervisorReply />
      <form className="step-in__row" aria-label="Whisper to the agent" onSubmit={(event) => void onWhisper(event)}>
        <label htmlFor={WHISPER_INPUT_ID}>
          Whisper to the agent (the customer never sees it) <kbd className="button__kbd" aria-hidden="true">Alt+W</kbd>
        </label>
        <input
          id={WHISPER_INPUT_ID}
          className="input"
          data-testid="whisper-input"
          aria-keyshortcuts="Alt+W"
          value={whisper}
          onChange={(event) => setWhisper(event.target.value)}
        />
        <button type="submit" className="button" data-testid="whisper-send" disabled={isBusy || !whisper.trim()}>
          Whisper
        </button>
      </form>
      <div className="step-in__row">
        <button type="button" className="button" data-testid="barge-button" aria-keyshortcuts="Alt+B" disabled={isBusy} onClick={() => void supervisor.getState().barge()}>
          Barge in (the customer sees you join) <kbd className="button__kbd" aria-hidden="true">Alt+B</kbd>
        </button>
        <button type="button" className="button" data-testid="take-over-button" aria-keyshortcuts="Alt+O" disabled={isBusy} onClick={() => void supervisor.getState().takeOver()}>
          Take over <kbd className="button__kbd" aria-hidden="true">Alt+O</kbd>
        </button>
      </div>
      <form className="step-in__row" aria-label="Force transfer" onSubmit={(event) => void onTransfer(event)}>
        <label htmlFor={TRANSFER_TARGET_ID}>
          Transfer to <kbd className="button__kbd" aria-hidden="true">Alt+T</kbd>
        </label>
        <select
          id={TRANSFER_TARGET_ID}
          className="input"
          data-testid="transfer-target"
          aria-keyshortcuts="Alt+T"
          value={target}
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="">Choose…</option>
          <option value={targetValue({ kind: 'queue', id: monitored.queue })}>Back to queue {monitored.queue}</option>
          {agents
            .filter((agent) => agent.id !== monitored.owner.id)
            .map((agent) => (
              <option key={agent.id} value={targetValue({ kind: 'agent', id: agent.id })}>
                {agent.name} ({agent.presence}, {agent.load}/{agent.capacity})
              </option>
            ))}
        </select>
        <label htmlFor="transfer-note">Note for the receiving agent</label>
        <input id="transfer-note" className="input" data-testid="transfer-note" value={note} onChange={(event) => setNote(event.target.value)} />
        <button type="submit" className="button" data-testid="transfer-send" disabled={isBusy || !target || !note.trim()}>
          Transfer
        </button>
      </form>
    </div>
  );
}
