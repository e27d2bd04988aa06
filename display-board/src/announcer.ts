/**
 * The announcement queue (DOMAIN.md §4; NovoSGA #78): each live call is
 * queued and said in order — chime, then the sentence `repeat` times — and
 * a new call never cuts off the one being spoken. A recall is queued like
 * a new call. Voice: the browser's Vietnamese voice when it has one, else
 * the server's clip (`GET /api/announcements/audio`), as the admin chose.
 *
 * Tests read `window.__motcuaBoard.announcements` (the queue, in order) and
 * `window.__motcuaBoard.log` (start/end of each, proving none overlap).
 */
import { signal } from '@preact/signals';
import type { DisplaySettingsDto } from '@protocol/display';
import type { TicketCalledEvent } from '@protocol/dto';
import { officePath } from '@ui/office';
import { buildAnnouncement, DEFAULT_DISPLAY_SETTINGS } from '../../server/domain/display';
import { playChime } from './chime';

export type AnnouncementStatus = 'queued' | 'speaking' | 'done';
export type VoiceEngine = 'browser' | 'server' | 'none';

export interface AnnouncementRecord {
  ticketId: string;
  number: string;
  counterNumber: number;
  recall: boolean;
  calledAt: string;
  speech: string;
  status: AnnouncementStatus;
  engine: VoiceEngine | null;
}

interface BoardDebug {
  announcements: AnnouncementRecord[];
  log: string[];
}

declare global {
  interface Window {
    __motcuaBoard?: BoardDebug;
  }
}

const debug: BoardDebug = { announcements: [], log: [] };
window.__motcuaBoard = debug;

/** The one being said now (the board shows its sentence). */
export const speaking = signal<AnnouncementRecord | null>(null);

/** Longest a single sentence may take before the queue moves on (a stuck voice must not stop the board). */
const SAY_TIMEOUT_MS = 15_000;

let settingsNow: DisplaySettingsDto = DEFAULT_DISPLAY_SETTINGS;
let deviceKey: string | null = null;
let running = false;

export function configureAnnouncer(opts: { settings?: DisplaySettingsDto; deviceKey?: string | null }): void {
  if (opts.settings) settingsNow = opts.settings;
  if (opts.deviceKey !== undefined) deviceKey = opts.deviceKey;
}

/** Queues one live call (never a snapshot's recent calls: those were announced when they happened). */
export function announce(call: TicketCalledEvent): void {
  const { speech } = buildAnnouncement(call, settingsNow);
  debug.announcements.push({
    ticketId: call.ticketId,
    number: call.number,
    counterNumber: call.counterNumber,
    recall: call.recall,
    calledAt: call.calledAt,
    speech,
    status: 'queued',
    engine: null,
  });
  void run();
}

async function run(): Promise<void> {
  if (running) return;
  running = true;
  try {
    for (let next = nextQueued(); next; next = nextQueued()) {
      next.status = 'speaking';
      speaking.value = { ...next };
      debug.log.push(`start ${next.number}@${next.counterNumber}`);
      try {
        await sayCall(next);
      } catch (err) {
        console.warn('[board] announcement failed', err);
      }
      next.status = 'done';
      debug.log.push(`end ${next.number}@${next.counterNumber}`);
    }
  } finally {
    speaking.value = null;
    running = false;
  }
}

const nextQueued = () => debug.announcements.find((a) => a.status === 'queued');

async function sayCall(rec: AnnouncementRecord): Promise<void> {
  const a = buildAnnouncement(rec, settingsNow);
  const voice = !a.voice || settingsNow.voiceKind === 'server' ? null : vietnameseVoice();
  const engine: VoiceEngine = !a.voice
    ? 'none'
    : voice
      ? 'browser'
      : settingsNow.voiceKind === 'browser'
        ? 'none'
        : 'server';
  rec.engine = engine;
  if (a.chime) await playChime(a.volume);
  if (engine === 'none') return;
  const clip = engine === 'server' ? await serverClip(rec) : null;
  for (let i = 0; i < a.repeat; i++) {
    if (voice) await withTimeout(speakBrowser(a.speech, voice, a.volume));
    else if (clip) await withTimeout(playClip(clip, a.volume));
    if (i < a.repeat - 1) await pause(600);
  }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const withTimeout = (p: Promise<void>) => Promise.race([p, pause(SAY_TIMEOUT_MS)]);

/** The browser's Vietnamese voice, if it has one (a local one first: no internet in the hall). */
function vietnameseVoice(): SpeechSynthesisVoice | null {
  if (!('speechSynthesis' in window)) return null;
  const voices = window.speechSynthesis
    .getVoices()
    .filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith('vi'));
  return voices.find((v) => v.localService) ?? voices[0] ?? null;
}

function speakBrowser(text: string, voice: SpeechSynthesisVoice, volume: number): Promise<void> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.volume = volume;
    u.rate = 0.9;
    u.onend = () => resolve();
    u.onerror = () => resolve();
    window.speechSynthesis.speak(u);
  });
}

const clipCache = new Map<string, string>();

async function serverClip(rec: AnnouncementRecord): Promise<string | null> {
  const key = `${rec.number}@${rec.counterNumber}`;
  const cached = clipCache.get(key);
  if (cached) return cached;
  try {
    const q = new URLSearchParams({ number: rec.number, counter: String(rec.counterNumber) });
    const res = await fetch(officePath(`/api/announcements/audio?${q}`), {
      headers: deviceKey ? { 'x-device-key': deviceKey } : {},
    });
    if (!res.ok) return null;
    const url = URL.createObjectURL(await res.blob());
    clipCache.set(key, url);
    return url;
  } catch {
    return null;
  }
}

function playClip(url: string, volume: number): Promise<void> {
  return new Promise((resolve) => {
    const audio = new Audio(url);
    audio.volume = volume;
    audio.onended = () => resolve();
    audio.onerror = () => resolve();
    audio.play().catch(() => resolve());
  });
}
