import { useState, type FormEvent } from 'react';
import type { Person, QueueInput, QueueSettings, Skill } from '../../../shared/admin';
import { CheckList } from './CheckList';

/** A queue's setup: what it needs of agents, its service level, offer timeout and supervisors. */
export function QueueForm({ queue, skills, people, onSubmit, onCancel }: {
  queue: QueueSettings | null;
  skills: Skill[];
  people: Person[];
  onSubmit(input: QueueInput): Promise<boolean>;
  onCancel(): void;
}) {
  const [id, setId] = useState(queue?.id ?? '');
  const [name, setName] = useState(queue?.name ?? '');
  const [requiredSkills, setSkills] = useState<string[]>(queue?.requiredSkills ?? []);
  const [language, setLanguage] = useState(queue?.language ?? '');
  const [target, setTarget] = useState(String(queue?.serviceLevel.targetSeconds ?? 60));
  const [threshold, setThreshold] = useState(String(queue?.serviceLevel.thresholdPercent ?? 80));
  const [timeout, setTimeoutSeconds] = useState(queue?.offerTimeoutSeconds === null || !queue ? '' : String(queue.offerTimeoutSeconds));
  const [supervisors, setSupervisors] = useState<string[]>(queue?.supervisors ?? []);
  const watchers = people.filter((person) => person.isActive && person.role !== 'agent');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await onSubmit({
      id,
      name,
      requiredSkills,
      language: language.trim() || null,
      serviceLevel: { targetSeconds: Number(target), thresholdPercent: Number(threshold) },
      offerTimeoutSeconds: timeout.trim() ? Number(timeout) : null,
      supervisors,
    });
    if (done) onCancel();
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} aria-label={queue ? `Change ${queue.name}` : 'New queue'} data-testid="queue-form">
      <label className="field">
        <span className="field__label">Id <span className="field__hint">what bots route to: lower-case</span></span>
        <input required value={id} disabled={queue !== null} pattern="[a-z0-9][a-z0-9_\-]{0,39}" onChange={(event) => setId(event.target.value)} data-testid="queue-id" />
      </label>
      <label className="field">
        <span className="field__label">Name</span>
        <input required value={name} onChange={(event) => setName(event.target.value)} data-testid="queue-name" />
      </label>
      <label className="field">
        <span className="field__label">Language <span className="field__optional">optional</span></span>
        <input value={language} onChange={(event) => setLanguage(event.target.value)} placeholder="en" data-testid="queue-language" />
      </label>
      <label className="field">
        <span className="field__label">Service level: answered within (s)</span>
        <input type="number" min={1} value={target} onChange={(event) => setTarget(event.target.value)} data-testid="queue-sl-target" />
      </label>
      <label className="field">
        <span className="field__label">Service level: goal (%)</span>
        <input type="number" min={1} max={100} value={threshold} onChange={(event) => setThreshold(event.target.value)} data-testid="queue-sl-threshold" />
      </label>
      <label className="field">
        <span className="field__label">Offer timeout (s) <span className="field__optional">blank: the hub's</span></span>
        <input type="number" min={5} max={3600} value={timeout} onChange={(event) => setTimeoutSeconds(event.target.value)} data-testid="queue-offer-timeout" />
      </label>
      <CheckList legend="Required skills" options={skills.map((skill) => ({ id: skill.id, label: skill.name }))} chosen={requiredSkills} onChange={setSkills} testId="queue-skills" />
      <CheckList legend="Supervisors watching" options={watchers.map((person) => ({ id: person.id, label: person.name }))} chosen={supervisors} onChange={setSupervisors} testId="queue-supervisors" />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" data-testid="queue-save">{queue ? 'Save changes' : 'Create queue'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
