import { useSession, useStores } from '../../app/stores-context';
import { useNow } from '../../components/use-now';
import { formatDuration } from '../../format/time';
import { selectConnection } from '../session/session-selectors';
import { capacityText } from './capacity';

const WRAP_UP = 'Wrap-up';

/** The seconds left of a wrap-up, ticking; the hub ends it by itself, or the agent sooner. */
function WrapUpLeft({ until }: { until: string }) {
  const left = Math.max(0, Date.parse(until) - useNow());
  return <span className="presence-switch__left"> · {formatDuration(left)} left</span>;
}

/**
 * The agent's own switches, at the top of the inbox: available or away, with a reason (routing
 * stops offering while away or wrapping up after a chat), how full they are, and how loudly
 * Warmline announces work.
 */
export function AgentStatusBar({ activeCount }: { activeCount: number }) {
  const { session } = useStores();
  const agent = useSession((state) => state.session?.agent ?? null);
  const preferences = useSession((state) => state.session?.preferences ?? null);
  const settingError = useSession((state) => state.settingError);
  const isAway = agent?.presence === 'away';
  const isWrappingUp = isAway && agent?.reason === WRAP_UP;
  const awayLabel = isWrappingUp ? 'Wrap-up' : agent?.reason ? `Away · ${agent.reason}` : 'Away';
  const reasons = agent?.awayReasons ?? [];
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
            {isAway ? awayLabel : 'Available'}
            {isWrappingUp && agent?.until ? <WrapUpLeft until={agent.until} /> : null}
            <span className="visually-hidden"> — press to {isWrappingUp ? 'end the wrap-up and take chats' : `go ${isAway ? 'available' : 'away'}`}</span>
          </button>
        )}
        {!isOffline && isWrappingUp ? (
          <button type="button" className="button button--quiet agent-status__end" onClick={() => void session.getState().goAvailable()} data-testid="end-wrap-up">
            End wrap-up
          </button>
        ) : null}
        {!isOffline && !isAway && reasons.length > 0 ? (
          <select
            className="agent-status__reason"
            aria-label="Go away for a reason"
            value=""
            onChange={(event) => void session.getState().goAway(event.target.value)}
            data-testid="away-reason"
          >
            <option value="" disabled>
              Away for…
            </option>
            {reasons.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        ) : null}
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
          <label className="toggle" title="Play a sound with each offer's notification">
            <input
              type="checkbox"
              checked={preferences.sound}
              onChange={(event) => void session.getState().changePreferences({ sound: event.target.checked })}
              data-testid="sound-toggle"
            />
            Sound for offers
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
