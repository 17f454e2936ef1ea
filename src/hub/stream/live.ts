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
  agentStatuses(queues: readonly string[]): Promise<AgentStatus[]>;
  /** Changes within this window go out as one snapshot (default 100 ms). */
  coalesceMs?: number;
  /** A snapshot that could not be read (the store away): the next change sends a fresh one. */
  onError?: (error: unknown) => void;
}

interface Watcher {
  user: User;
  send(message: ServerMessage): void;
  /** Snapshots asked for and the latest sent: reads may finish out of order, and an older one is dropped. */
  asked: number;
  sent: number;
}

/**
 * Ephemeral stream messages that are not in the event log: live agent states for supervisors,
 * admins and wallboards, and "agent is typing" for the supervisors monitoring a conversation.
 * Snapshots are coalesced, so a burst of changes costs one read per distinct set of queues.
 */
export function createLiveChannel(options: LiveOptions) {
  const coalesceMs = options.coalesceMs ?? 100;
  const watchers = new Set<Watcher>();
  let timer: NodeJS.Timeout | null = null;

  const statusesFor = (user: User, cache: Map<string, Promise<AgentStatus[]>>): Promise<AgentStatus[]> => {
    const key = [...user.queues].sort().join('\n');
    let agents = cache.get(key);
    if (!agents) {
      agents = options.agentStatuses(user.queues);
      cache.set(key, agents);
    }
    return agents;
  };

  async function sendSnapshot(watcher: Watcher, cache: Map<string, Promise<AgentStatus[]>>): Promise<void> {
    watcher.asked += 1;
    const asked = watcher.asked;
    const agents = await statusesFor(watcher.user, cache);
    if (asked < watcher.sent || !watchers.has(watcher)) return;
    watcher.sent = asked;
    watcher.send({ type: 'agents', v: 1, agents });
  }

  const snapshot = (watcher: Watcher, cache: Map<string, Promise<AgentStatus[]>>): void => {
    void sendSnapshot(watcher, cache).catch((error: unknown) => options.onError?.(error));
  };

  function pushAgents(): void {
    timer = null;
    const cache = new Map<string, Promise<AgentStatus[]>>();
    for (const watcher of watchers) {
      if (WATCHING_ROLES.has(watcher.user.role)) snapshot(watcher, cache);
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
      const watcher: Watcher = { user, send, asked: 0, sent: 0 };
      watchers.add(watcher);
      if (WATCHING_ROLES.has(user.role)) snapshot(watcher, new Map());
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
