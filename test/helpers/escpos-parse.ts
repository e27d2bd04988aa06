/**
 * A small ESC/POS reader for tests: splits captured printer bytes into
 * commands, raster images, QR data and text lines, so a test can check what
 * would come out on paper. Throws on a command it does not know, so a
 * malformed stream fails the test instead of passing as "text".
 */
import { decodeCp1258 } from '../../server/printing/cp1258';

export type EscPosToken =
  | { kind: 'text'; bytes: Uint8Array }
  | { kind: 'lf' }
  | { kind: 'command'; name: string; args: number[] }
  | { kind: 'raster'; mode: number; widthBytes: number; height: number; data: Uint8Array }
  | { kind: 'qr-store'; data: Uint8Array }
  | { kind: 'qr'; fn: number; args: number[] };

const ESC = 0x1b;
const GS = 0x1d;

/** ESC commands with a fixed number of parameter bytes. */
const ESC_FIXED: Record<number, { name: string; params: number }> = {
  0x40: { name: 'init', params: 0 },
  0x74: { name: 'codePage', params: 1 },
  0x61: { name: 'align', params: 1 },
  0x45: { name: 'bold', params: 1 },
  0x21: { name: 'printMode', params: 1 },
  0x2d: { name: 'underline', params: 1 },
  0x64: { name: 'feedLines', params: 1 },
  0x4a: { name: 'feedDots', params: 1 },
  0x32: { name: 'defaultLineSpacing', params: 0 },
  0x33: { name: 'lineSpacing', params: 1 },
  0x4d: { name: 'font', params: 1 },
};

const GS_FIXED: Record<number, { name: string; params: number }> = {
  0x21: { name: 'size', params: 1 },
  0x42: { name: 'reverse', params: 1 },
  0x4c: { name: 'leftMargin', params: 2 },
  0x57: { name: 'printWidth', params: 2 },
};

function at(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  if (b === undefined) throw new Error(`ESC/POS stream ends inside a command at byte ${i}`);
  return b;
}

export function parseEscPos(bytes: Uint8Array): EscPosToken[] {
  const tokens: EscPosToken[] = [];
  let i = 0;
  let textStart = -1;
  const flushText = (end: number): void => {
    if (textStart >= 0 && end > textStart) tokens.push({ kind: 'text', bytes: bytes.slice(textStart, end) });
    textStart = -1;
  };
  while (i < bytes.length) {
    const b = at(bytes, i);
    if (b === ESC) {
      flushText(i);
      const cmd = at(bytes, i + 1);
      const spec = ESC_FIXED[cmd];
      if (!spec) throw new Error(`unknown ESC 0x${cmd.toString(16)} at byte ${i}`);
      const args = Array.from(bytes.subarray(i + 2, i + 2 + spec.params));
      if (args.length !== spec.params) throw new Error(`truncated ESC command at ${i}`);
      tokens.push({ kind: 'command', name: spec.name, args });
      i += 2 + spec.params;
    } else if (b === GS) {
      flushText(i);
      const cmd = at(bytes, i + 1);
      if (cmd === 0x76) {
        // GS v 0 m xL xH yL yH d…
        if (at(bytes, i + 2) !== 0x30) throw new Error(`unknown GS v variant at ${i}`);
        const mode = at(bytes, i + 3);
        const widthBytes = at(bytes, i + 4) | (at(bytes, i + 5) << 8);
        const height = at(bytes, i + 6) | (at(bytes, i + 7) << 8);
        const start = i + 8;
        const end = start + widthBytes * height;
        if (end > bytes.length) throw new Error(`raster image at ${i} runs past the end`);
        tokens.push({ kind: 'raster', mode, widthBytes, height, data: bytes.slice(start, end) });
        i = end;
      } else if (cmd === 0x28 && at(bytes, i + 2) === 0x6b) {
        // GS ( k pL pH cn fn [params]
        const length = at(bytes, i + 3) | (at(bytes, i + 4) << 8);
        const body = bytes.slice(i + 5, i + 5 + length);
        if (body.length !== length) throw new Error(`truncated GS ( k at ${i}`);
        const fn = at(body, 1);
        if (fn === 0x50) tokens.push({ kind: 'qr-store', data: body.slice(3) });
        else tokens.push({ kind: 'qr', fn, args: Array.from(body.subarray(2)) });
        i += 5 + length;
      } else if (cmd === 0x56) {
        const m = at(bytes, i + 2);
        const hasFeed = m === 65 || m === 66;
        tokens.push({ kind: 'command', name: 'cut', args: hasFeed ? [m, at(bytes, i + 3)] : [m] });
        i += hasFeed ? 4 : 3;
      } else {
        const spec = GS_FIXED[cmd];
        if (!spec) throw new Error(`unknown GS 0x${cmd.toString(16)} at byte ${i}`);
        const args = Array.from(bytes.subarray(i + 2, i + 2 + spec.params));
        if (args.length !== spec.params) throw new Error(`truncated GS command at ${i}`);
        tokens.push({ kind: 'command', name: spec.name, args });
        i += 2 + spec.params;
      }
    } else if (b === 0x1c) {
      // FS . (cancel Kanji mode) / FS & (select Kanji mode)
      flushText(i);
      const cmd = at(bytes, i + 1);
      if (cmd !== 0x2e && cmd !== 0x26) throw new Error(`unknown FS 0x${cmd.toString(16)} at byte ${i}`);
      tokens.push({ kind: 'command', name: cmd === 0x2e ? 'cancelKanji' : 'kanji', args: [] });
      i += 2;
    } else if (b === 0x0a) {
      flushText(i);
      tokens.push({ kind: 'lf' });
      i++;
    } else if (b < 0x20 && b !== 0x0d) {
      throw new Error(`unexpected control byte 0x${b.toString(16)} at ${i}`);
    } else {
      if (textStart < 0) textStart = i;
      i++;
    }
  }
  flushText(i);
  return tokens;
}

