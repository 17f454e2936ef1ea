import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachedConversation } from '../../../src/shared/ipc';
import { exportFileName, renderConversationExport } from '../../../src/main/services/export-html';
import type { Core } from '../../../src/main/core/create-core';
import { conversationView, message, turn } from '../cache/fixtures/conversations';
import { coreOn, seedCache } from './core-with-cache';

const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';

function hostileConversation(): CachedConversation {
  const view = conversationView({ id: 'c-1', state: 'resolved' });
  return {
    ...view,
    envelope: {
      ...view.envelope,
      customer: { name: `Eve ${hostile}` },
      issue: { title: `Issue ${hostile}` },
      fields: [{ key: 'order_id', label: `Order ${hostile}`, value: hostile }],
      transcript: [
        turn('t1', '2026-11-20T10:12:03Z', 'customer', `first ${hostile}`),
        turn('t2', '2026-11-20T10:12:04Z', 'bot', 'second, from the bot'),
      ],
    },
    messages: [message('c-1', 'm1', '2026-11-20T10:13:00Z', { author: 'agent', authorName: 'Priya', text: 'third, from the agent' })],
    pending: [{ ...message('c-1', 'local-1', '2026-11-20T10:14:00Z', { author: 'agent', text: 'fourth, not sent yet', clientMessageId: 'k1' }), status: 'pending', error: null }],
  };
}

describe('conversation export', () => {
  it('escapes every piece of customer text, so a <script> in it stays text', () => {
    const { html } = renderConversationExport(hostileConversation(), new Date('2026-11-21T09:00:00Z'));
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html.toLowerCase()).not.toContain('<img');
    expect(html).toContain('first &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#39;&amp;');
    expect(html).toContain('Order &lt;script&gt;');
  });

  it('keeps the transcript in order: bot turns, then live messages, then what is still unsent', () => {
    const { html } = renderConversationExport(hostileConversation(), new Date('2026-11-21T09:00:00Z'));
    const positions = ['first ', 'second, from the bot', 'Handed over to a person', 'third, from the agent', 'fourth, not sent yet'].map((text) =>
      html.indexOf(text),
    );
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toMatch(/not yet delivered<\/span><p class="text" dir="auto">fourth, not sent yet/);
  });

  it('carries a CSP that allows no script and only its own stylesheet, pinned by hash', () => {
    const { html } = renderConversationExport(hostileConversation(), new Date('2026-11-21T09:00:00Z'));
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('names the file from letters and digits only, whatever the customer is called', () => {
    const conversation = hostileConversation();
    conversation.envelope.customer.name = '../../etc/passwd\u0000 <x>.exe';
    expect(exportFileName(conversation)).toBe('warmline-etc-passwd-x-exe-c-1-2026-11-20.html');
    conversation.envelope.customer.name = 'Иван 李';
    expect(exportFileName(conversation)).toMatch(/^warmline-customer-c-1-2026-11-20\.html$/);
  });
});

describe('export through the core', () => {
  let core: Core | null = null;
  afterEach(() => core?.close());

  it('exports a cached conversation and refuses one the cache does not hold', () => {
    core = coreOn(seedCache([conversationView({ id: 'c-9', state: 'resolved' })]));
    const exported = core.exportConversation('c-9');
    expect(exported.fileName).toBe('warmline-maria-okafor-c-9-2026-11-20.html');
    expect(exported.html).toContain('Order 555, bought two months ago');
    expect(() => core!.exportConversation('c-missing')).toThrow(/not in the local cache/);
  });
});
