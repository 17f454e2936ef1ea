export const COMPOSER_ID = 'composer-input';

/** After accepting, the composer mounts a frame or two later; focus follows it there. */
export function focusComposer(attemptsLeft = 5): void {
  requestAnimationFrame(() => {
    const composer = document.getElementById(COMPOSER_ID);
    if (composer) composer.focus();
    else if (attemptsLeft > 0) focusComposer(attemptsLeft - 1);
  });
}
