import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { AdminStore } from './admin-store';
import { CheckList } from './CheckList';

/** Wallboards on the wall: each gets its address once; revoking signs it out at once. */
export function ScreensSection({ store }: { store: AdminStore }) {
  const screens = useStore(store, (state) => state.screens);
  const queues = useStore(store, (state) => state.queues);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const actions = store.getState();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await actions.createScreen(name, chosen)) {
      setName('');
      setChosen([]);
    }
  };
  return (
    <section className="admin-section" aria-labelledby="admin-screens-title">
      <header className="admin-section__header"><h3 id="admin-screens-title">Wall screens</h3></header>
      <form className="admin-form" onSubmit={(event) => void submit(event)} aria-label="New wall screen">
        <label className="field"><span className="field__label">Screen name</span><input required value={name} onChange={(event) => setName(event.target.value)} data-testid="screen-name" /></label>
        <CheckList legend="Queues it shows" options={queues.map((queue) => ({ id: queue.id, label: queue.name }))} chosen={chosen} onChange={setChosen} testId="screen-queues" />
        <div className="admin-form__actions"><button type="submit" className="button button--primary" disabled={chosen.length === 0} data-testid="screen-save">Create and show its address</button></div>
      </form>
      <table className="admin-table" data-testid="screens-table">
        <thead><tr><th scope="col">Screen</th><th scope="col">Queues</th><th scope="col">Status</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          {screens.map((screen) => (
            <tr key={screen.id} className={screen.isActive ? undefined : 'admin-table__row--inactive'}>
              <th scope="row">{screen.name}</th>
              <td>{screen.queues.join(', ')}</td>
              <td>{screen.isActive ? 'Active' : 'Revoked'}</td>
              <td className="admin-table__actions">
                {screen.isActive ? <button type="button" className="button button--quiet admin-danger" onClick={() => void actions.revokeScreen(screen.id)} aria-label={`Revoke ${screen.name}`}>Revoke</button> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
