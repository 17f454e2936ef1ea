import { useState, type FormEvent } from 'react';
import { STAFF_ROLES, type Person, type PersonInput, type QueueSettings, type Skill, type StaffRole } from '../../../shared/admin';
import { CheckList } from './CheckList';
import { joinList, parseList } from './admin-fields';

/** Adding someone (email editable) or changing them (email fixed): the same fields. */
export function PersonForm({ person, skills, queues, onSubmit, onCancel }: {
  person: Person | null;
  skills: Skill[];
  queues: QueueSettings[];
  onSubmit(input: PersonInput): Promise<boolean>;
  onCancel(): void;
}) {
  const [email, setEmail] = useState(person?.email ?? '');
  const [name, setName] = useState(person?.name ?? '');
  const [role, setRole] = useState<StaffRole>(person?.role ?? 'agent');
  const [capacity, setCapacity] = useState(String(person?.capacity ?? 3));
  const [chosenSkills, setSkills] = useState<string[]>(person?.skills ?? []);
  const [languages, setLanguages] = useState(joinList(person?.languages ?? []));
  const [chosenQueues, setQueues] = useState<string[]>(person?.queues ?? []);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await onSubmit({ email, name, role, capacity: Number(capacity), skills: chosenSkills, languages: parseList(languages), queues: chosenQueues });
    setBusy(false);
    if (done) onCancel();
  };

  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} aria-label={person ? `Change ${person.name}` : 'Add a person'} data-testid="person-form">
      <label className="field">
        <span className="field__label">Email</span>
        <input type="email" required value={email} disabled={person !== null} onChange={(event) => setEmail(event.target.value)} data-testid="person-email" />
      </label>
      <label className="field">
        <span className="field__label">Name</span>
        <input required value={name} onChange={(event) => setName(event.target.value)} data-testid="person-name" />
      </label>
      <label className="field">
        <span className="field__label">Role</span>
        <select value={role} onChange={(event) => setRole(event.target.value as StaffRole)} data-testid="person-role">
          {STAFF_ROLES.map((option) => <option key={option} value={option}>{option}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field__label">Capacity <span className="field__hint">chats at once</span></span>
        <input type="number" min={0} max={50} value={capacity} onChange={(event) => setCapacity(event.target.value)} data-testid="person-capacity" />
      </label>
      <label className="field">
        <span className="field__label">Languages <span className="field__hint">codes, comma-separated: en, fr</span></span>
        <input value={languages} onChange={(event) => setLanguages(event.target.value)} data-testid="person-languages" />
      </label>
      <CheckList legend="Skills" options={skills.map((skill) => ({ id: skill.id, label: skill.name }))} chosen={chosenSkills} onChange={setSkills} testId="person-skills" />
      <CheckList legend="Queues" options={queues.map((queue) => ({ id: queue.id, label: queue.name }))} chosen={chosenQueues} onChange={setQueues} testId="person-queues" />
      <div className="admin-form__actions">
        <button type="submit" className="button button--primary" disabled={isBusy} data-testid="person-save">{person ? 'Save changes' : 'Add person'}</button>
        <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
