import type { QueueInput, QueuePatch, QueueSettings, Skill } from '../../shared/admin';
import type { Actor, Administration } from './administration';
import { AdminProblem, notFound } from './problem';
import { referenceProblems } from './references';

const publicQueue = ({ liveChats: _live, ...queue }: QueueSettings) => queue;

/** Skills and queues: the catalogue routing matches on, and where chats wait. */
export function createQueueAdmin(admin: Administration) {
  const { queues, skills, accounts, users } = admin;
  const requireQueue = async (id: string): Promise<QueueSettings> => {
    const queue = await queues.queue(id);
    if (!queue) throw notFound('queue');
    return queue;
  };

  async function checkNeeds(input: QueuePatch): Promise<void> {
    const problems = (await referenceProblems(admin, { skills: input.requiredSkills ?? [] })).map((problem) => ({ ...problem, path: 'requiredSkills' }));
    for (const id of input.supervisors ?? []) {
      const person = await users.person(id);
      if (!person || !person.isActive || person.role === 'agent') problems.push({ path: 'supervisors', message: `${id} is not an active supervisor or admin` });
    }
    if (problems.length > 0) throw new AdminProblem('unknown_reference', problems.map((problem) => problem.message).join('; '), problems);
  }

  async function write(id: string, input: Omit<QueueInput, 'id'>): Promise<void> {
    await accounts.saveQueue(id, input.name, { requiredSkills: input.requiredSkills, language: input.language });
    await queues.setLevels(id, input.serviceLevel, input.offerTimeoutSeconds);
    await queues.setSupervisors(id, input.supervisors);
  }

  return {
    skills: (): Promise<Skill[]> => skills.skills(),
    saveSkill(actor: Actor, skill: Skill): Promise<Skill> {
      return admin.change(actor, 'skill.saved', { kind: 'skill', id: skill.id }, async () => {
        const before = await skills.skill(skill.id);
        await skills.save(skill);
        return { result: skill, before, after: skill };
      });
    },
    async removeSkill(actor: Actor, id: string): Promise<void> {
      await admin.change(actor, 'skill.removed', { kind: 'skill', id }, async () => {
        const before = await skills.skill(id);
        if (!before) throw notFound('skill');
        const usage = await skills.usage(id);
        if (usage > 0) throw new AdminProblem('skill_in_use', `${before.name} is still held by people or required by queues (${usage}): take it off them first.`);
        await skills.remove(id);
        return { result: undefined, before };
      });
    },

    list: (): Promise<QueueSettings[]> => queues.queues(),
    create(actor: Actor, input: QueueInput): Promise<QueueSettings> {
      return admin.change(actor, 'queue.created', { kind: 'queue', id: input.id }, async () => {
        if (await queues.queue(input.id)) throw new AdminProblem('duplicate_queue', `A queue ${input.id} already exists.`, [{ path: 'id', message: 'already in use' }]);
        await checkNeeds(input);
        const { id, ...fields } = input;
        await write(id, fields);
        const created = await requireQueue(id);
        return { result: created, after: publicQueue(created) };
      });
    },
    update(actor: Actor, id: string, patch: QueuePatch): Promise<QueueSettings> {
      return admin.change(actor, 'queue.updated', { kind: 'queue', id }, async () => {
        const before = await requireQueue(id);
        await checkNeeds(patch);
        const { id: _id, liveChats: _live, ...fields } = before;
        await write(id, { ...fields, ...patch });
        const after = await requireQueue(id);
        return { result: after, before: publicQueue(before), after: publicQueue(after) };
      });
    },
    /** Only an empty queue that no integration hands off to by default. */
    async remove(actor: Actor, id: string): Promise<void> {
      await admin.change(actor, 'queue.removed', { kind: 'queue', id }, async () => {
        const before = await requireQueue(id);
        if (before.liveChats > 0) {
          throw new AdminProblem('queue_has_live_chats', `${before.name} has ${before.liveChats} live chat(s): transfer or resolve them first.`);
        }
        const integrations = await queues.integrationsDefaultingTo(id);
        if (integrations.length > 0) {
          throw new AdminProblem('queue_in_use', `Integration(s) ${integrations.join(', ')} hand off to ${before.name}: point them at another queue first.`);
        }
        await queues.remove(id);
        return { result: undefined, before: publicQueue(before) };
      });
    },
  };
}
