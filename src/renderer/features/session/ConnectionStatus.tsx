import { useRef, useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../../shared/ipc';
import { useHistory, useSession, useStores } from '../../app/stores-context';
import { useNow } from '../../components/use-now';
import { formatClock } from '../../format/time';
import { selectResyncText } from '../history/history-selectors';
import { selectConnection } from './session-selectors';

type Tone = 'online' | 'connecting' | 'offline';

interface Shown {
  tone: Tone;
  text: string;
  detail: string | null;
}

/**
 * Counts down from the moment the core reported the retry delay, not from each render. `report`
 * is the object that carried it: each failed attempt sends a new one, even with the same delay.
 */
function useCountdown(seconds: number | null, report: unknown): number | null {
  const now = useNow();
  const origin = useRef<{ report: unknown; at: number }>({ report: undefined, at: 0 });
  if (origin.current.report !== report) origin.current = { report, at: Date.now() };
  if (seconds === null) return null;
  return Math.max(0, seconds - Math.floor((now - origin.current.at) / 1000));
}

function describeHub(connection: ConnectionState, retryIn: number | null): Shown {
  switch (connection.status) {
    case 'online':
      return { tone: 'online', text: 'Online', detail: null };
    case 'connecting':
    case 'signed-out':
      return { tone: 'connecting', text: 'Connecting to the hub…', detail: connection.detail };
    case 'offline': {
      const retry = retryIn === null ? '' : retryIn > 0 ? ` · retrying in ${retryIn} s` : ' · retrying now';
      return {
        tone: 'offline',
        text: `Offline since ${formatClock(connection.since)} — showing cached conversations${retry}`,
        detail: connection.detail,
      };
    }
  }
}

export function ConnectionStatus() {
  const { transport, session } = useStores();
  const bridge = useSyncExternalStore(transport.subscribe, transport.get);
  const connection = useSession(selectConnection);
  const bridgeRetry = useCountdown(bridge.retryInSeconds, bridge);
  const hubRetry = useCountdown(connection?.retryInSeconds ?? null, connection);
  const canRetryHub = bridge.status === 'open' && connection?.status === 'offline';
  const resyncText = useHistory(selectResyncText);

  // The bridge to the local core failing hides everything behind it, so it speaks first.
  const described: Shown | null =
    bridge.status !== 'open'
      ? {
          tone: bridge.status === 'closed' ? 'offline' : 'connecting',
          text:
            bridge.status === 'closed'
              ? `Lost contact with Warmline${bridgeRetry ? ` · retrying in ${bridgeRetry} s` : ' · retrying now'}`
              : 'Connecting to Warmline…',
          detail: null,
        }
      : connection
        ? describeHub(connection, hubRetry)
        : null;
  // Back online but still refilling the cache: say how far, so a half-filled history is explained.
  const isResyncing = resyncText !== null && described?.tone === 'online';
  const shown: Shown | null = isResyncing ? { tone: 'connecting', text: resyncText, detail: null } : described;

  if (!shown) return null;
  return (
    <div
      className={`connection connection--${shown.tone}`}
      role="status"
      data-testid="connection-status"
      data-status={shown.tone}
      data-resyncing={isResyncing ? 'true' : undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{shown.text}</span>
      {shown.detail && shown.tone !== 'online' ? <span className="connection__detail">{shown.detail}</span> : null}
      {canRetryHub ? (
        <button type="button" className="connection__retry" data-testid="retry-now" onClick={() => void session.getState().retryNow()}>
          Retry now
        </button>
      ) : null}
    </div>
  );
}
