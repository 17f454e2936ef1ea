import { useSession, useStores } from '../../app/stores-context';
import { selectConnection } from '../session/session-selectors';
import { capacityText } from './capacity';

/**
 * The agent's own switches, at the top of the inbox: available or away (routing stops offering
 * while away), how full they are, and how loudly Warmline announces work.
 */
export function AgentStatusBar({ activeCount }: { activeCount: number }) {
  const { session } = useStores();
  const agent = useSession((state) => state.session?.agent ?? null);
  const preferences = useSession((state) => state.session?.preferences ?? null);
  const settingError = useSession((state) => state.settingError);
  const isAway = agent?.presence === 'away';
  // Without the hub no chat can reach the agent, whatever they chose: say so rather than "Available".
  const isOffline = useSession(selectConnection)?.status !== 'online';

  return (
    <div className="agent-status" data-testid="agent-status">
      <div className="agent-status__row">
        {isOffline ? (
          <span className="presence-switch presence-switch--offline" role="status" data-testid="presence-offline">
            <span className="presence-switch__dot" aria-hidden="true" />
            Offline
            <span className="visually-hidden"> — no new chats until Warmline reconnects</span>
          </span>
        ) : (
          <button
            type="button"
            role="switch"
            aria-checked={!isAway}
            className={`presence-switch${isAway ? ' presence-switch--away' : ''}`}
            onClick={() => void (isAway ? session.getState().goAvailable() : session.getState().goAway())}
            data-testid="presence-switch"
          >
            <span className="presence-switch__dot" aria-hidden="true" />
            {isAway ? 'Away' : 'Available'}
            <span className="visually-hidden"> — press to go {isAway ? 'available' : 'away'}</span>
          </button>
        )}
        <span className="agent-status__capacity" data-testid="agent-capacity">
          {capacityText(activeCount, agent)}
        </span>
      </div>
      {preferences ? (
        <div className="agent-status__row agent-status__prefs">
          <label className="toggle">
            <input
              type="checkbox"
              checked={preferences.doNotDisturb}
              onChange={(event) => void session.getState().changePreferences({ doNotDisturb: event.target.checked })}
              data-testid="dnd-toggle"
            />
            Do not disturb
          </label>
          <label className="toggle">
            <input
              type="checkbox"
              checked={preferences.sound}
              onChange={(event) => void session.getState().changePreferences({ sound: event.target.checked })}
              data-testid="sound-toggle"
            />
            Sound
          </label>
        </div>
      ) : null}
      {settingError ? (
        <p className="inbox__notice inbox__notice--error" role="alert">
          {settingError}
        </p>
      ) : null}
    </div>
  );
}
