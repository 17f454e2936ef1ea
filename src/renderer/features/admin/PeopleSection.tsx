import { useState } from 'react';
import { useStore } from 'zustand';
import type { Person } from '../../../shared/admin';
import type { AdminStore } from './admin-store';
import { ImportPanel } from './ImportPanel';
import { PersonForm } from './PersonForm';

type Editing = { kind: 'new' } | { kind: 'person'; person: Person } | { kind: 'import' } | null;

/** Who works in the hub: add, change, deactivate, reset a password, import from CSV. */
export function PeopleSection({ store }: { store: AdminStore }) {
  const people = useStore(store, (state) => state.people);
  const skills = useStore(store, (state) => state.skills);
  const queues = useStore(store, (state) => state.queues);
  const [editing, setEditing] = useState<Editing>(null);
  const actions = store.getState();

  return (
    <section className="admin-section" aria-labelledby="admin-people-title">
      <header className="admin-section__header">
        <h3 id="admin-people-title">People</h3>
        <button type="button" className="button button--primary" onClick={() => setEditing({ kind: 'new' })} data-testid="person-add">Add person</button>
        <button type="button" className="button button--secondary" onClick={() => setEditing({ kind: 'import' })} data-testid="people-import-open">Import CSV</button>
      </header>
      {editing?.kind === 'new' && <PersonForm person={null} skills={skills} queues={queues} onSubmit={actions.addPerson} onCancel={() => setEditing(null)} />}
      {editing?.kind === 'person' && (
        <PersonForm
          key={editing.person.id}
          person={editing.person}
          skills={skills}
          queues={queues}
          onSubmit={({ email: _email, ...patch }) => actions.updatePerson(editing.person.id, patch)}
          onCancel={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'import' && <ImportPanel store={store} onClose={() => setEditing(null)} />}
      <table className="admin-table" data-testid="people-table">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Capacity</th><th scope="col">Skills</th><th scope="col">Languages</th><th scope="col">Queues</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id} data-testid="person-row" data-email={person.email} className={person.isActive ? undefined : 'admin-table__row--inactive'}>
              <th scope="row">{person.name}</th>
              <td>{person.email}</td>
              <td>{person.role}</td>
              <td>{person.capacity}</td>
              <td>{person.skills.join(', ') || '—'}</td>
              <td>{person.languages.join(', ') || '—'}</td>
              <td>{person.queues.join(', ') || '—'}</td>
              <td>{person.isActive ? 'Active' : 'Deactivated'}</td>
              <td className="admin-table__actions">
                <button type="button" className="button button--quiet" onClick={() => setEditing({ kind: 'person', person })} aria-label={`Change ${person.name}`}>Change</button>
                {person.isActive ? (
                  <>
                    <button type="button" className="button button--quiet" onClick={() => void actions.resetPassword(person.id)} aria-label={`Reset the password of ${person.name}`}>Reset password</button>
                    <button type="button" className="button button--quiet admin-danger" onClick={() => void actions.deactivate(person.id)} aria-label={`Deactivate ${person.name}`} data-testid="person-deactivate">Deactivate</button>
                  </>
                ) : (
                  <button type="button" className="button button--quiet" onClick={() => void actions.reactivate(person.id)} aria-label={`Reactivate ${person.name}`}>Reactivate</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
