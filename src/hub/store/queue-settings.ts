import type { QueueSettings } from '../../shared/admin';
import type { HubDatabase } from './database';
import { columnsOf } from './sql/columns';

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

const QUEUE = columnsOf<QueueRow>()(['id', 'name', 'required_skills', 'language', 'service_level_seconds', 'service_level_percent', 'offer_timeout_seconds']);
const ALL = `SELECT ${QUEUE} FROM queues ORDER BY lower(name), id`;
const BY_ID = `SELECT ${QUEUE} FROM queues WHERE id = ?`;
const SUPERVISORS = `SELECT u.id FROM queue_members m JOIN users u ON u.id = m.user_id
  WHERE m.queue_id = ? AND u.role IN ('supervisor', 'admin') ORDER BY u.id`;
const CLEAR_SUPERVISORS = `DELETE FROM queue_members WHERE queue_id = ? AND user_id IN (SELECT id FROM users WHERE role IN ('supervisor', 'admin'))`;
const ADD_MEMBER = 'INSERT INTO queue_members (queue_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING';
const LIVE = `SELECT count(*) AS n FROM conversations WHERE queue = ? AND state IN ${LIVE_STATES}`;
const SET_LEVELS = 'UPDATE queues SET service_level_seconds = ?, service_level_percent = ?, offer_timeout_seconds = ? WHERE id = ?';
const DEFAULT_OF = 'SELECT id FROM integrations WHERE default_queue = ?';
const CLEAR_MEMBERS = 'DELETE FROM queue_members WHERE queue_id = ?';
const REMOVE = 'DELETE FROM queues WHERE id = ?';

/** Queues as an admin sets them up: service level, offer timeout, the supervisors who watch them. */
export function createQueueSettingsRepository(db: HubDatabase) {
  const toSettings = async (row: QueueRow): Promise<QueueSettings> => ({
    id: row.id,
    name: row.name,
    requiredSkills: JSON.parse(row.required_skills) as string[],
    language: row.language,
    serviceLevel: { targetSeconds: row.service_level_seconds, thresholdPercent: row.service_level_percent },
    offerTimeoutSeconds: row.offer_timeout_seconds,
    supervisors: (await db.all<{ id: string }>(SUPERVISORS, [row.id])).map((supervisor) => supervisor.id),
    liveChats: (await db.get<{ n: number }>(LIVE, [row.id]))?.n ?? 0,
  });
  return {
    async queues(): Promise<QueueSettings[]> {
      const settings: QueueSettings[] = [];
      for (const row of await db.all<QueueRow>(ALL)) settings.push(await toSettings(row));
      return settings;
    },
    async queue(id: string): Promise<QueueSettings | null> {
      const row = await db.get<QueueRow>(BY_ID, [id]);
      return row ? toSettings(row) : null;
    },
    async setLevels(id: string, serviceLevel: QueueSettings['serviceLevel'], offerTimeoutSeconds: number | null): Promise<void> {
      await db.run(SET_LEVELS, [serviceLevel.targetSeconds, serviceLevel.thresholdPercent, offerTimeoutSeconds, id]);
    },
    /** Exactly these supervisors watch it; its agents stay. */
    async setSupervisors(id: string, userIds: readonly string[]): Promise<void> {
      await db.write(async () => {
        await db.run(CLEAR_SUPERVISORS, [id]);
        for (const userId of userIds) await db.run(ADD_MEMBER, [id, userId]);
      });
    },
    /** Integrations (not revoked) whose handoffs land in it by default. */
    integrationsDefaultingTo: async (id: string): Promise<string[]> => (await db.all<{ id: string }>(DEFAULT_OF, [id])).map((row) => row.id),
    async remove(id: string): Promise<void> {
      await db.write(async () => {
        await db.run(CLEAR_MEMBERS, [id]);
        await db.run(REMOVE, [id]);
      });
    },
  };
}

export type QueueSettingsRepository = ReturnType<typeof createQueueSettingsRepository>;
