import { describe, expect, it } from 'vitest';
import { cp1258Codec, tcvn3Codec } from '../../server/printing/codecs';
import { decodeCp1258 } from '../../server/printing/cp1258';
import { EscPosBuilder } from '../../server/printing/escpos';
import { readStatus } from '../../server/printing/status';
import { decodeTcvn3, encodeTcvn3, TCVN3_TABLE } from '../../server/printing/tcvn3';
import { renderTestPage, testPageLines } from '../../server/printing/test-page';
import { commands, pageLapses, parseEscPos, rasterImages, textLinesPaged } from '../helpers/escpos-parse';
import { epsonStatusByte } from '../helpers/capture-printer';

const bytesOf = (text: string, upperPage = true) =>
  Buffer.concat(encodeTcvn3(text, { upperPage }).map((r) => r.bytes)).toString('latin1');

/** Decodes runs as a printer with both pages would print them. */
const roundTrip = (text: string, upperPage = true) =>
  encodeTcvn3(text, { upperPage })
    .map((r) => decodeTcvn3(r.bytes, r.page))
    .join('');

describe('TCVN-3 (VN3) encoder', () => {
  it('has the 74 letters of the table: Ă Â Ê Ô Ơ Ư Đ, ă â ê ô ơ ư đ and the 60 toned lowercase vowels', () => {
    expect(TCVN3_TABLE).toHaveLength(74);
    const letters = new Set(TCVN3_TABLE.map(([, ch]) => ch));
    expect(letters.size).toBe(74);
    for (const [byte] of TCVN3_TABLE) expect(byte).toBeGreaterThanOrEqual(0xa1);
  });

  it('writes the bytes of the well-known TCVN-3 renderings', () => {
    // What a Unicode text looks like when its TCVN-3 bytes are read as Latin-1.
    expect(bytesOf('Hà Nội')).toBe('Hµ Néi');
    expect(bytesOf('Việt Nam')).toBe('ViÖt Nam');
    expect(bytesOf('Cộng hòa xã hội chủ nghĩa')).toBe('Céng hßa x· héi chñ nghÜa');
    expect(bytesOf('Độc lập - Tự do - Hạnh phúc')).toBe('§éc lËp - Tù do - H¹nh phóc');
  });

  it('round-trips every Vietnamese letter with every tone, lowercase and capitals, on the two pages', () => {
    for (const line of testPageLines()) expect(roundTrip(line)).toBe(line);
  });

  it('puts toned capitals on the upper page and everything else on the lower one', () => {
    const runs = encodeTcvn3('SỐ THỨ TỰ ở Đà', { upperPage: true });
    expect(runs.map((r) => r.page)).toEqual(['lower', 'upper', 'lower']);
    expect(decodeTcvn3(runs[1]!.bytes, 'upper')).toBe('Ố THỨ TỰ ');
    // ASCII joins the open run: no page switch for "S", " T" or "H".
    expect(encodeTcvn3('SỐ THỨ', { upperPage: true }).map((r) => r.page)).toEqual(['lower', 'upper']);
  });

  it('without an upper page, keeps the tone on the lowercase letter', () => {
    expect(roundTrip('SỐ THỨ TỰ', false)).toBe('Số THứ Tự');
  });

  it('replaces dashes and quotes with ASCII, drops foreign accents, "?" for the rest', () => {
    expect(roundTrip('Tư pháp – Hộ tịch “A”')).toBe('Tư pháp - Hộ tịch "A"');
    expect(roundTrip('ç€')).toBe('c?');
  });

  it('decodes NFD input the same as NFC', () => {
    expect(roundTrip('Nguyễn'.normalize('NFD'))).toBe('Nguyễn');
  });
});

describe('code page selection in the builder', () => {
  it('re-sends the page after every ESC @ and font change, and switches pages for TCVN-3 capitals', () => {
    const tokens = parseEscPos(
      new EscPosBuilder(tcvn3Codec(30, 31)).init().line('SỐ THỨ TỰ').font('B').line('đã').init().line('Hà Nội').build(),
    );
    expect(pageLapses(tokens)).toEqual([]);
    // after the font change the page in use (31) is sent again, then "đã" goes back to 30
    expect(commands(tokens, 'codePage')).toEqual([[30], [31], [31], [30], [30]]);
    expect(textLinesPaged(tokens, { 30: (b) => decodeTcvn3(b), 31: (b) => decodeTcvn3(b, 'upper') })).toEqual([
      'SỐ THỨ TỰ',
      'đã',
      'Hà Nội',
    ]);
  });

  it('CP1258: one page, FS . before it for Chinese firmwares, again after each reset', () => {
    const tokens = parseEscPos(new EscPosBuilder(cp1258Codec(52, true)).init().line('Số').init().line('Số').build());
    expect(tokens.flatMap((t) => (t.kind === 'command' ? [t.name] : []))).toEqual([
      'init',
      'cancelKanji',
      'codePage',
      'init',
      'cancelKanji',
      'codePage',
    ]);
    expect(pageLapses(tokens)).toEqual([]);
  });

  it('the test page prints every letter once per route, with the page re-sent after each reset and font change', () => {
    const tokens = parseEscPos(
      renderTestPage(
        { title: 'Kiosk 1', at: '09:00 25/11/2026' },
        { route: 'tcvn3', widthDots: 576, codePage: 27, upperCodePage: null },
      ),
    );
    expect(pageLapses(tokens)).toEqual([]);
    const lines = textLinesPaged(tokens, {
      52: decodeCp1258,
      27: (b) => decodeTcvn3(b),
    });
    const letters = testPageLines();
    const cp = lines.indexOf('1. codepage - CP1258, trang 52');
    const tc = lines.indexOf('2. tcvn3 - TCVN-3, trang 27');
    expect(cp).toBeGreaterThan(0);
    expect(tc).toBeGreaterThan(cp);
    expect(lines.slice(cp + 1, cp + 1 + letters.length)).toEqual(letters);
    // this printer has no upper page: capitals print as lowercase letters with their tones
    expect(lines.slice(tc + 1, tc + 2)).toEqual([letters[0]]);
    expect(lines).toContain('a à á ả ã ạ');
    expect(lines).toContain('Phông B: Số thứ tự - Thời gian chờ');
    expect(rasterImages(tokens).length).toBeGreaterThan(0);
  });
});

describe('DLE EOT answers, as Epson documents them', () => {
  const answers = (state: Parameters<typeof epsonStatusByte>[0]) => ({
    printer: epsonStatusByte(state, 1),
    offlineCause: epsonStatusByte(state, 2),
    paper: epsonStatusByte(state, 4),
  });
  it.each(['online', 'paper-low', 'paper-out', 'cover-open'] as const)('reads %s', (state) => {
    expect(readStatus(answers(state))).toBe(state === 'online' ? 'ok' : state);
  });

  it('bits 2–3 of n = 4 are "near end" on their own too (some models set one of them)', () => {
    expect(readStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x16 })).toBe('paper-low');
    expect(readStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x32 })).toBe('paper-out');
  });

  it('nothing known when the printer does not answer or answers garbage', () => {
    expect(readStatus({ printer: null, offlineCause: null, paper: null })).toBeNull();
    expect(readStatus({ printer: 0xff, offlineCause: 0x00, paper: null })).toBeNull();
  });
});
