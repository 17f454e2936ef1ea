import type { BrowserContext, Page } from '@playwright/test';

/**
 * What hostile text could make a page do behind the test's back: open dialogs (each dismissed),
 * open windows, log errors or throw. Every hostile spec asserts all of these stay empty.
 */
export function watchForEscapes(page: Page, context: BrowserContext) {
  const escapes = { dialogs: [] as string[], popups: [] as string[], errors: [] as string[] };
  page.on('dialog', (dialog) => {
    escapes.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  context.on('page', (opened) => escapes.popups.push(opened.url()));
  page.on('console', (message) => void (message.type() === 'error' && escapes.errors.push(message.text())));
  page.on('pageerror', (error) => escapes.errors.push(error.message));
  return escapes;
}
