import type { Shell } from 'electron';
import { allowedExternalUrl } from './security-policy';

export interface OpenedLink {
  opened: boolean;
  reason: string | null;
}

/**
 * The only way a link leaves the app: https to a host the contact centre allowed, handed to the
 * system browser. Answers the 'links:open' channel's response shape.
 */
export async function openExternalThroughAllowlist(
  shell: Pick<Shell, 'openExternal'>,
  url: string,
  allowedHosts: readonly string[],
): Promise<OpenedLink> {
  const allowed = allowedExternalUrl(url, allowedHosts);
  if (!allowed) return { opened: false, reason: 'Links open only as https to a host your contact centre allowed.' };
  try {
    await shell.openExternal(allowed, { activate: true });
    return { opened: true, reason: null };
  } catch {
    return { opened: false, reason: 'The system browser could not open the link.' };
  }
}
