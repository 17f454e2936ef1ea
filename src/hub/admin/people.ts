import { randomUUID } from 'node:crypto';
import type { PasswordCode, Person, PersonInput, PersonPatch } from '../../shared/admin';
import { NO_PASSWORD } from '../store/users';
import type { Actor, Administration } from './administration';
import { issuePasswordCode } from './password-codes';
import { AdminProblem, notFound } from './problem';
import { requireKnownReferences } from './references';
import { requeueChatsOf } from './requeue';

const target = (id: string) => ({ kind: 'person', id });
const fieldsOf = ({ email, name, role, capacity, skills, languages, queues }: Person) => ({ email, name, role, capacity, skills, languages, queues });

/** People: add, change, deactivate, reset a password. Every change is audited without secrets. */
export function createPeople(admin: Administration) {
  const { users, accounts, codes } = admin;

  const requirePerson = async (id: string): Promise<Person> => {
    const person = await users.person(id);
    if (!person) throw notFound('person');
    return person;
  };

  async function save(id: string, fields: Omit<Person, 'id' | 'isActive'>, passwordHash: string): Promise<void> {
    await accounts.saveUser({ id, ...fields, passwordHash });
    await users.setQueues(id, fields.queues);
  }

  /** Refuses a change that would leave the hub without an active admin. */
  async function keepAnAdmin(person: Person, isStillAdmin: boolean): Promise<void> {
    if (person.role === 'admin' && person.isActive && !isStillAdmin && (await users.activeAdminCount()) <= 1) {
      throw new AdminProblem('last_admin', `${person.name} is the hub's last active admin: make someone else an admin first.`);
    }
  }

  return {
    list: (): Promise<Person[]> => users.people(),
    get: requirePerson,

    /**
     * A new person, with a one-time code to set their password (shown once, to pass on). `fixedId`
     * is for the demo seed only, whose public ids the README and tests name; the API never sends it.
     */
    add(actor: Actor, input: PersonInput, fixedId?: string): Promise<{ person: Person; passwordCode: PasswordCode }> {
      return admin.change(actor, 'person.created', target(''), async () => {
        if (await users.personByEmail(input.email)) {
          throw new AdminProblem('duplicate_email', `${input.email} already has an account.`, [{ path: 'email', message: 'already in use' }]);
        }
        await requireKnownReferences(admin, input);
        const id = fixedId ?? `u_${randomUUID()}`;
        await save(id, input, NO_PASSWORD);
        const person = await requirePerson(id);
        const passwordCode = await issuePasswordCode(codes, id, admin.now());
        return { result: { person, passwordCode }, after: person, targetId: id };
      });
    },

    update(actor: Actor, id: string, patch: PersonPatch): Promise<Person> {
      return admin.change(actor, 'person.updated', target(id), async () => {
        const before = await requirePerson(id);
        await requireKnownReferences(admin, patch);
        await keepAnAdmin(before, (patch.role ?? before.role) === 'admin');
        await save(id, { ...fieldsOf(before), ...patch }, (await accounts.userById(id))!.passwordHash);
        const after = await requirePerson(id);
        return { result: after, before, after };
      });
    },

    /** Ends their sessions at once, and their open chats go back to the queue with a note. */
    async deactivate(actor: Actor, id: string): Promise<Person> {
      if (id === actor.id) throw new AdminProblem('cannot_deactivate_self', 'You cannot deactivate yourself: ask another admin.');
      const person = await admin.change(actor, 'person.deactivated', target(id), async () => {
        const before = await requirePerson(id);
        if (!before.isActive) return { result: before, before, after: before };
        await keepAnAdmin(before, false);
        await users.deactivate(id, admin.now());
        await codes.clearFor(id);
        const after = await requirePerson(id);
        return { result: after, before, after };
      });
      admin.disconnectUser(id);
      await requeueChatsOf(admin, actor, person);
      return person;
    },

    /** Active again, with a fresh one-time code: their old password stays unusable. */
    reactivate(actor: Actor, id: string): Promise<{ person: Person; passwordCode: PasswordCode }> {
      return admin.change(actor, 'person.reactivated', target(id), async () => {
        const before = await requirePerson(id);
        await users.reactivate(id);
        const passwordCode = await issuePasswordCode(codes, id, admin.now());
        const person = await requirePerson(id);
        return { result: { person, passwordCode }, before, after: person };
      });
    },

    /** Their password stops working and their sessions end; the code sets a new one. */
    async resetPassword(actor: Actor, id: string): Promise<PasswordCode> {
      const code = await admin.change(actor, 'person.password-reset', target(id), async () => {
        const person = await requirePerson(id);
        if (!person.isActive) throw new AdminProblem('deactivated', `${person.name} is deactivated: reactivate them instead.`);
        await users.setPasswordHash(id, NO_PASSWORD);
        await users.endSessions(id);
        return { result: await issuePasswordCode(codes, id, admin.now()) };
      });
      admin.disconnectUser(id);
      return code;
    },
  };
}

export type People = ReturnType<typeof createPeople>;
