import type { Account, AccountRepository } from '../store/accounts';
import { createAuditRepository, type AuditRecord } from '../store/audit';
import type { HubDatabase } from '../store/database';
import { createHubSettings } from '../store/hub-settings';
import { createPasswordCodeRepository } from '../store/password-codes';
import { createQueueSettingsRepository } from '../store/queue-settings';
import { createSkillRepository } from '../store/skills';
import { createUserRepository } from '../store/users';
import type { ConversationService } from '../services/conversations';
import type { ConversationRepository } from '../store/conversations';

export interface AdministrationDeps {
  db: HubDatabase;
  accounts: AccountRepository;
  conversations: ConversationRepository;
  service: ConversationService;
  now(): Date;
  /** Closes every live connection of a user at once (their sessions are already gone). */
  disconnectUser(userId: string): void;
}

export type Actor = Account;

/** What a change gives back: its result, and for the log its before/after and the id it made (when new). */
export interface AuditedChange<T> {
  result: T;
  before?: unknown;
  after?: unknown;
  targetId?: string;
}

/** The repositories administration works on, and one way to write a change with its audit record. */
export function createAdministration(deps: AdministrationDeps) {
  const { db } = deps;
  const audit = createAuditRepository(db);
  return {
    ...deps,
    users: createUserRepository(db),
    skills: createSkillRepository(db),
    queues: createQueueSettingsRepository(db),
    codes: createPasswordCodeRepository(db),
    settings: createHubSettings(db),
    audit,
    /**
     * Runs a change and records it in the same write: a refused change leaves neither a trace nor
     * an audit entry, and what `run` reads is what it changes. It returns what the log keeps, which
     * must never hold a secret; it does only store work (the write holds the floor's writer lock).
     */
    async change<T>(actor: Actor, action: string, target: AuditRecord['target'], run: () => Promise<AuditedChange<T>>): Promise<T> {
      return db.write(async () => {
        const { result, before, after, targetId } = await run();
        const recorded = { kind: target.kind, id: targetId ?? target.id };
        await audit.record({ at: deps.now().toISOString(), actor: { id: actor.id, name: actor.name }, action, target: recorded, before, after });
        return result;
      });
    },
  };
}

export type Administration = ReturnType<typeof createAdministration>;
