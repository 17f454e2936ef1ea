import { allowedExternalUrl } from '../shell/security-policy';

export interface LinkOpenerOptions {
  /** Hosts the contact centre allows agents to open from a transcript (https only). */
  allowedHosts: readonly string[];
  /** The shell's way to open a URL in the system browser; absent in browser mode. */
  open?: (url: string) => Promise<void>;
}

export interface LinkOpenResult {
  opened: boolean;
  reason: string | null;
}

/**
 * `links:open`: a link a customer or bot typed leaves the app only through here, only as https to
 * an allowed host, and only in the desktop app. In browser mode nothing is opened: the page is a
 * plain tab whose navigation we do not control, so the agent is told to copy the link instead.
 */
export function createLinkOpener(options: LinkOpenerOptions) {
  return async (url: string): Promise<LinkOpenResult> => {
    const allowed = allowedExternalUrl(url, options.allowedHosts);
    if (!allowed) {
      return { opened: false, reason: 'This link is not on your contact centre’s list of sites that may be opened.' };
    }
    if (!options.open) return { opened: false, reason: 'Links open only in the Warmline desktop app; copy the link to open it.' };
    await options.open(allowed);
    return { opened: true, reason: null };
  };
}
