import type { QueueSettings } from '../../shared/admin';
import type { HubDatabase } from './database';

interface QueueRow {
  id: string;
  name: string;
  required_skills: string;
  language: string | null;
  service_level_seconds: number;
  service_level_percent: number;
  offer_timeout_seconds: number | null;
}

const LIVE_STATES = `('queued', 'offered', 'assigned', 'transferred')`;

/** Queues as an admin sets them up: service level, offer timeout, the supervisors who watch them. */
export function createQueueSettingsRepository(db: HubDatabase) {
  const statements = {
    all: db.prepare<[], QueueRow>('SELECT * FROM queues ORDER BY name COLLATE NOCASE, id'),
    byId: db.prepare<[string], QueueRow>('SELECT * FROM queues WHERE id = ?'),
    supervisors: db.prepare<[string], string>(
      `SELECT u.id FROM queue_members m JOIN users u ON u.id = m.user_id
       WHERE m.queue_id = ? AND u.role IN ('supervisor', 'admin') ORDER BY u.id`,
    ).pluck(),
    clearSupervisors: db.prepare(
      `DELETE FROM queue_members WHERE queue_id = ? AND user_id IN (SELECT id FROM users WHERE role IN ('supervisor', 'admin'))`,
    ),
    addMember: db.prepare('INSERT OR IGNORE INTO queue_members (queue_id, user_id) VALUES (?, ?)'),
    live: db.prepare<[string], number>(`SELECT count(*) FROM conversations WHERE queue = ? AND state IN ${LIVE_STATES}`).pluck(),
    setLevels: db.prepare(
      'UPDATE queues SET service_level_seconds = ?, service_level_percent = ?, offer_timeout_seconds = ? WHERE id = ?',
    ),
    defaultOf: db.prepare<[string], string>('SELECT id FROM integrations WHERE default_queue = ?').pluck(),
    clearMembers: db.prepare('DELETE FROM queue_members WHERE queue_id = ?'),
    remove: db.prepare('DELETE FROM queues WHERE id = ?'),
  };
  const toSettings = (row: QueueRow): QueueSettings => ({
    id: row.id,
    name: row.name,
    requiredSkills: JSON.parse(row.required_skills) as string[],
    language: row.language,
    serviceLevel: { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent },
    offerTimeoutSeconds: row.offer_timeout_seconds,
    supervisors: statements.supervisors.all(row.id),
    liveChats: statements.live.get(row.id) ?? 0,
  });
  return {
    queues: (): QueueSettings[] => statements.all.all().map(toSettings),
    queue(id: string): QueueSettings | null {
      const row = statements.byId.get(id);
      return row ? toSettings(row) : null;
    },
    setLevels(id: string, serviceLevel: QueueSettings['serviceLevel'], offerTimeoutSeconds: number | null): void {
      statements.setLevels.run(serviceLevel.targetSeconds, serviceLevel.thresholdPercent, offerTimeoutSeconds, id);
    },
    /** Exactly these supervisors watch it; its agents stay. */
    setSupervisors(id: string, userIds: readonly string[]): void {
      statements.clearSupervisors.run(id);
      for (const userId of userIds) statements.addMember.run(id, userId);
    },
    /** Integrations (not revoked) whose handoffs land in it by default. */
    integrationsDefaultingTo: (id: string): string[] => statements.defaultOf.all(id),
    remove(id: string): void {
      statements.clearMembers.run(id);
      statements.remove.run(id);
    },
  };
}

export type QueueSettingsRepository = ReturnType<typeof createQueueSettingsRepository>;
