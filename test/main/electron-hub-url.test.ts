import { describe, expect, it } from 'vitest';
import { isAllowedHubUrl } from '../../src/shared/hub-url';
import { ipcChannels } from '../../src/shared/ipc';

describe('which hub a desktop may sign in to', () => {
  it('takes https anywhere and plain http only on this computer', () => {
    for (const url of ['https://hub.example.com', 'https://10.0.0.5:4700', 'http://127.0.0.1:4700', 'http://127.8.9.1:1', 'http://localhost:4700', 'http://[::1]:4700']) {
      expect(isAllowedHubUrl(url), url).toBe(true);
    }
    for (const url of ['http://hub.example.com', 'http://10.0.0.5:4700', 'http://127.0.0.1.example.com', 'http://localhost.example.com', 'ftp://hub.example.com', 'https://user:pw@hub.example.com', 'hub.example.com']) {
      expect(isAllowedHubUrl(url), url).toBe(false);
    }
  });

  it('refuses a plain-http hub across the network at sign-in, saying why', () => {
    const signIn = ipcChannels['session:sign-in'].request;
    expect(signIn.safeParse({ hubUrl: 'https://hub.example.com', email: 'a@b', password: 'pw' }).success).toBe(true);
    expect(signIn.safeParse({ hubUrl: 'http://127.0.0.1:4700', email: 'a@b', password: 'pw' }).success).toBe(true);
    const refused = signIn.safeParse({ hubUrl: 'http://hub.example.com:4700', email: 'a@b', password: 'pw' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/https:\/\/.*only for a hub on this computer/);
  });
});
