import type { QueueInput, QueuePatch, QueueSettings, Skill } from '../../shared/admin';
import type { Actor, Administration } from './administration';
import { AdminProblem, notFound } from './problem';
import { referenceProblems } from './references';

const publicQueue = ({ liveChats: _live, ...queue }: QueueSettings) => queue;

/** Skills and queues: the catalogue routing matches on, and where chats wait. */
export function createQueueAdmin(admin: Administration) {
  const { queues, skills, accounts, users } = admin;
  const requireQueue = (id: string): QueueSettings => queues.queue(id) ?? (() => { throw notFound('queue'); })();

  function checkNeeds(input: QueuePatch): void {
    const problems = referenceProblems(admin, { skills: input.requiredSkills ?? [] }).map((problem) => ({ ...problem, path: 'requiredSkills' }));
    for (const id of input.supervisors ?? []) {
      const person = users.person(id);
      if (!person || !person.isActive || person.role === 'agent') problems.push({ path: 'supervisors', message: `${id} is not an active supervisor or admin` });
    }
    if (problems.length > 0) throw new AdminProblem('unknown_reference', problems.map((problem) => problem.message).join('; '), problems);
  }

  function write(id: string, input: Omit<QueueInput, 'id'>): void {
    accounts.saveQueue(id, input.name, { requiredSkills: input.requiredSkills, language: input.language });
    queues.setLevels(id, input.serviceLevel, input.offerTimeoutSeconds);
    queues.setSupervisors(id, input.supervisors);
    accounts.rosterChanged();
  }

  return {
    skills: (): Skill[] => skills.skills(),
    saveSkill(actor: Actor, skill: Skill): Skill {
      return admin.change(actor, 'skill.saved', { kind: 'skill', id: skill.id }, () => {
        const before = skills.skill(skill.id);
        skills.save(skill);
        return { result: skill, before, after: skill };
      });
    },
    removeSkill(actor: Actor, id: string): void {
      admin.change(actor, 'skill.removed', { kind: 'skill', id }, () => {
        const before = skills.skill(id) ?? (() => { throw notFound('skill'); })();
        const usage = skills.usage(id);
        if (usage > 0) throw new AdminProblem('skill_in_use', `${before.name} is still held by people or required by queues (${usage}): take it off them first.`);
        skills.remove(id);
        return { result: undefined, before };
      });
    },

    list: (): QueueSettings[] => queues.queues(),
    create(actor: Actor, input: QueueInput): QueueSettings {
      return admin.change(actor, 'queue.created', { kind: 'queue', id: input.id }, () => {
        if (queues.queue(input.id)) throw new AdminProblem('duplicate_queue', `A queue ${input.id} already exists.`, [{ path: 'id', message: 'already in use' }]);
        checkNeeds(input);
        const { id, ...fields } = input;
        write(id, fields);
        const created = requireQueue(id);
        return { result: created, after: publicQueue(created) };
      });
    },
    update(actor: Actor, id: string, patch: QueuePatch): QueueSettings {
      return admin.change(actor, 'queue.updated', { kind: 'queue', id }, () => {
        const before = requireQueue(id);
        checkNeeds(patch);
        const { id: _id, liveChats: _live, ...fields } = before;
        write(id, { ...fields, ...patch });
        const after = requireQueue(id);
        return { result: after, before: publicQueue(before), after: publicQueue(after) };
      });
    },
    /** Only an empty queue that no integration hands off to by default. */
    remove(actor: Actor, id: string): void {
      admin.change(actor, 'queue.removed', { kind: 'queue', id }, () => {
        const before = requireQueue(id);
        if (before.liveChats > 0) {
          throw new AdminProblem('queue_has_live_chats', `${before.name} has ${before.liveChats} live chat(s): transfer or resolve them first.`);
        }
        const integrations = queues.integrationsDefaultingTo(id);
        if (integrations.length > 0) {
          throw new AdminProblem('queue_in_use', `Integration(s) ${integrations.join(', ')} hand off to ${before.name}: point them at another queue first.`);
        }
        queues.remove(id);
        accounts.rosterChanged();
        return { result: undefined, before: publicQueue(before) };
      });
    },
  };
}
