/**
 * The rating pad's state machine: idle → ask → (reason on the lowest) →
 * thanks → idle; 30 s without an answer counts as no answer (DOMAIN.md §5).
 */
import { signal } from '@preact/signals';
import type { RatingPadDto, RatingRequestEvent } from '@protocol/dto';
import { api, ApiFailure } from '@ui/api';
import { connectSocket } from '@ui/socket';

export type Phase = 'idle' | 'ask' | 'reason' | 'thanks' | 'error';

export const IDLE_AFTER_MS = 30_000;
const THANKS_MS = 5_000;

export const phase = signal<Phase>('idle');
export const pad = signal<RatingPadDto | null>(null);
export const request = signal<RatingRequestEvent | null>(null);
export const chosenScore = signal<number | null>(null);
export const reasons = signal<string[]>([]);
export const errorText = signal<string | null>(null);
export const online = signal(true);
/** When the current question gives up (ms since epoch, browser clock). */
export const deadline = signal<number>(0);

let key: string | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function after(ms: number, fn: () => void): void {
  if (timer) clearTimeout(timer);
  deadline.value = Date.now() + ms;
  timer = setTimeout(fn, ms);
}

export function toIdle(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  phase.value = 'idle';
  request.value = null;
  chosenScore.value = null;
  reasons.value = [];
  void loadPad();
}

/** Bumped by every load and push: an answer that arrives after a newer push is dropped, not shown. */
let padStamp = 0;

export async function loadPad(): Promise<void> {
  if (!key) return;
  const stamp = ++padStamp;
  try {
    const fresh = await api<RatingPadDto>('GET', '/api/rating-pad', { auth: { deviceKey: key } });
    if (stamp === padStamp) pad.value = fresh;
  } catch {
    // keep what we showed; the socket's reconnect will try again
  }
}

export function start(deviceKey: string): () => void {
  key = deviceKey;
  void loadPad();
  const socket = connectSocket({ deviceKey });
  socket.on('connect', () => {
    online.value = true;
    void loadPad();
  });
  socket.on('disconnect', () => (online.value = false));
  socket.on('rating:pad', (state) => {
    padStamp += 1;
    pad.value = state;
  });
  socket.on('rating:requested', (event) => {
    request.value = event;
    chosenScore.value = null;
    reasons.value = [];
    phase.value = 'ask';
    after(IDLE_AFTER_MS, toIdle);
    void loadPad();
  });
  const refresh = setInterval(() => phase.value === 'idle' && void loadPad(), 60_000);
  return () => {
    socket.disconnect();
    clearInterval(refresh);
    if (timer) clearTimeout(timer);
  };
}

async function send(score: number, why: string[]): Promise<void> {
  const req = request.value;
  if (!req || !key) return;
  try {
    await api('POST', '/api/ratings', {
      auth: { deviceKey: key },
      body: { ticketId: req.ticketId, score, reasons: why },
    });
    phase.value = 'thanks';
    after(THANKS_MS, toIdle);
  } catch (err) {
    errorText.value = err instanceof ApiFailure ? err.message : String(err);
    phase.value = 'error';
    after(THANKS_MS, toIdle);
  }
}

/** A tap on one of the four faces. The lowest asks why (optional), the others are sent at once. */
export function choose(score: number): void {
  chosenScore.value = score;
  if (score === 1) {
    phase.value = 'reason';
    // the score was given: if the citizen walks away, it is sent without reasons
    after(IDLE_AFTER_MS, () => void send(1, reasons.value));
    return;
  }
  void send(score, []);
}

export function toggleReason(r: string): void {
  reasons.value = reasons.value.includes(r) ? reasons.value.filter((x) => x !== r) : [...reasons.value, r];
}

export function sendWithReasons(skip: boolean): void {
  void send(1, skip ? [] : reasons.value);
}
