import type { Skill } from '../../shared/admin';
import type { HubDatabase } from './database';
import { jsonArrayTable } from './sql/dialect';
import type { SqlDialect } from './sql/sql';

const ALL = 'SELECT id, name FROM skills ORDER BY lower(name), id';
const BY_ID = 'SELECT id, name FROM skills WHERE id = ?';
const SAVE = 'INSERT INTO skills (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name';
const REMOVE = 'DELETE FROM skills WHERE id = ?';
const usedByText = (dialect: SqlDialect) =>
  `SELECT (SELECT count(*) FROM users, ${jsonArrayTable(dialect, 'users.skills', 'skill')} WHERE skill.value = ? AND users.deactivated_at IS NULL)
        + (SELECT count(*) FROM queues, ${jsonArrayTable(dialect, 'queues.required_skills', 'skill')} WHERE skill.value = ?) AS n`;

/** The skill catalogue: what people can have and queues can require. */
export function createSkillRepository(db: HubDatabase) {
  const usedBy = usedByText(db.dialect);
  const skill = async (id: string): Promise<Skill | null> => (await db.get<Skill>(BY_ID, [id])) ?? null;
  return {
    skills: (): Promise<Skill[]> => db.all<Skill>(ALL),
    skill,
    async save(saved: Skill): Promise<void> {
      await db.run(SAVE, [saved.id, saved.name]);
    },
    async remove(id: string): Promise<void> {
      await db.run(REMOVE, [id]);
    },
    /** How many active people and queues name it. */
    usage: async (id: string): Promise<number> => (await db.get<{ n: number }>(usedBy, [id, id]))?.n ?? 0,
    /** The ids among `ids` that are not in the catalogue. */
    async unknown(ids: readonly string[]): Promise<string[]> {
      const missing: string[] = [];
      for (const skillId of ids) if (!(await skill(skillId))) missing.push(skillId);
      return missing;
    },
  };
}

export type SkillRepository = ReturnType<typeof createSkillRepository>;
