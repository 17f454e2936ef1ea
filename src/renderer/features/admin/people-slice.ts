import type { ImportPreview, Person, PersonInput, PersonPatch } from '../../../shared/admin';
import type { AdminCall, AdminGet, AdminSet } from './admin-store';

export interface PeopleSlice {
  people: Person[];
  importPreview: ImportPreview | null;
  addPerson(input: PersonInput): Promise<boolean>;
  updatePerson(id: string, patch: PersonPatch): Promise<boolean>;
  deactivate(id: string): Promise<void>;
  reactivate(id: string): Promise<void>;
  resetPassword(id: string): Promise<void>;
  previewImport(csv: string): Promise<void>;
  applyImport(csv: string): Promise<void>;
  clearImport(): void;
}

const codeNote = 'Pass the code on to them; it works once, for 72 hours. Warmline will not show it again.';

export function createPeopleSlice(set: AdminSet, get: AdminGet, call: AdminCall): PeopleSlice {
  const reload = async () => {
    const people = await call('admin:people', undefined);
    if (people) set({ people });
  };
  return {
    people: [],
    importPreview: null,
    async addPerson(input) {
      const added = await call('admin:person-add', input);
      if (!added) return false;
      set({ shownOnce: { title: `${added.person.name} can now set a password`, note: codeNote, items: [{ label: 'One-time code', value: added.passwordCode.code }, { label: 'Link', value: added.passwordCode.path }] } });
      await reload();
      return true;
    },
    async updatePerson(id, patch) {
      const updated = await call('admin:person-update', { id, patch });
      if (updated) await reload();
      return updated !== null;
    },
    async deactivate(id) {
      if (await call('admin:person-deactivate', { id })) await reload();
    },
    async reactivate(id) {
      const answer = await call('admin:person-reactivate', { id });
      if (!answer) return;
      set({ shownOnce: { title: `${answer.person.name} is active again`, note: codeNote, items: [{ label: 'One-time code', value: answer.passwordCode.code }, { label: 'Link', value: answer.passwordCode.path }] } });
      await reload();
    },
    async resetPassword(id) {
      const person = get().people.find((candidate) => candidate.id === id);
      const code = await call('admin:password-code', { id });
      if (!code) return;
      set({ shownOnce: { title: `New password code for ${person?.name ?? 'them'}`, note: `Their old password stopped working. ${codeNote}`, items: [{ label: 'One-time code', value: code.code }, { label: 'Link', value: code.path }] } });
    },
    async previewImport(csv) {
      const preview = await call('admin:people-import', { csv, apply: false });
      set({ importPreview: preview });
    },
    async applyImport(csv) {
      const applied = await call('admin:people-import', { csv, apply: true });
      if (!applied) return;
      set({ importPreview: null });
      const codes = applied.passwordCodes ?? [];
      if (codes.length > 0) {
        set({ shownOnce: { title: `${codes.length} new ${codes.length === 1 ? 'person' : 'people'} imported`, note: codeNote, items: codes.map((entry) => ({ label: entry.email, value: entry.passwordCode.code })) } });
      }
      await reload();
    },
    clearImport: () => set({ importPreview: null }),
  };
}
