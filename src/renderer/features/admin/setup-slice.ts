import type { IntegrationInput, IntegrationSettings, QueueInput, QueuePatch, QueueSettings, Skill, WallScreen } from '../../../shared/admin';
import type { AdminCall, AdminGet, AdminSection, AdminSet } from './admin-store';

export interface SetupSlice {
  skills: Skill[];
  queues: QueueSettings[];
  integrations: IntegrationSettings[];
  screens: WallScreen[];
  /** Reads what a section shows (people and queues need the skills and queues to choose from). */
  refresh(section?: AdminSection): Promise<void>;
  saveSkill(skill: Skill): Promise<boolean>;
  createQueue(input: QueueInput): Promise<boolean>;
  updateQueue(id: string, patch: QueuePatch): Promise<boolean>;
  removeQueue(id: string): Promise<void>;
  createIntegration(input: IntegrationInput): Promise<boolean>;
  rotateToken(id: string, overlapMinutes: number): Promise<void>;
  revokeIntegration(id: string): Promise<void>;
  createScreen(name: string, queues: string[]): Promise<boolean>;
  revokeScreen(id: string): Promise<void>;
}

const tokenNote = 'Put it in the bot\'s configuration now: Warmline keeps only a hash and will not show it again.';

export function createSetupSlice(set: AdminSet, get: AdminGet, call: AdminCall): SetupSlice {
  const load = {
    skills: async () => { const skills = await call('admin:skills', undefined); if (skills) set({ skills }); },
    queues: async () => { const queues = await call('admin:queues', undefined); if (queues) set({ queues }); },
    integrations: async () => { const integrations = await call('admin:integrations', undefined); if (integrations) set({ integrations }); },
    screens: async () => { const screens = await call('admin:screens', undefined); if (screens) set({ screens }); },
    people: async () => { const people = await call('admin:people', undefined); if (people) set({ people }); },
  };
  const tokenShown = (title: string, token: string, handoffPath: string) =>
    set({ shownOnce: { title, note: tokenNote, items: [{ label: 'Integration token (Authorization: Bearer …)', value: token }, { label: 'Hand off to', value: handoffPath }] } });

  return {
    skills: [],
    queues: [],
    integrations: [],
    screens: [],
    async refresh(section = get().section) {
      const needs: Record<AdminSection, (keyof typeof load)[]> = {
        people: ['people', 'skills', 'queues'],
        queues: ['queues', 'skills', 'people'],
        bots: ['integrations', 'queues'],
        screens: ['screens', 'queues'],
        'sign-in': [],
        audit: [],
      };
      await Promise.all(needs[section].map((part) => load[part]()));
      if (section === 'audit') await get().loadAudit();
      if (section === 'sign-in') await get().loadSignIn();
    },
    async saveSkill(skill) {
      const saved = await call('admin:skill-save', skill);
      if (saved) await load.skills();
      return saved !== null;
    },
    async createQueue(input) {
      const created = await call('admin:queue-create', input);
      if (created) await Promise.all([load.queues(), load.people()]);
      return created !== null;
    },
    async updateQueue(id, patch) {
      const updated = await call('admin:queue-update', { id, patch });
      if (updated) await Promise.all([load.queues(), load.people()]);
      return updated !== null;
    },
    async removeQueue(id) {
      // Its answer is null either way: the refusal shows in `error`.
      await call('admin:queue-remove', { id });
      if (get().error === null) await load.queues();
    },
    async createIntegration(input) {
      const created = await call('admin:integration-create', input);
      if (!created) return false;
      tokenShown(`${created.integration.name} is ready`, created.token, created.integration.handoffPath);
      await load.integrations();
      return true;
    },
    async rotateToken(id, overlapMinutes) {
      const rotated = await call('admin:integration-rotate', { id, overlapMinutes });
      if (!rotated) return;
      tokenShown(`New token for ${rotated.integration.name}`, rotated.token, rotated.integration.handoffPath);
      await load.integrations();
    },
    async revokeIntegration(id) {
      if (await call('admin:integration-revoke', { id })) await load.integrations();
    },
    async createScreen(name, queues) {
      const created = await call('admin:screen-create', { name, queues });
      if (!created) return false;
      set({ shownOnce: { title: `${created.screen.name} is ready for the wall`, note: 'Open this address on the screen. It signs the screen in; Warmline will not show it again.', items: [{ label: 'Wallboard address', value: created.path }] } });
      await load.screens();
      return true;
    },
    async revokeScreen(id) {
      if (await call('admin:screen-revoke', { id })) await load.screens();
    },
  };
}
