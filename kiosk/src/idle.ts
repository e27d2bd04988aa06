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
  // peek: only a touch or a new screen starts the 30 s again — not a config
  // reload after a reconnect, nor a printer status that happens to arrive
  const s = screen.peek();
  if (s.name === 'home') return;
  const seconds = config.peek()?.idleSeconds ?? 30;
  const state = printer.peek()?.state;
  // paper near end still prints; anything else leaves the citizen with the screen only
  const printerDown = state !== undefined && state !== 'ok' && state !== 'paper-low';
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
  // the printer failing while the ticket is on screen doubles its time
  let wasDown = false;
  effect(() => {
    const state = printer.value?.state;
    const down = state !== undefined && state !== 'ok' && state !== 'paper-low';
    if (down !== wasDown && screen.peek().name === 'ticket') arm();
    wasDown = down;
  });
}
