import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { dialog } from '../state';

/** A dialog over the terminal; Esc or the close button closes it. */
export function Modal(props: {
  title: string;
  closeLabel: string;
  children: ComponentChildren;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('[autofocus], input, select, textarea, button.primary');
    first?.focus();
  }, []);
  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && (dialog.value = 'none')}>
      <div
        class={`modal${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        ref={ref}
        data-testid={props.testId}
      >
        <header class="modal-head">
          <h2>{props.title}</h2>
          <button type="button" class="ghost" onClick={() => (dialog.value = 'none')} aria-label={props.closeLabel}>
            ✕
          </button>
        </header>
        <div class="modal-body">{props.children}</div>
      </div>
    </div>
  );
}
