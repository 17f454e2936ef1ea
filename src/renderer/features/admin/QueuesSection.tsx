import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { QueueSettings } from '../../../shared/admin';
import type { AdminStore } from './admin-store';
import { QueueForm } from './QueueForm';

function SkillForm({ store }: { store: AdminStore }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await store.getState().saveSkill({ id, name })) {
      setId('');
      setName('');
    }
  };
  return (
    <form className="admin-inline" onSubmit={(event) => void submit(event)} aria-label="Add a skill">
      <label className="field"><span className="field__label">Skill id</span><input required value={id} onChange={(event) => setId(event.target.value)} data-testid="skill-id" /></label>
      <label className="field"><span className="field__label">Name</span><input required value={name} onChange={(event) => setName(event.target.value)} data-testid="skill-name" /></label>
      <button type="submit" className="button button--secondary" data-testid="skill-save">Add skill</button>
    </form>
  );
}

/** Queues and the skill catalogue routing matches on. */
export function QueuesSection({ store }: { store: AdminStore }) {
  const queues = useStore(store, (state) => state.queues);
  const skills = useStore(store, (state) => state.skills);
  const people = useStore(store, (state) => state.people);
  const [editing, setEditing] = useState<QueueSettings | 'new' | null>(null);
  const actions = store.getState();
  const nameOf = (id: string) => people.find((person) => person.id === id)?.name ?? id;

  return (
    <section className="admin-section" aria-labelledby="admin-queues-title">
      <header className="admin-section__header">
        <h3 id="admin-queues-title">Queues</h3>
        <button type="button" className="button button--primary" onClick={() => setEditing('new')} data-testid="queue-add">New queue</button>
      </header>
      {editing ? (
        <QueueForm
          key={editing === 'new' ? 'new' : editing.id}
          queue={editing === 'new' ? null : editing}
          skills={skills}
          people={people}
          onSubmit={({ id, ...patch }) => (editing === 'new' ? actions.createQueue({ id, ...patch }) : actions.updateQueue(editing.id, patch))}
          onCancel={() => setEditing(null)}
        />
      ) : null}
      <table className="admin-table" data-testid="queues-table">
        <thead>
          <tr><th scope="col">Queue</th><th scope="col">Id</th><th scope="col">Needs</th><th scope="col">Service level</th><th scope="col">Offer timeout</th><th scope="col">Supervisors</th><th scope="col">Live chats</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.id} data-testid="queue-row">
              <th scope="row">{queue.name}</th>
              <td>{queue.id}</td>
              <td>{[...queue.requiredSkills, queue.language ?? ''].filter(Boolean).join(', ') || '—'}</td>
              <td>{queue.serviceLevel.thresholdPercent} % within {queue.serviceLevel.targetSeconds} s</td>
              <td>{queue.offerTimeoutSeconds === null ? 'hub default' : `${queue.offerTimeoutSeconds} s`}</td>
              <td>{queue.supervisors.map(nameOf).join(', ') || '—'}</td>
              <td>{queue.liveChats}</td>
              <td className="admin-table__actions">
                <button type="button" className="button button--quiet" onClick={() => setEditing(queue)} aria-label={`Change ${queue.name}`}>Change</button>
                <button type="button" className="button button--quiet admin-danger" onClick={() => void actions.removeQueue(queue.id)} aria-label={`Remove ${queue.name}`}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Skills</h3>
      <p className="admin-muted">{skills.map((skill) => `${skill.name} (${skill.id})`).join(', ') || 'No skills yet: add the ones your queues and people need.'}</p>
      <SkillForm store={store} />
    </section>
  );
}
