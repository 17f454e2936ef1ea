import { expect, type BrowserContext, type Page } from '@playwright/test';

export interface Escapes {
  dialogs: string[];
  popups: string[];
  errors: string[];
}

/**
 * What hostile text could make a page do behind the test's back: open dialogs (each dismissed),
 * open windows, log errors or throw. Every hostile spec asserts all of these stay empty.
 */
export function watchForEscapes(page: Page, context: BrowserContext): Escapes {
  const escapes: Escapes = { dialogs: [], popups: [], errors: [] };
  page.on('dialog', (dialog) => {
    escapes.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  context.on('page', (opened) => escapes.popups.push(opened.url()));
  page.on('console', (message) => {
    const { url } = message.location();
    if (message.type() === 'error') escapes.errors.push(url ? `${message.text()} (${url})` : message.text());
  });
  page.on('pageerror', (error) => escapes.errors.push(error.message));
  return escapes;
}

/**
 * The sentinel before asserting that nothing escaped: the page fails an image of its own (the
 * relative `x` hostile markup loads) and, from its error handler, logs an error and raises a
 * dialog, as hostile markup would, but after it. Once both reached the test, anything the hostile
 * text set off earlier has too; the sentinel's own entries are then taken out.
 */
export async function settleEscapes(page: Page, escapes: Escapes): Promise<void> {
  const mark = `warmline-sentinel-${Date.now()}`;
  await page.evaluate((text) => {
    const image = document.createElement('img');
    image.onerror = () => {
      image.remove();
      console.error(text);
      setTimeout(() => alert(text), 0);
    };
    image.src = `x?${text}`;
    document.body.append(image);
  }, mark);
  await expect.poll(() => escapes.dialogs.includes(mark) && escapes.errors.some((error) => error.includes(mark))).toBe(true);
  escapes.dialogs = escapes.dialogs.filter((dialog) => dialog !== mark);
  escapes.errors = escapes.errors.filter((error) => !error.includes(mark));
}
