/**
 * Back to the start screen after a while without a touch (issue #4: 30 s),
 * so the next citizen never finds someone else's half-finished choice.
 * The ticket screen stays twice as long when the printer failed, so the
 * number can be copied.
 */
import { effect } from '@preact/signals';
import { config, goHome, printer, screen } from './state';

let timer: ReturnType<typeof setTimeout> | null = null;

function arm(): void {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  const s = screen.value;
  if (s.name === 'home') return;
  const seconds = config.value?.idleSeconds ?? 30;
  const printerDown = printer.value !== null && printer.value.state !== 'ok';
  const factor = s.name === 'ticket' && printerDown ? 2 : 1;
  timer = setTimeout(goHome, seconds * factor * 1000);
}

export function startIdleReset(): void {
  for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) {
    window.addEventListener(type, arm, { capture: true, passive: true });
  }
  effect(() => {
    void screen.value;
    arm();
  });
}
