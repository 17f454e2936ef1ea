import type { Skill } from '../../shared/admin';
import type { HubDatabase } from './database';

/** The skill catalogue: what people can have and queues can require. */
export function createSkillRepository(db: HubDatabase) {
  const statements = {
    all: db.prepare<[], Skill>('SELECT id, name FROM skills ORDER BY name COLLATE NOCASE, id'),
    byId: db.prepare<[string], Skill>('SELECT id, name FROM skills WHERE id = ?'),
    save: db.prepare('INSERT INTO skills (id, name) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name'),
    remove: db.prepare('DELETE FROM skills WHERE id = ?'),
    usedBy: db.prepare<[string, string], number>(
      `SELECT (SELECT count(*) FROM users, json_each(users.skills) WHERE json_each.value = ? AND users.deactivated_at IS NULL)
            + (SELECT count(*) FROM queues, json_each(queues.required_skills) WHERE json_each.value = ?)`,
    ).pluck(),
  };
  return {
    skills: (): Skill[] => statements.all.all(),
    skill: (id: string): Skill | null => statements.byId.get(id) ?? null,
    save(skill: Skill): void {
      statements.save.run(skill.id, skill.name);
    },
    remove(id: string): void {
      statements.remove.run(id);
    },
    /** How many active people and queues name it. */
    usage: (id: string): number => statements.usedBy.get(id, id) ?? 0,
    /** The ids among `ids` that are not in the catalogue. */
    unknown(ids: readonly string[]): string[] {
      return ids.filter((skillId) => !statements.byId.get(skillId));
    },
  };
}

export type SkillRepository = ReturnType<typeof createSkillRepository>;
