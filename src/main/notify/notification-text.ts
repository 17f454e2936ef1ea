import type { ConversationView } from '../../shared/conversation';
import { reasonLabel } from '../../shared/labels';

export const formatWait = (fromIso: string, now: Date): string => {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(fromIso).getTime()) / 60_000));
  if (minutes < 1) return 'waiting under a minute';
  if (minutes < 60) return `waiting ${minutes} min`;
  return `waiting ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

/** Strips control characters and bounds length: a notification is one line each, not a document. */
const oneLine = (text: string, max: number): string => {
  const flat = text.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** Button labels, in the order shown. Windows and macOS report the pressed button by its label. */
export const ACTION_LABELS = { accept: 'Accept', decline: 'Decline', focus: 'Open' } as const;

export interface NotificationText {
  title: string;
  body: string;
}

/**
 * What an offer notification says: the customer's name as the title; the issue, the reason and the
 * wait as the body. Nothing else: no account numbers or other collected fields on a lock screen.
 */
export function offerNotification(view: ConversationView, now: Date, kind: 'offer' | 'transfer' = 'offer'): NotificationText {
  const { envelope } = view;
  const issue = envelope.issue?.title ?? envelope.summary?.text ?? 'New handoff';
  const reason = reasonLabel(envelope.reason?.kind);
  const from = view.transfer ? oneLine(view.transfer.from.name, 60) : '';
  const prefix = kind === 'transfer' ? `Transferred to you${from ? ` by ${from}` : ''} · ` : '';
  return {
    title: oneLine(envelope.customer.name, 80) || 'Customer',
    body: `${prefix}${oneLine(issue, 120)} · ${reason} · ${formatWait(view.createdAt, now)}`,
  };
}
