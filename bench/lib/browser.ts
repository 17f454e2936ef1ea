import { chromium, type Browser, type Page } from '@playwright/test';

/** Debian's Chromium with the flags of playwright.config.ts: never a downloaded browser, no network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.WARMLINE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // performance.memory reports real, unbucketed sizes only with this flag.
      '--enable-precise-memory-info',
    ],
  });
}

export const VIEWPORT = { width: 1360, height: 860 };

/**
 * How far the page's clock (`performance.timeOrigin + performance.now()`) is ahead of this
 * process's `Date.now()`: the sample with the shortest round trip of several, its midpoint.
 */
export async function clockOffsetMs(page: Page, samples = 7): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i += 1) {
    const sent = Date.now();
    const pageNow = await page.evaluate<number>('performance.timeOrigin + performance.now()');
    const back = Date.now();
    if (back - sent < best.rtt) best = { rtt: back - sent, offset: pageNow - (sent + back) / 2 };
  }
  return best.offset;
}

/**
 * Watches the text of `selector` (which React may re-create) with a MutationObserver on the whole
 * document and records when it changes, on the page's clock, as the DOM changes (before paint).
 */
export async function watchText(page: Page, selector: string): Promise<void> {
  await page.evaluate(`(() => {
    const selector = ${JSON.stringify(selector)};
    const state = { changes: [], last: document.querySelector(selector)?.textContent ?? null };
    window.__benchText = state;
    new MutationObserver(() => {
      const text = document.querySelector(selector)?.textContent ?? null;
      if (text === state.last) return;
      state.last = text;
      state.changes.push({ text, at: performance.timeOrigin + performance.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

export interface TextChange {
  text: string | null;
  at: number;
}

export const textChanges = (page: Page): Promise<TextChange[]> => page.evaluate<TextChange[]>('window.__benchText.changes');

/** JS heap in use after a forced full GC, through the DevTools protocol. */
export async function heapAfterGc(page: Page): Promise<number> {
  const session = await page.context().newCDPSession(page);
  try {
    await session.send('HeapProfiler.enable');
    for (let i = 0; i < 3; i += 1) await session.send('HeapProfiler.collectGarbage');
    const usage = await session.send('Runtime.getHeapUsage');
    return usage.usedSize;
  } finally {
    await session.detach();
  }
}
