import { useStore } from 'zustand';
import { useSession } from '../../app/stores-context';
import { ADMIN_SECTIONS, type AdminSection, type AdminStore } from './admin-store';
import { AuditSection } from './AuditSection';
import { BotsSection } from './BotsSection';
import { PeopleSection } from './PeopleSection';
import { QueuesSection } from './QueuesSection';
import { ScreensSection } from './ScreensSection';
import { ShownOnceDialog } from './ShownOnceDialog';
import { SignInSection } from './SignInSection';
import './admin.css';

const LABELS: Record<AdminSection, string> = { people: 'People', queues: 'Queues & skills', bots: 'Bot integrations', screens: 'Wall screens', 'sign-in': 'Sign-in', audit: 'Audit & retention' };

/** Administration: what an admin sets up in the hub, a section at a time. */
export function AdminArea({ store }: { store: AdminStore }) {
  const section = useStore(store, (state) => state.section);
  const error = useStore(store, (state) => state.error);
  const shownOnce = useStore(store, (state) => state.shownOnce);
  const hubUrl = useSession((state) => state.session?.connection.hubUrl ?? null);

  return (
    <div className="admin" data-testid="admin-area">
      <nav className="admin__nav" aria-label="Administration">
        <h2 className="admin__title">Administration</h2>
        <ul role="tablist" aria-orientation="vertical">
          {ADMIN_SECTIONS.map((id) => (
            <li key={id}>
              <button
                type="button"
                role="tab"
                id={`admin-tab-${id}`}
                aria-selected={section === id}
                aria-controls="admin-panel"
                className="admin__tab"
                data-testid={`admin-tab-${id}`}
                onClick={() => store.getState().open(id)}
              >
                {LABELS[id]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin__panel" id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${section}`}>
        {error ? (
          <div className="admin__error" role="alert" data-testid="admin-error">
            <span>{error}</span>
            <button type="button" className="button button--quiet" onClick={() => store.getState().dismissError()}>
              Dismiss
            </button>
          </div>
        ) : null}
        {shownOnce ? <ShownOnceDialog shown={shownOnce} hubUrl={hubUrl} onDismiss={() => store.getState().dismissShownOnce()} /> : null}
        {section === 'people' && <PeopleSection store={store} />}
        {section === 'queues' && <QueuesSection store={store} />}
        {section === 'bots' && <BotsSection store={store} />}
        {section === 'screens' && <ScreensSection store={store} />}
        {section === 'sign-in' && <SignInSection store={store} />}
        {section === 'audit' && <AuditSection store={store} />}
      </div>
    </div>
  );
}
