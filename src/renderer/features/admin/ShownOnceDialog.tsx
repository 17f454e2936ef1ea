import { useEffect, useRef } from 'react';
import type { ShownOnce } from './admin-store';
import { onHub } from './admin-fields';

/** A secret the hub shows once (code, token, wall-screen address): read it, copy it, then dismiss. */
export function ShownOnceDialog({ shown, hubUrl, onDismiss }: { shown: ShownOnce; hubUrl: string | null; onDismiss(): void }) {
  const dismiss = useRef<HTMLButtonElement>(null);
  useEffect(() => dismiss.current?.focus(), [shown]);
  return (
    <section className="admin-once" role="alertdialog" aria-labelledby="admin-once-title" aria-describedby="admin-once-note" data-testid="admin-shown-once">
      <h3 id="admin-once-title">{shown.title}</h3>
      <p id="admin-once-note">{shown.note}</p>
      <dl className="admin-once__items">
        {shown.items.map((item) => (
          <div key={item.label} className="admin-once__item">
            <dt>{item.label}</dt>
            <dd>
              <output className="admin-once__value" data-testid="admin-shown-value">{onHub(hubUrl, item.value)}</output>
            </dd>
          </div>
        ))}
      </dl>
      <button ref={dismiss} type="button" className="button button--primary" onClick={onDismiss} data-testid="admin-shown-dismiss">
        I have it
      </button>
    </section>
  );
}
