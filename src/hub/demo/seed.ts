import { hashPassword } from '../auth/passwords';
import { WALLBOARD_SESSION_TTL_MS } from '../auth/wallboard-session';
import { newToken } from '../auth/tokens';
import { WEB_CHAT_INTEGRATION } from '../chat/chat-service';
import type { AccountRepository } from '../store/accounts';
import type { HubDatabase } from '../store/database';
import { createSkillRepository } from '../store/skills';

export const DEMO_INTEGRATION_TOKEN = 'warmline-demo';
const DEMO_SKILLS = ['billing', 'returns', 'delivery', 'fraud', 'account'].map((id) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) }));
export const DEMO_PASSWORD = 'demo';
export const DEMO_QUEUE = 'support';
/** The demo wall screen's session token: the board opens with it in its URL, no sign-in. */
export const DEMO_WALLBOARD_TOKEN = 'warmline-demo-wallboard';

/**
 * Demo data with public credentials. Only ever seeded on a hub listening on loopback: the CLI
 * refuses `--demo` otherwise, because anyone who reads the README could sign in.
 *
 * Three agents whose skills, languages and capacities differ, so routing visibly matters. Skill
 * names match the departments of the demo handoff generator (billing, returns, delivery, fraud,
 * account), or demo traffic would wait for a skill nobody has.
 */
export async function seedDemo(accounts: AccountRepository, db?: HubDatabase): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  accounts.saveQueue(DEMO_QUEUE, 'Customer support');
  accounts.saveQueue('billing', 'Billing', { requiredSkills: ['billing'] });
  accounts.saveQueue('fraud', 'Fraud', { requiredSkills: ['fraud'] });
  const agent = { role: 'agent' as const, passwordHash };
  accounts.saveUser({ ...agent, id: 'u_agent', email: 'agent@demo', name: 'Alex Agent', capacity: 3, skills: ['billing', 'returns'], languages: ['en', 'fr'], queues: [DEMO_QUEUE, 'billing'] });
  accounts.saveUser({ ...agent, id: 'u_agent2', email: 'agent2@demo', name: 'Sam Agent', capacity: 2, skills: ['delivery', 'fraud', 'account'], languages: ['en', 'es'], queues: [DEMO_QUEUE, 'fraud'] });
  accounts.saveUser({ ...agent, id: 'u_agent3', email: 'agent3@demo', name: 'Kofi Mensah', capacity: 1, skills: ['billing', 'fraud'], languages: ['en'], queues: [DEMO_QUEUE, 'billing', 'fraud'] });
  accounts.saveUser({ id: 'u_admin', email: 'admin@demo', name: 'Ada Admin', role: 'admin', capacity: 0, passwordHash, queues: [DEMO_QUEUE, 'billing', 'fraud'] });
  accounts.saveUser({ id: 'u_supervisor', email: 'supervisor@demo', name: 'Priya Supervisor', role: 'supervisor', capacity: 0, passwordHash, queues: [DEMO_QUEUE, 'billing', 'fraud'] });
  accounts.saveUser({ id: 'u_wallboard', email: 'wallboard@demo', name: 'Support wallboard', role: 'wallboard', capacity: 0, passwordHash, queues: [DEMO_QUEUE] });
  // Replaced on every seed, so a restarted demo hub keeps one valid wallboard session.
  accounts.endSession(DEMO_WALLBOARD_TOKEN);
  accounts.createSession(DEMO_WALLBOARD_TOKEN, 'u_wallboard', new Date(), WALLBOARD_SESSION_TTL_MS);
  accounts.saveIntegration('demo', 'Demo bots', DEMO_INTEGRATION_TOKEN, DEMO_QUEUE);
  // The skill catalogue Administration checks people and queues against.
  if (db) for (const skill of DEMO_SKILLS) createSkillRepository(db).save(skill);
  // The web chat has no external caller; its token is random and never used over HTTP.
  accounts.saveIntegration(WEB_CHAT_INTEGRATION, 'Warmline web chat', newToken(), DEMO_QUEUE);
}
