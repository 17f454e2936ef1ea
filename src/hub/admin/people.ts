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

  const requirePerson = (id: string): Person => users.person(id) ?? (() => { throw notFound('person'); })();

  function save(id: string, fields: Omit<Person, 'id' | 'isActive'>, passwordHash: string): void {
    accounts.saveUser({ id, ...fields, passwordHash });
    users.setQueues(id, fields.queues);
    accounts.rosterChanged();
  }

  /** Refuses a change that would leave the hub without an active admin. */
  function keepAnAdmin(person: Person, isStillAdmin: boolean): void {
    if (person.role === 'admin' && person.isActive && !isStillAdmin && users.activeAdminCount() <= 1) {
      throw new AdminProblem('last_admin', `${person.name} is the hub's last active admin: make someone else an admin first.`);
    }
  }

  return {
    list: (): Person[] => users.people(),
    get: requirePerson,

    /**
     * A new person, with a one-time code to set their password (shown once, to pass on). `fixedId`
     * is for the demo seed only, whose public ids the README and tests name; the API never sends it.
     */
    add(actor: Actor, input: PersonInput, fixedId?: string): { person: Person; passwordCode: PasswordCode } {
      return admin.change(actor, 'person.created', target(''), () => {
        if (users.personByEmail(input.email)) {
          throw new AdminProblem('duplicate_email', `${input.email} already has an account.`, [{ path: 'email', message: 'already in use' }]);
        }
        requireKnownReferences(admin, input);
        const id = fixedId ?? `u_${randomUUID()}`;
        save(id, input, NO_PASSWORD);
        const person = requirePerson(id);
        const passwordCode = issuePasswordCode(codes, id, admin.now());
        return { result: { person, passwordCode }, after: person, targetId: id };
      });
    },

    update(actor: Actor, id: string, patch: PersonPatch): Person {
      return admin.change(actor, 'person.updated', target(id), () => {
        const before = requirePerson(id);
        requireKnownReferences(admin, patch);
        keepAnAdmin(before, (patch.role ?? before.role) === 'admin');
        save(id, { ...fieldsOf(before), ...patch }, accounts.userById(id)!.passwordHash);
        return { result: requirePerson(id), before, after: requirePerson(id) };
      });
    },

    /** Ends their sessions at once, and their open chats go back to the queue with a note. */
    deactivate(actor: Actor, id: string): Person {
      if (id === actor.id) throw new AdminProblem('cannot_deactivate_self', 'You cannot deactivate yourself: ask another admin.');
      const person = admin.change(actor, 'person.deactivated', target(id), () => {
        const before = requirePerson(id);
        if (!before.isActive) return { result: before, before, after: before };
        keepAnAdmin(before, false);
        users.deactivate(id, admin.now());
        codes.clearFor(id);
        accounts.rosterChanged();
        return { result: requirePerson(id), before, after: requirePerson(id) };
      });
      admin.disconnectUser(id);
      requeueChatsOf(admin, actor, person);
      return person;
    },

    /** Active again, with a fresh one-time code: their old password stays unusable. */
    reactivate(actor: Actor, id: string): { person: Person; passwordCode: PasswordCode } {
      return admin.change(actor, 'person.reactivated', target(id), () => {
        const before = requirePerson(id);
        users.reactivate(id);
        accounts.rosterChanged();
        const passwordCode = issuePasswordCode(codes, id, admin.now());
        const person = requirePerson(id);
        return { result: { person, passwordCode }, before, after: person };
      });
    },

    /** Their password stops working and their sessions end; the code sets a new one. */
    resetPassword(actor: Actor, id: string): PasswordCode {
      const code = admin.change(actor, 'person.password-reset', target(id), () => {
        const person = requirePerson(id);
        if (!person.isActive) throw new AdminProblem('deactivated', `${person.name} is deactivated: reactivate them instead.`);
        users.setPasswordHash(id, NO_PASSWORD);
        users.endSessions(id);
        return { result: issuePasswordCode(codes, id, admin.now()) };
      });
      admin.disconnectUser(id);
      return code;
    },
  };
}

export type People = ReturnType<typeof createPeople>;
