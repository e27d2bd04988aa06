/**
 * The hall display board's rules (pure): which counters, fields and calls a
 * board shows, and what it says for a call (DOMAIN.md §4: a chime, then
 * "Xin mời công dân có số thứ tự … đến quầy số …", said twice).
 */
import type { BoardSettingsDto, DisplaySettingsDto, VoiceKind } from '../protocol/display';
import { announcementDisplayText, announcementText } from './vietnamese-numbers';

export type DisplaySettings = DisplaySettingsDto;
export type BoardSettings = BoardSettingsDto;
export type { VoiceKind };

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = {
  notice: '',
  voiceEnabled: true,
  volume: 80,
  voiceKind: 'auto',
  repeat: 2,
  chime: true,
};

export const DEFAULT_BOARD_SETTINGS: BoardSettings = {
  title: null,
  counterIds: null,
  fieldIds: null,
  showWaiting: true,
  recentCount: 6,
  showReadyDossiers: true,
};

/** At most this many ready dossiers are listed on a board. */
export const READY_DOSSIERS_SHOWN = 12;

const idList = (v: unknown): number[] | null =>
  Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x) && (x as number) > 0) : null;

/** A board's settings from its device's settings JSON (key "board"), defaults filled in. */
export function boardSettingsOf(deviceSettings: Record<string, unknown>): BoardSettings {
  const raw = (deviceSettings.board ?? {}) as Record<string, unknown>;
  const d = DEFAULT_BOARD_SETTINGS;
  return {
    title: typeof raw.title === 'string' && raw.title.trim() ? raw.title : d.title,
    counterIds: idList(raw.counterIds),
    fieldIds: idList(raw.fieldIds),
    showWaiting: typeof raw.showWaiting === 'boolean' ? raw.showWaiting : d.showWaiting,
    recentCount:
      typeof raw.recentCount === 'number' && Number.isInteger(raw.recentCount) ? raw.recentCount : d.recentCount,
    showReadyDossiers: typeof raw.showReadyDossiers === 'boolean' ? raw.showReadyDossiers : d.showReadyDossiers,
  };
}

interface CounterLike {
  id: number;
  fieldIds: readonly number[];
}

/**
 * Whether a board shows a counter: chosen by id (null = all) and serving at
 * least one of the board's fields (null = any).
 */
export function boardShowsCounter(board: BoardSettings, counter: CounterLike): boolean {
  if (board.counterIds && !board.counterIds.includes(counter.id)) return false;
  if (board.fieldIds && !counter.fieldIds.some((f) => board.fieldIds!.includes(f))) return false;
  return true;
}

/** Whether a board shows a field's waiting count. */
export function boardShowsField(board: BoardSettings, fieldId: number): boolean {
  return !board.fieldIds || board.fieldIds.includes(fieldId);
}

interface BoardStateLike<C extends CounterLike, K extends { counterNumber: number }, W extends { fieldId: number }> {
  counters: C[];
  recentCalls: K[];
  waiting: W[];
}

/**
 * The part of the office-wide board state one board shows: its counters,
 * the calls to them (at most `recentCount`), its fields' waiting counts.
 */
export function filterBoardState<
  C extends CounterLike & { number: number },
  K extends { counterNumber: number },
  W extends { fieldId: number },
  S extends BoardStateLike<C, K, W>,
>(state: S, board: BoardSettings): S {
  const counters = state.counters.filter((c) => boardShowsCounter(board, c));
  const numbers = new Set(counters.map((c) => c.number));
  return {
    ...state,
    counters,
    recentCalls: state.recentCalls.filter((k) => numbers.has(k.counterNumber)).slice(0, board.recentCount),
    waiting: boardWaiting(board, state.waiting),
  };
}

/** The waiting counts one board shows: its fields', or none when it does not show waiting. */
export function boardWaiting<W extends { fieldId: number }>(board: BoardSettings, waiting: readonly W[]): W[] {
  return board.showWaiting ? waiting.filter((w) => boardShowsField(board, w.fieldId)) : [];
}

/**
 * The dossier codes a board lists as "results ready": those of its fields,
 * codes only (a board in the hall never shows a citizen's name or ID).
 */
export function readyDossierCodes(
  ready: ReadonlyArray<{ code: string; fieldId: number | null }>,
  board: BoardSettings,
): string[] {
  if (!board.showReadyDossiers) return [];
  return ready
    .filter((d) => !board.fieldIds || (d.fieldId !== null && board.fieldIds.includes(d.fieldId)))
    .slice(0, READY_DOSSIERS_SHOWN)
    .map((d) => d.code);
}

/** What the board does for one call: the sentence to say, how often, with a chime or not. */
export interface Announcement {
  /** The sentence for the voice, numbers in words ("… số thứ tự a mười hai đến quầy số ba"). */
  speech: string;
  /** The same sentence with digits, shown while it is said. */
  display: string;
  /** How many times the sentence is said. */
  repeat: number;
  chime: boolean;
  /** Whether it is spoken at all (the admin may turn the voice off; the chime still plays). */
  voice: boolean;
  /** 0–1 for the audio element / speech utterance. */
  volume: number;
}

/**
 * Builds the announcement of a call (DOMAIN.md §4): a chime, then "Xin mời
 * công dân có số thứ tự A012 đến quầy số 3" read the Vietnamese way
 * ("a mười hai", "ba"), said `repeat` times (default twice). A recall is
 * announced again exactly like a first call.
 */
export function buildAnnouncement(
  call: { number: string; counterNumber: number },
  settings: Pick<DisplaySettings, 'voiceEnabled' | 'volume' | 'repeat' | 'chime'> = DEFAULT_DISPLAY_SETTINGS,
): Announcement {
  return {
    speech: announcementText(call.number, call.counterNumber, 'vi'),
    display: announcementDisplayText(call.number, call.counterNumber, 'vi'),
    repeat: Math.min(3, Math.max(1, Math.round(settings.repeat))),
    chime: settings.chime,
    voice: settings.voiceEnabled && settings.volume > 0,
    volume: Math.min(100, Math.max(0, settings.volume)) / 100,
  };
}