/**
 * The printed text lines (code-page route), decoded from CP1258. Text runs
 * between line feeds are joined, so a line interrupted by a style command
 * (bold, size) is still one line.
 */
export function textLines(
  tokens: readonly EscPosToken[],
  decode: (bytes: Uint8Array) => string = decodeCp1258,
): string[] {
  const lines: string[] = [];
  let current: number[] = [];
  let hasText = false;
  for (const t of tokens) {
    if (t.kind === 'text') {
      current.push(...t.bytes.filter((b) => b !== 0x0d));
      hasText = true;
    } else if (t.kind === 'lf') {
      lines.push(decode(Uint8Array.from(current)));
      current = [];
      hasText = false;
    }
  }
  if (hasText) lines.push(decode(Uint8Array.from(current)));
  return lines;
}

export function rasterImages(tokens: readonly EscPosToken[]): Array<Extract<EscPosToken, { kind: 'raster' }>> {
  return tokens.filter((t): t is Extract<EscPosToken, { kind: 'raster' }> => t.kind === 'raster');
}

export function commands(tokens: readonly EscPosToken[], name: string): number[][] {
  return tokens.filter((t) => t.kind === 'command' && t.name === name).map((t) => (t.kind === 'command' ? t.args : []));
}

/** Number of ink dots in a packed bitmap. */
export function inkDots(data: Uint8Array): number {
  let n = 0;
  for (let b of data) {
    while (b) {
      n += b & 1;
      b >>= 1;
    }
  }
  return n;
}

/** The QR payloads stored with `GS ( k … fn 80`, as UTF-8 text. */
export function qrPayloads(tokens: readonly EscPosToken[]): string[] {
  return tokens
    .filter((t) => t.kind === 'qr-store')
    .map((t) => (t.kind === 'qr-store' ? Buffer.from(t.data).toString('utf8') : ''));
}

/**
 * The printed text lines when the stream switches code pages (`ESC t n`)
 * as it goes, as the TCVN-3 route does for capitals: each text run is
 * decoded with the decoder of the page selected at that point (and a
 * page with no decoder fails the test). `ESC @` returns to `initialPage`.
 */
export function textLinesPaged(
  tokens: readonly EscPosToken[],
  decoders: Readonly<Record<number, (bytes: Uint8Array) => string>>,
  initialPage = 0,
): string[] {
  const lines: string[] = [];
  let page = initialPage;
  let current = '';
  let hasText = false;
  for (const t of tokens) {
    if (t.kind === 'command' && t.name === 'init') page = initialPage;
    else if (t.kind === 'command' && t.name === 'codePage') page = t.args[0]!;
    else if (t.kind === 'text') {
      const decode = decoders[page];
      if (!decode) throw new Error(`text printed on code page ${page}, which has no decoder`);
      current += decode(t.bytes.filter((b) => b !== 0x0d));
      hasText = true;
    } else if (t.kind === 'lf') {
      lines.push(current);
      current = '';
      hasText = false;
    }
  }
  if (hasText) lines.push(current);
  return lines;
}

/**
 * Checks that the code page is selected again after every `ESC @` and
 * every font change (`ESC M`) before any text: printers fall back to their
 * default page then. Answers the offending token indexes (empty: all good).
 */
export function pageLapses(tokens: readonly EscPosToken[]): number[] {
  const bad: number[] = [];
  let needSince = -1;
  tokens.forEach((t, i) => {
    if (t.kind === 'command' && (t.name === 'init' || t.name === 'font')) needSince = i;
    else if (t.kind === 'command' && t.name === 'codePage') needSince = -1;
    else if (t.kind === 'text' && needSince >= 0) {
      bad.push(needSince);
      needSince = -1;
    }
  });
  return bad;
}
