import { personInputSchema, queueInputSchema, type PersonInput, type QueueInput } from '../../shared/admin';
import type { Actor, Administration } from '../admin/administration';
import { createIntegrationAdmin } from '../admin/integrations';
import { createPeople } from '../admin/people';
import { createQueueAdmin } from '../admin/queues';
import { createScreenAdmin } from '../admin/screens';
import { hashPassword } from '../auth/passwords';
import { newToken } from '../auth/tokens';
import { WEB_CHAT_INTEGRATION } from '../chat/chat-service';
import { createPasswordCodes } from '../services/password-codes';
import { NO_PASSWORD } from '../store/users';

export const DEMO_INTEGRATION_TOKEN = 'warmline-demo';
export const DEMO_PASSWORD = 'demo';
export const DEMO_QUEUE = 'support';
/** The demo wall screen's session token: the board opens with it in its URL, no sign-in. */
export const DEMO_WALLBOARD_TOKEN = 'warmline-demo-wallboard';

/** Who the audit log names for what the demo seed sets up. */
export const DEMO_SEED_ACTOR: Actor = {
  id: 'demo-seed',
  email: 'demo-seed@warmline.invalid',
  name: 'demo seed',
  role: 'admin',
  queues: [],
  capacity: 0,
  passwordHash: NO_PASSWORD,
  skills: [],
  languages: [],
};

const SKILLS = ['billing', 'returns', 'delivery', 'fraud', 'account'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));
const ALL_QUEUES = [DEMO_QUEUE, 'billing', 'fraud'];

const QUEUES: Partial<QueueInput>[] = [
  { id: DEMO_QUEUE, name: 'Customer support' },
  { id: 'billing', name: 'Billing', requiredSkills: ['billing'] },
  { id: 'fraud', name: 'Fraud', requiredSkills: ['fraud'] },
];

/**
 * The people with their fixed ids (tests and the README name them). Three agents whose skills,
 * languages and capacities differ, so routing visibly matters; skill names match the departments of
 * the demo handoff generator, or demo traffic would wait for a skill nobody has.
 */
export const DEMO_PEOPLE: DemoPerson[] = [
  { id: 'u_agent', email: 'agent@demo', name: 'Alex Agent', role: 'agent', capacity: 3, skills: ['billing', 'returns'], languages: ['en', 'fr'], queues: [DEMO_QUEUE, 'billing'] },
  { id: 'u_agent2', email: 'agent2@demo', name: 'Sam Agent', role: 'agent', capacity: 2, skills: ['delivery', 'fraud', 'account'], languages: ['en', 'es'], queues: [DEMO_QUEUE, 'fraud'] },
  { id: 'u_agent3', email: 'agent3@demo', name: 'Kofi Mensah', role: 'agent', capacity: 1, skills: ['billing', 'fraud'], languages: ['en'], queues: ALL_QUEUES },
  { id: 'u_admin', email: 'admin@demo', name: 'Ada Admin', role: 'admin', capacity: 0, queues: ALL_QUEUES },
  { id: 'u_supervisor', email: 'supervisor@demo', name: 'Priya Supervisor', role: 'supervisor', capacity: 0, queues: ALL_QUEUES },
];

/** The hub parts the seed works through: the administration behind `/v1/admin/...`. */
export interface SeedTarget {
  administration: Administration;
}

export type DemoPerson = Partial<PersonInput> & { id: string; email: string };

/**
 * Adds each person not there yet (by id or email) through Administration, then sets the public
 * demo password by redeeming their one-time code, as a new person does on the set-password page.
 * In one write, so replicas seeding at once add each person once.
 */
export async function addDemoPeople(admin: Administration, people: readonly DemoPerson[]): Promise<void> {
  const missing = async (): Promise<DemoPerson[]> => {
    const found: DemoPerson[] = [];
    for (const person of people) if (!(await admin.users.person(person.id)) && !(await admin.users.personByEmail(person.email))) found.push(person);
    return found;
  };
  if ((await missing()).length === 0) return;
  // One hash for every demo person (they share the public demo password), made before the write: hashing is slow.
  const hash = await hashPassword(DEMO_PASSWORD);
  const directory = createPeople(admin);
  const passwords = createPasswordCodes(admin.db, admin.now);
  await admin.db.write(async () => {
    for (const { id, ...person } of await missing()) {
      const { passwordCode } = await directory.add(DEMO_SEED_ACTOR, personInputSchema.parse(person), id);
      await passwords.redeem(passwordCode.code, hash);
    }
  });
}

/**
 * Demo data with public credentials, set up through the same administration operations as the
 * admin HTTP API, each audited as "demo seed". Only ever seeded on a hub listening on loopback: the
 * CLI refuses `--demo` otherwise, because anyone who reads the README could sign in. Seeding again
 * adds what is missing and leaves what an admin changed since.
 */
export async function seedDemo({ administration: admin }: SeedTarget): Promise<void> {
  const actor = DEMO_SEED_ACTOR;
  const queueAdmin = createQueueAdmin(admin);
  // One write for the floor's set-up, so replicas seeding at once make each part once.
  await admin.db.write(async () => {
    for (const skill of SKILLS) if (!(await admin.skills.skill(skill.id))) await queueAdmin.saveSkill(actor, skill);
    for (const queue of QUEUES) if (!(await admin.queues.queue(queue.id!))) await queueAdmin.create(actor, queueInputSchema.parse(queue));
    if (!(await admin.users.screen('u_wallboard'))) {
      await createScreenAdmin(admin).create(actor, { name: 'Floor wallboard', queues: ALL_QUEUES }, { id: 'u_wallboard', token: DEMO_WALLBOARD_TOKEN });
    }
    if (!(await admin.accounts.integrationById('demo'))) {
      const demoBots = { id: 'demo', name: 'Demo bots', platform: 'generic' as const, defaultQueue: DEMO_QUEUE, settings: {} };
      await createIntegrationAdmin(admin).create(actor, demoBots, DEMO_INTEGRATION_TOKEN);
    }
    // The customer web chat is the hub's own connector, not an integration an admin manages (it is
    // hidden from Administration); its token is random and never used over HTTP.
    if (!(await admin.accounts.integrationById(WEB_CHAT_INTEGRATION))) {
      await admin.accounts.saveIntegration(WEB_CHAT_INTEGRATION, 'Warmline web chat', newToken(), DEMO_QUEUE);
    }
  });
  await addDemoPeople(admin, DEMO_PEOPLE);
}
