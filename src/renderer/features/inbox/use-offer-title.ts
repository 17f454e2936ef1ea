import { useEffect } from 'react';

const BASE_TITLE = 'Warmline';

/** The window and tab title counts open offers, so a waiting customer shows in the taskbar and the tab strip. */
export function useOfferTitle(offers: number, isEnabled: boolean): void {
  useEffect(() => {
    if (!isEnabled) return;
    document.title = offers === 0 ? BASE_TITLE : `(${offers}) ${offers === 1 ? '1 offer' : `${offers} offers`} · ${BASE_TITLE}`;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [offers, isEnabled]);
}
