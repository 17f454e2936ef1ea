import type { AgentStatus, User } from '../../shared/conversation';
import type { HubEventType, ServerMessage } from '../../shared/protocol';
import type { LoggedEvent } from '../store/events';

/** Events that move an agent's load or open flags, so the agents snapshot is due again. */
const LOAD_EVENTS = new Set<HubEventType>([
  'conversation:offered',
  'conversation:assigned',
  'conversation:state-changed',
  'conversation:transferred',
  'conversation:resolved',
  'conversation:abandoned',
  'flag:raised',
  'flag:answered',
]);

const WATCHING_ROLES = new Set<User['role']>(['supervisor', 'admin', 'wallboard']);

export interface LiveOptions {
  agentStatuses(queues: readonly string[]): AgentStatus[];
  /** Changes within this window go out as one snapshot (default 100 ms). */
  coalesceMs?: number;
}

interface Watcher {
  user: User;
  send(message: ServerMessage): void;
}

/**
 * Ephemeral stream messages that are not in the event log: live agent states for supervisors,
 * admins and wallboards, and "agent is typing" for the supervisors monitoring a conversation.
 * Snapshots are coalesced, so a burst of changes costs one query per distinct set of queues.
 */
export function createLiveChannel(options: LiveOptions) {
  const coalesceMs = options.coalesceMs ?? 100;
  const watchers = new Set<Watcher>();
  let timer: NodeJS.Timeout | null = null;

  const snapshotFor = (user: User, cache: Map<string, AgentStatus[]>): ServerMessage => {
    const key = [...user.queues].sort().join('\n');
    let agents = cache.get(key);
    if (!agents) {
      agents = options.agentStatuses(user.queues);
      cache.set(key, agents);
    }
    return { type: 'agents', v: 1, agents };
  };

  function pushAgents(): void {
    timer = null;
    const cache = new Map<string, AgentStatus[]>();
    for (const watcher of watchers) {
      if (WATCHING_ROLES.has(watcher.user.role)) watcher.send(snapshotFor(watcher.user, cache));
    }
  }

  function agentsChanged(): void {
    if (timer || !hasAgentWatchers()) return;
    timer = setTimeout(pushAgents, coalesceMs);
    timer.unref();
  }

  const hasAgentWatchers = () => [...watchers].some((watcher) => WATCHING_ROLES.has(watcher.user.role));

  return {
    /** A stream client said hello; returns what to call when it goes. Watching roles get a snapshot now. */
    joined(user: User, send: (message: ServerMessage) => void): () => void {
      const watcher = { user, send };
      watchers.add(watcher);
      if (WATCHING_ROLES.has(user.role)) send(snapshotFor(user, new Map()));
      return () => {
        watchers.delete(watcher);
      };
    },
    agentsChanged,
    onEvents(logged: LoggedEvent[]): void {
      if (logged.some((entry) => LOAD_EVENTS.has(entry.event.type))) agentsChanged();
    },
    /** Relays typing to the supervisors monitoring the conversation, and to nobody else. */
    typing(conversationId: string, agentId: string, at: string, monitors: ReadonlySet<string>): void {
      if (monitors.size === 0) return;
      const message: ServerMessage = { type: 'typing', v: 1, conversationId, agentId, at };
      for (const watcher of watchers) {
        if (monitors.has(watcher.user.id) && watcher.user.role !== 'agent') watcher.send(message);
      }
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      watchers.clear();
    },
  };
}

export type LiveChannel = ReturnType<typeof createLiveChannel>;
