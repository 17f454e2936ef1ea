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

/** What `/v1/me/presence` answers: where the agent stands, and (on GET) the hub's away reasons. */
interface PresenceAnswer {
  presence: Presence;
  reason?: string;
  until?: string;
  awayReasons?: string[];
}

const isPresenceAnswer = (value: unknown): value is PresenceAnswer =>
  typeof value === 'object' && value !== null && typeof (value as PresenceAnswer).presence === 'string';

/**
 * The signed-in agent's own presence (with why they are away), capacity and load, as the hub last
 * reported them. Agents do not receive the live `agents` list (that is for supervisors), so this is
 * read from the answer to a presence change, and from the directory and their presence when the
 * stream (re)connects or a chat they closed may have started a wrap-up.
 */
export function createAgentSelf(deps: AgentSelfDeps) {
  let self: AgentSelf | null = null;
  // The hub ends a wrap-up by itself and tells no agent stream: look again when it is due.
  let wrapUpCheck: ReturnType<typeof setTimeout> | null = null;

  const adopt = (status: Pick<AgentStatus, 'presence' | 'capacity' | 'load'>, presence?: PresenceAnswer) => {
    const where = presence ?? { presence: status.presence };
    const awayReasons = presence?.awayReasons ?? self?.awayReasons;
    self = {
      presence: where.presence,
      capacity: status.capacity,
      load: status.load,
      ...(where.reason ? { reason: where.reason } : {}),
      ...(where.until ? { until: where.until } : {}),
      ...(awayReasons ? { awayReasons } : {}),
    };
    if (wrapUpCheck) clearTimeout(wrapUpCheck);
    wrapUpCheck = where.until ? setTimeout(() => void refresh(), Math.max(0, Date.parse(where.until) - Date.now()) + 500) : null;
    wrapUpCheck?.unref?.();
    deps.onChanged();
  };

  /** Reads this agent's row of the directory and their presence; a hub without the routes leaves the state unknown. */
  async function refresh(): Promise<void> {
    const me = deps.user();
    if (me?.role !== 'agent') return;
    const [directory, presence] = await Promise.all([
      deps.hubCall((hub, token) => hub.call<Directory>('GET', '/v1/directory', token)).catch(() => null),
      deps.hubCall((hub, token) => hub.call<unknown>('GET', '/v1/me/presence', token)).catch(() => null),
    ]);
    const row = directory?.agents.find((agent) => agent.id === me.id);
    if (row && isStatus(row)) adopt(row, isPresenceAnswer(presence) ? presence : undefined);
  }

  return {
    get: (): AgentSelf | null => self,

    forget(): void {
      self = null;
      if (wrapUpCheck) clearTimeout(wrapUpCheck);
      wrapUpCheck = null;
    },

    async setPresence(presence: Exclude<Presence, 'offline'>, reason?: string): Promise<void> {
      const answer = await deps.hubCall((hub, token) => hub.call<unknown>('PUT', '/v1/me/presence', token, { presence, ...(reason ? { reason } : {}) }));
      // The answer carries where the agent stands, not their numbers: keep the last known ones.
      const numbers = { presence, capacity: self?.capacity ?? 0, load: self?.load ?? 0 };
      adopt(isStatus(answer) ? answer : numbers, isPresenceAnswer(answer) ? answer : { presence, ...(reason ? { reason } : {}) });
    },

    refresh,
  };
}

export type AgentSelfState = ReturnType<typeof createAgentSelf>;
