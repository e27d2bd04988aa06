/**
 * The chime before a call, made with WebAudio (no file, no internet): two
 * soft bell tones, high then low, like a hall's "ding-dong".
 */
let ctx: AudioContext | null = null;

export function audioContext(): AudioContext | null {
  if (ctx) return ctx;
  const Ctor =
    window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  ctx = new Ctor();
  return ctx;
}

/** Whether the browser lets the page play sound now (false until a first tap on most browsers). */
export async function unlockAudio(): Promise<boolean> {
  const c = audioContext();
  if (!c) return false;
  if (c.state === 'suspended') await c.resume().catch(() => undefined);
  return c.state === 'running';
}

const TONES = [
  { freq: 880, at: 0 },
  { freq: 659.25, at: 0.45 },
];
const CHIME_SECONDS = 1.6;

/** Plays the chime at `volume` (0–1); resolves when it has finished. */
export async function playChime(volume: number): Promise<void> {
  const c = audioContext();
  if (!c || volume <= 0) return;
  if (c.state === 'suspended') await c.resume().catch(() => undefined);
  const t0 = c.currentTime + 0.05;
  for (const tone of TONES) {
    for (const [mult, level] of [
      [1, 1],
      [2, 0.25],
    ] as const) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'sine';
      osc.frequency.value = tone.freq * mult;
      const start = t0 + tone.at;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(Math.max(0.0002, 0.5 * volume * level), start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 1.1);
      osc.connect(gain).connect(c.destination);
      osc.start(start);
      osc.stop(start + 1.15);
    }
  }
  await new Promise((resolve) => setTimeout(resolve, CHIME_SECONDS * 1000));
}
