/** The board's rules: what it says for a call, what each board shows, which clips a sentence needs. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BOARD_SETTINGS,
  DEFAULT_DISPLAY_SETTINGS,
  boardSettingsOf,
  buildAnnouncement,
  filterBoardState,
} from '../../server/domain/display';
import { clipFilesFor } from '../../server/services/voice-service';

describe('buildAnnouncement (DOMAIN.md §4)', () => {
  it('reads the ticket and the counter the Vietnamese way, twice, after a chime', () => {
    const a = buildAnnouncement({ number: '1015', counterNumber: 3 });
    expect(a.speech).toBe('Xin mời công dân có số thứ tự một nghìn không trăm mười lăm đến quầy số ba');
    expect(a.display).toBe('Xin mời công dân có số thứ tự 1015 đến quầy số 3');
    expect(a).toMatchObject({ repeat: 2, chime: true, voice: true, volume: 0.8 });
  });

  it.each([
    ['A021', 1, 'a hai mươi mốt', 'một'],
    ['B025', 14, 'bê hai mươi lăm', 'mười bốn'],
    ['C105', 21, 'xê một trăm linh năm', 'hai mươi mốt'],
    ['L024', 5, 'e-lờ hai mươi tư', 'năm'],
    ['2001', 10, 'hai nghìn không trăm linh một', 'mười'],
  ])('%s at counter %i → "%s … quầy số %s"', (number, counter, ticketWords, counterWords) => {
    expect(buildAnnouncement({ number, counterNumber: counter }).speech).toBe(
      `Xin mời công dân có số thứ tự ${ticketWords} đến quầy số ${counterWords}`,
    );
  });

  it('follows the admin: voice off keeps the chime, volume and repeat are clamped', () => {
    const off = buildAnnouncement(
      { number: 'A001', counterNumber: 1 },
      { ...DEFAULT_DISPLAY_SETTINGS, voiceEnabled: false },
    );
    expect(off).toMatchObject({ voice: false, chime: true });
    const once = buildAnnouncement(
      { number: 'A001', counterNumber: 1 },
      { voiceEnabled: true, volume: 0, repeat: 9, chime: false },
    );
    expect(once).toMatchObject({ voice: false, repeat: 3, chime: false, volume: 0 });
  });
});

describe('per-board filtering', () => {
  const state = {
    counters: [
      { id: 11, number: 1, fieldIds: [1] },
      { id: 12, number: 2, fieldIds: [2] },
      { id: 13, number: 3, fieldIds: [2, 3] },
    ],
    recentCalls: [{ counterNumber: 3 }, { counterNumber: 1 }, { counterNumber: 2 }, { counterNumber: 1 }],
    waiting: [{ fieldId: 1 }, { fieldId: 2 }, { fieldId: 3 }],
    officeName: 'UBND xã Hòa An',
  };

  it('shows everything by default, up to recentCount calls', () => {
    const all = filterBoardState(state, { ...DEFAULT_BOARD_SETTINGS, recentCount: 3 });
    expect(all.counters).toHaveLength(3);
    expect(all.recentCalls).toHaveLength(3);
    expect(all.officeName).toBe('UBND xã Hòa An');
  });

  it('by field: counters serving one of the fields, their calls, those fields waiting', () => {
    const f = filterBoardState(state, { ...DEFAULT_BOARD_SETTINGS, fieldIds: [2] });
    expect(f.counters.map((c) => c.number)).toEqual([2, 3]);
    expect(f.recentCalls.map((c) => c.counterNumber)).toEqual([3, 2]);
    expect(f.waiting).toEqual([{ fieldId: 2 }]);
  });

  it('by counter, and without waiting counts', () => {
    const f = filterBoardState(state, { ...DEFAULT_BOARD_SETTINGS, counterIds: [11], showWaiting: false });
    expect(f.counters.map((c) => c.number)).toEqual([1]);
    expect(f.recentCalls).toEqual([{ counterNumber: 1 }, { counterNumber: 1 }]);
    expect(f.waiting).toEqual([]);
  });

  it('reads a device settings JSON defensively', () => {
    expect(boardSettingsOf({})).toEqual(DEFAULT_BOARD_SETTINGS);
    expect(boardSettingsOf({ board: { title: 'Tầng 2', counterIds: [2, 'x', -1], showWaiting: false } })).toMatchObject(
      {
        title: 'Tầng 2',
        counterIds: [2],
        showWaiting: false,
      },
    );
  });
});

describe('recorded clip pack', () => {
  it('names the clips of a sentence: the two fixed phrases, then one clip per word', () => {
    expect(clipFilesFor(buildAnnouncement({ number: 'A012', counterNumber: 3 }).speech)).toEqual([
      'xin-moi.wav',
      'a.wav',
      'mười.wav',
      'hai.wav',
      'den-quay-so.wav',
      'ba.wav',
    ]);
  });
});
