/**
 * The admin's "print a test page": every Vietnamese letter with every tone,
 * lowercase and capital, once per text route (CP1258, TCVN-3, raster), each
 * section headed by its route and page numbers, so the office sees on the
 * printer it bought which route reads right and sets that one.
 */
import { cp1258Codec, DEFAULT_TCVN3_PAGES, tcvn3Codec } from './codecs';
import { DEFAULT_CP1258_CODE_PAGE, EscPosBuilder } from './escpos';
import { renderBlocks, type RasterBlock } from './raster';
import { finishSlip, type PrinterProfile } from './ticket-layout';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] as const;
/** No tone, huyền, sắc, hỏi, ngã, nặng. */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'] as const;

/** The test lines: each vowel with its six tones, lowercase then capitals, and đ Đ. */
export function testPageLines(): string[] {
  const row = (v: string) => TONES.map((t) => (v + t).normalize('NFC')).join(' ');
  return [
    ...VOWELS.map((v) => row(v)),
    ...VOWELS.map((v) => row(v.toUpperCase())),
    'đ Đ',
    'Cộng hòa xã hội chủ nghĩa Việt Nam',
    'ĐỘC LẬP - TỰ DO - HẠNH PHÚC',
  ];
}

export interface TestPageInfo {
  /** Who prints it, e.g. "Kiosk sảnh chính — 127.0.0.1:9100". */
  title: string;
  /** Formatted time in the office's time zone. */
  at: string;
}

/**
 * The test page as ESC/POS bytes: one section per route. The code-page
 * sections use the printer's own page numbers where its setting is on that
 * route, else the Epson defaults.
 */
export function renderTestPage(info: TestPageInfo, printer: PrinterProfile): Buffer {
  const cols = Math.floor(printer.widthDots / 12);
  const lines = testPageLines();
  const cpPage =
    printer.route === 'codepage' ? (printer.codePage ?? DEFAULT_CP1258_CODE_PAGE) : DEFAULT_CP1258_CODE_PAGE;
  const tcLower =
    printer.route === 'tcvn3' ? (printer.codePage ?? DEFAULT_TCVN3_PAGES.lower) : DEFAULT_TCVN3_PAGES.lower;
  const tcUpper =
    printer.route === 'tcvn3'
      ? printer.upperCodePage === undefined
        ? DEFAULT_TCVN3_PAGES.upper
        : printer.upperCodePage
      : DEFAULT_TCVN3_PAGES.upper;
  const kanji = printer.cancelKanji ?? false;
  const sections: Array<{ heading: string; builder: EscPosBuilder }> = [
    { heading: `1. codepage - CP1258, trang ${cpPage}`, builder: new EscPosBuilder(cp1258Codec(cpPage, kanji)) },
    {
      heading: `2. tcvn3 - TCVN-3, trang ${tcLower}${tcUpper === null ? '' : `/${tcUpper}`}`,
      builder: new EscPosBuilder(tcvn3Codec(tcLower, tcUpper, kanji)),
    },
  ];
  const parts: Buffer[] = [];
  sections.forEach(({ heading, builder: b }, i) => {
    b.init().align('left');
    if (i === 0) {
      b.bold(true).line('TRANG IN THỬ - MÁY IN NHIỆT').bold(false);
      b.line(info.title).line(info.at).line('-'.repeat(cols));
    }
    b.bold(true).line(heading).bold(false);
    for (const line of lines) b.line(line);
    b.font('B').line('Phông B: Số thứ tự - Thời gian chờ').font('A');
    b.line('-'.repeat(cols));
    parts.push(b.build());
  });
  const raster: RasterBlock[] = [
    { kind: 'text', text: '3. raster - in dạng ảnh', style: { fontSize: 24, weight: 700 }, align: 'left' },
    ...lines.map((text): RasterBlock => ({ kind: 'text', text, style: { fontSize: 24, weight: 400 }, align: 'left' })),
  ];
  const last = new EscPosBuilder();
  last.init().rasterImage(renderBlocks(raster, printer.widthDots));
  finishSlip(last, printer);
  parts.push(last.build());
  return Buffer.concat(parts);
}
