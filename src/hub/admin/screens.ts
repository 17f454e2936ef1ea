import { randomUUID } from 'node:crypto';
import type { WallScreen, WallScreenWithUrl } from '../../shared/admin';
import { newToken } from '../auth/tokens';
import { WALLBOARD_SESSION_TTL_MS } from '../auth/wallboard-session';
import { NO_PASSWORD } from '../store/users';
import type { Actor, Administration } from './administration';
import { notFound } from './problem';
import { requireKnownReferences } from './references';

/**
 * Wall screens: a wallboard account per screen, signed in by the token in its URL (the board has
 * nobody to type a password). The URL is shown once; revoking ends its session and closes its stream.
 */
export function createScreenAdmin(admin: Administration) {
  const { users, accounts } = admin;
  const requireScreen = async (id: string): Promise<WallScreen> => {
    const screen = await users.screen(id);
    if (!screen) throw notFound('wall screen');
    return screen;
  };

  return {
    list: (): Promise<WallScreen[]> => users.screens(),

    /** `fixed` is for the demo seed only, whose public board URL the README names; the API never sends it. */
    create(actor: Actor, input: { name: string; queues: string[] }, fixed?: { id: string; token: string }): Promise<WallScreenWithUrl> {
      return admin.change(actor, 'screen.created', { kind: 'screen', id: '' }, async () => {
        await requireKnownReferences(admin, { queues: input.queues });
        const id = fixed?.id ?? `ws_${randomUUID()}`;
        await accounts.saveUser({ id, email: `${id}@wall-screens.invalid`, name: input.name, role: 'wallboard', capacity: 0, passwordHash: NO_PASSWORD, queues: input.queues });
        const token = fixed?.token ?? newToken();
        await accounts.createSession(token, id, admin.now(), WALLBOARD_SESSION_TTL_MS);
        const screen = await requireScreen(id);
        return { result: { screen, path: `/wallboard/?token=${encodeURIComponent(token)}` }, after: screen, targetId: id };
      });
    },

    async revoke(actor: Actor, id: string): Promise<WallScreen> {
      const screen = await admin.change(actor, 'screen.revoked', { kind: 'screen', id }, async () => {
        const before = await requireScreen(id);
        await users.deactivate(id, admin.now());
        const after = await requireScreen(id);
        return { result: after, before, after };
      });
      admin.disconnectUser(id);
      return screen;
    },
  };
}
