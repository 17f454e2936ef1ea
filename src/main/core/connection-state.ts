import type { ConnectionState, ConnectionStatus } from '../../shared/ipc';

/** The connection as the user should see it: a status, since when, why, and when we retry. */
export function createConnectionState(now: () => Date, onChange: (state: ConnectionState) => void) {
  let state: ConnectionState = { status: 'signed-out', since: now().toISOString(), hubUrl: null, lastSeq: 0, detail: null, retryInSeconds: null };

  return {
    get: (): ConnectionState => state,
    set(status: ConnectionStatus, patch: Partial<Omit<ConnectionState, 'status' | 'since'>> = {}): void {
      const since = status === state.status ? state.since : now().toISOString();
      state = { ...state, detail: null, retryInSeconds: null, ...patch, status, since };
      onChange(state);
    },
    setLastSeq(lastSeq: number): void {
      state = { ...state, lastSeq };
    },
  };
}

export type ConnectionStateHolder = ReturnType<typeof createConnectionState>;
