import type { AgentStatus, Presence, User } from '../../shared/conversation';
import type { AgentSelf, Directory } from '../../shared/ipc';
import type { HubHttpClient } from '../hub-client/http-client';

export interface AgentSelfDeps {
  hubCall<T>(call: (client: HubHttpClient, token: string) => Promise<T>): Promise<T>;
  user(): User | null;
  onChanged(): void;
}

const isStatus = (value: unknown): value is Pick<AgentStatus, 'presence' | 'capacity' | 'load'> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AgentStatus).capacity === 'number' &&
  typeof (value as AgentStatus).load === 'number' &&
  typeof (value as AgentStatus).presence === 'string';

/**
 * The signed-in agent's own presence, capacity and load, as the hub last reported them. Agents do
 * not receive the live `agents` list (that is for supervisors), so this is read from the answer to
 * a presence change and from the directory when the stream (re)connects.
 */
export function createAgentSelf(deps: AgentSelfDeps) {
  let self: AgentSelf | null = null;

  const adopt = (status: Pick<AgentStatus, 'presence' | 'capacity' | 'load'>) => {
    self = { presence: status.presence, capacity: status.capacity, load: status.load };
    deps.onChanged();
  };

  return {
    get: (): AgentSelf | null => self,

    forget(): void {
      self = null;
    },

    async setPresence(presence: Exclude<Presence, 'offline'>): Promise<void> {
      const answer = await deps.hubCall((hub, token) => hub.call<unknown>('PUT', '/v1/me/presence', token, { presence }));
      // The route table does not fix the answer's shape; without a status, keep the last known numbers.
      adopt(isStatus(answer) ? answer : { presence, capacity: self?.capacity ?? 0, load: self?.load ?? 0 });
    },

    /** Reads this agent's row of the directory; a hub without the route leaves the state unknown. */
    async refresh(): Promise<void> {
      const me = deps.user();
      if (me?.role !== 'agent') return;
      const directory = await deps.hubCall((hub, token) => hub.call<Directory>('GET', '/v1/directory', token)).catch(() => null);
      const row = directory?.agents.find((agent) => agent.id === me.id);
      if (row && isStatus(row)) adopt(row);
    },
  };
}

export type AgentSelfState = ReturnType<typeof createAgentSelf>;
