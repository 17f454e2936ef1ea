import type { ConversationListItem, CoreEvent } from '../../shared/ipc';

/**
 * The tray icon and the dock/taskbar badge: how many offers wait for this agent, seen without
 * opening the window. Electron is passed in (as the few methods used here) so the logic runs
 * under Node with a fake; src/main/index.ts hands over the real `app` and `Tray`.
 */

/** The parts of Electron's Tray this uses. */
export interface TrayLike {
  setToolTip(text: string): void;
  /** macOS shows it beside the icon in the menu bar; other platforms ignore it. */
  setTitle(title: string): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** The part of Electron's `app` this uses; false where the platform has no badge (Windows, most Linux). */
export interface BadgeApp {
  setBadgeCount(count?: number): boolean;
}

export interface OfferTrayDeps {
  app: BadgeApp;
  createTray(): TrayLike;
  /** What a click on the icon does: bring the window forward. */
  onClick(): void;
}

export interface OfferWatchSource {
  list(): ConversationListItem[];
  userId(): string | null;
  onEvent(listener: (event: CoreEvent) => void): () => void;
}

/**
 * Offers waiting for this user: routed offers, and warm transfers addressed to them that they have
 * not accepted yet. A transfer to a colleague is not ours to count.
 */
export function countWaitingOffers(items: readonly ConversationListItem[], userId: string | null): number {
  if (!userId) return 0;
  return items.filter((item) => (item.state === 'offered' || item.state === 'transferred') && item.offer?.agentId === userId).length;
}

/** The tooltip and title for a count. The count alone: no customer names on a shared screen. */
export function trayLabels(count: number): { toolTip: string; title: string } {
  if (count <= 0) return { toolTip: 'Warmline: no offers waiting', title: '' };
  return { toolTip: `Warmline: ${count} ${count === 1 ? 'offer' : 'offers'} waiting`, title: String(count) };
}

export function createOfferTray(deps: OfferTrayDeps) {
  const tray = deps.createTray();
  tray.on('click', deps.onClick);
  let shown: number | null = null;

  const show = (count: number): void => {
    if (count === shown) return;
    shown = count;
    const labels = trayLabels(count);
    tray.setToolTip(labels.toolTip);
    tray.setTitle(labels.title);
    // Where there is no badge the tooltip and title carry the count alone.
    deps.app.setBadgeCount(Math.max(0, count));
  };
  show(0);

  return {
    show,
    get count(): number {
      return shown ?? 0;
    },
    destroy(): void {
      deps.app.setBadgeCount(0);
      tray.destroy();
    },
  };
}

export type OfferTray = ReturnType<typeof createOfferTray>;

/**
 * Keeps the tray in step with the core: recounts after conversation and session changes, at most
 * once per turn of the event loop, since a resync can change thousands of conversations at once.
 */
export function watchOffers(source: OfferWatchSource, tray: Pick<OfferTray, 'show'>, defer: (run: () => void) => void = setImmediate): () => void {
  let isScheduled = false;
  const recount = (): void => {
    isScheduled = false;
    tray.show(countWaitingOffers(source.list(), source.userId()));
  };
  recount();
  return source.onEvent((event) => {
    if (event.type !== 'conversation:changed' && event.type !== 'session:changed') return;
    if (isScheduled) return;
    isScheduled = true;
    defer(recount);
  });
}
