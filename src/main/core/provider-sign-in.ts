import type { User } from '../../shared/conversation';
import { isAllowedHubUrl } from '../../shared/hub-url';
import type { SessionState } from '../../shared/ipc';
import type { ProviderSignInStarted, SignInOptions } from '../../shared/sign-in';
import { HubRequestError, type HubHttpClient } from '../hub-client/http-client';
import { LoopbackSignInError, startLoopbackSignIn, type LoopbackSignIn } from '../shell/loopback-sign-in';
import { CoreError } from './core-error';

type Signed = { token: string; user: User };

export interface ProviderSignInDeps {
  makeHttp(hubUrl: string): HubHttpClient;
  hubUrlOf(request: { hubUrl?: string }): string;
  /** Makes the hub's session this workstation's, as a password sign-in does. */
  adopt(signed: Signed, hubUrl: string, client: HubHttpClient): Promise<SessionState>;
  /** The system browser (Electron's shell.openExternal); absent in browser mode, where the page opens a tab. */
  openExternal?: (url: string) => Promise<void>;
  timeoutMs?: number;
}

const asCoreError = (error: unknown): unknown =>
  error instanceof HubRequestError || error instanceof LoopbackSignInError ? new CoreError(error.code, error.message) : error;

/**
 * The workstation's side of sign-in with the identity provider: what the hub offers, then one
 * sign-in at a time through the loopback redirect (see shell/loopback-sign-in.ts). `start` answers
 * as soon as the browser can go; `wait` answers when the person is back signed in, or why not.
 */
export function createProviderSignIn(deps: ProviderSignInDeps) {
  let flow: { sign: LoopbackSignIn<Signed>; hubUrl: string; client: HubHttpClient } | null = null;

  return {
    async options(request: { hubUrl?: string }): Promise<SignInOptions> {
      try {
        return await deps.makeHttp(deps.hubUrlOf(request)).call<SignInOptions>('GET', '/v1/sessions/options', '');
      } catch (error) {
        throw asCoreError(error);
      }
    },

    async start(request: { hubUrl?: string }): Promise<ProviderSignInStarted> {
      flow?.sign.cancel();
      flow = null;
      const hubUrl = deps.hubUrlOf(request);
      const client = deps.makeHttp(hubUrl);
      let sign: LoopbackSignIn<Signed>;
      try {
        sign = await startLoopbackSignIn<Signed>(
          {
            start: (body) => client.call('POST', '/v1/sessions/oidc/start', '', body),
            finish: (body) => client.call('POST', '/v1/sessions/oidc/finish', '', body),
          },
          { timeoutMs: deps.timeoutMs, signedInPage: (signed) => `You are signed in to Warmline as ${signed.user.name}. You can close this tab and go back to Warmline.` },
        );
      } catch (error) {
        throw asCoreError(error);
      }
      // The hub names the page the system browser opens: only a web page, never a file or an app link.
      if (!isAllowedHubUrl(sign.authorizationUrl)) {
        sign.cancel();
        throw new CoreError('provider_refused', 'The hub sent a sign-in address that is not an https:// page: nothing was opened.');
      }
      flow = { sign, hubUrl, client };
      if (!deps.openExternal) return { authorizationUrl: sign.authorizationUrl, isOpened: false };
      await deps.openExternal(sign.authorizationUrl);
      return { authorizationUrl: sign.authorizationUrl, isOpened: true };
    },

    async wait(): Promise<SessionState> {
      const current = flow;
      if (!current) throw new CoreError('invalid_state', 'No sign-in is under way: start it again.');
      let signed: Signed;
      try {
        signed = await current.sign.result;
      } catch (error) {
        throw asCoreError(error);
      } finally {
        if (flow === current) flow = null;
      }
      return deps.adopt(signed, current.hubUrl, current.client);
    },

    cancel(): void {
      flow?.sign.cancel();
      flow = null;
    },
  };
}
