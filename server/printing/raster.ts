/**
 * Text → 1-bit bitmap for the printer's raster route, for printers whose
 * code pages cannot show Vietnamese. Glyph outlines come from the bundled Be
 * Vietnam Pro font (opentype.js parses its WOFF files); the rasteriser is our
 * own: curves flattened to line segments, then a non-zero-winding scanline
 * fill sampled at pixel centres. No canvas, no native dependency.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as OpenType from 'opentype.js';
import type { MonoBitmap } from './escpos';

const require = createRequire(import.meta.url);
// opentype.js ships a UMD bundle as "main"; Node's ESM loader cannot see its
// named exports, so load it through require.
const opentype = require('opentype.js') as typeof OpenType;

export type FontWeight = 400 | 700 | 800;

/**
 * Fontsource splits the font by Unicode subset; a character is drawn with
 * the first subset that has a glyph for it.
 */
const SUBSETS = ['latin', 'vietnamese', 'latin-ext'] as const;

const fontCache = new Map<FontWeight, OpenType.Font[]>();

/** The Be Vietnam Pro subsets of one weight, parsed once per process. */
export function loadFonts(weight: FontWeight): OpenType.Font[] {
  const cached = fontCache.get(weight);
  if (cached) return cached;
  const fonts = SUBSETS.map((subset) => {
    const file = require.resolve(`@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff`);
    const bytes = readFileSync(file);
    return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  });
  fontCache.set(weight, fonts);
  return fonts;
}

/** An 8-bit-per-dot canvas (0 = paper, 1 = ink), packed at the end. */
export class Canvas {
  readonly dots: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.dots = new Uint8Array(width * height);
  }

  setSpan(y: number, x0: number, x1: number): void {
    if (y < 0 || y >= this.height) return;
    const from = Math.max(0, x0);
    const to = Math.min(this.width, x1);
    if (to > from) this.dots.fill(1, y * this.width + from, y * this.width + to);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    for (let row = y; row < y + h; row++) this.setSpan(row, x, x + w);
  }

  /** Rows packed MSB-first, as `GS v 0` wants them. */
  toMonoBitmap(): MonoBitmap {
    const widthBytes = Math.ceil(this.width / 8);
    const data = new Uint8Array(widthBytes * this.height);
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        if (this.dots[y * this.width + x]) {
          const index = y * widthBytes + (x >> 3);
          data[index] = (data[index] ?? 0) | (0x80 >> (x & 7));
        }
      }
    }
    return { width: this.width, height: this.height, data };
  }
}

interface Edge {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

type PathCommand = OpenType.PathCommand;

/** Number of line segments for a curve whose control polygon is `length` dots long. */
function segmentsFor(length: number): number {
  return Math.min(64, Math.max(2, Math.ceil(length / 2)));
}

/** Flattens path commands (M L Q C Z, in dots) to closed polygons' edges. */
export function flattenPath(commands: readonly PathCommand[]): Edge[] {
  const edges: Edge[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const lineTo = (nx: number, ny: number): void => {
    if (ny !== y) edges.push({ x0: x, y0: y, x1: nx, y1: ny });
    x = nx;
    y = ny;
  };
  for (const cmd of commands) {
    switch (cmd.type) {
      case 'M':
        if (x !== startX || y !== startY) lineTo(startX, startY);
        startX = x = cmd.x;
        startY = y = cmd.y;
        break;
      case 'L':
        lineTo(cmd.x, cmd.y);
        break;
      case 'Q': {
        const px = x;
        const py = y;
        const n = segmentsFor(Math.hypot(cmd.x1 - px, cmd.y1 - py) + Math.hypot(cmd.x - cmd.x1, cmd.y - cmd.y1));
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          lineTo(u * u * px + 2 * u * t * cmd.x1 + t * t * cmd.x, u * u * py + 2 * u * t * cmd.y1 + t * t * cmd.y);
        }
        break;
      }
      case 'C': {
        const px = x;
        const py = y;
        const n = segmentsFor(
          Math.hypot(cmd.x1 - px, cmd.y1 - py) +
            Math.hypot(cmd.x2 - cmd.x1, cmd.y2 - cmd.y1) +
            Math.hypot(cmd.x - cmd.x2, cmd.y - cmd.y2),
        );
        for (let i = 1; i <= n; i++) {
          const t = i / n;
          const u = 1 - t;
          lineTo(
            u * u * u * px + 3 * u * u * t * cmd.x1 + 3 * u * t * t * cmd.x2 + t * t * t * cmd.x,
            u * u * u * py + 3 * u * u * t * cmd.y1 + 3 * u * t * t * cmd.y2 + t * t * t * cmd.y,
          );
        }
        break;
      }
      case 'Z':
        lineTo(startX, startY);
        break;
    }
  }
  if (x !== startX || y !== startY) lineTo(startX, startY);
  return edges;
}

/**
 * Fills polygons with the non-zero winding rule (TrueType/CFF outlines rely
 * on it for overlapping contours), sampling each dot at its centre.
 */
export function fillEdges(canvas: Canvas, edges: readonly Edge[]): void {
  if (edges.length === 0) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const e of edges) {
    minY = Math.min(minY, e.y0, e.y1);
    maxY = Math.max(maxY, e.y0, e.y1);
  }
  const firstRow = Math.max(0, Math.floor(minY));
  const lastRow = Math.min(canvas.height - 1, Math.ceil(maxY));
  const crossings: Array<{ x: number; dir: number }> = [];
  for (let row = firstRow; row <= lastRow; row++) {
    const sy = row + 0.5;
    crossings.length = 0;
    for (const e of edges) {
      const up = e.y1 < e.y0;
      const top = up ? e.y1 : e.y0;
      const bottom = up ? e.y0 : e.y1;
      // Half-open [top, bottom) so a vertex shared by two edges counts once.
      if (sy < top || sy >= bottom) continue;
      const t = (sy - e.y0) / (e.y1 - e.y0);
      crossings.push({ x: e.x0 + t * (e.x1 - e.x0), dir: up ? -1 : 1 });
    }
    if (crossings.length < 2) continue;
    crossings.sort((a, b) => a.x - b.x);
    let winding = 0;
    for (let i = 0; i < crossings.length - 1; i++) {
      const c = crossings[i];
      const next = crossings[i + 1];
      if (!c || !next) continue;
      winding += c.dir;
      if (winding !== 0) {
        // Dots whose centre lies inside [c.x, next.x).
        canvas.setSpan(row, Math.ceil(c.x - 0.5), Math.ceil(next.x - 0.5));
      }
    }
  }
}

interface PlacedGlyph {
  glyph: OpenType.Glyph;
  font: OpenType.Font;
  x: number;
}

const REPLACEMENT = '?';

function fontFor(fonts: readonly OpenType.Font[], ch: string): OpenType.Font | undefined {
  return fonts.find((f) => f.charToGlyph(ch).index > 0);
}

/** Lays out one line of text at `fontSize` px; returns glyphs and total width. */
function layout(
  text: string,
  fonts: readonly OpenType.Font[],
  fontSize: number,
): { glyphs: PlacedGlyph[]; width: number } {
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  let previous: PlacedGlyph | undefined;
  for (const ch of text.normalize('NFC')) {
    let font = fontFor(fonts, ch);
    let glyphChar = ch;
    if (!font) {
      // Precomposed letter missing: draw its base letter rather than a box.
      const base = ch.normalize('NFD')[0] ?? REPLACEMENT;
      font = fontFor(fonts, base) ?? fontFor(fonts, REPLACEMENT);
      glyphChar = font && base !== ch ? base : REPLACEMENT;
      if (!font) continue;
    }
    const glyph = font.charToGlyph(glyphChar);
    const scale = fontSize / font.unitsPerEm;
    if (previous && previous.font === font) {
      x += font.getKerningValue(previous.glyph, glyph) * scale;
    }
    const placed = { glyph, font, x };
    glyphs.push(placed);
    x += (glyph.advanceWidth ?? 0) * scale;
    previous = placed;
  }
  return { glyphs, width: x };
}

export interface TextStyle {
  fontSize: number;
  weight: FontWeight;
}

/** Width of `text` in dots. */
export function measureText(text: string, style: TextStyle): number {
  return layout(text, loadFonts(style.weight), style.fontSize).width;
}

/**
 * Greedy word wrap to `maxWidth` dots; a word longer than a line is broken
 * between characters. Explicit "\n" starts a new line.
 */
export function wrapText(text: string, style: TextStyle, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = current ? `${current} ${word}` : word;
      if (measureText(candidate, style) <= maxWidth) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      let piece = '';
      for (const ch of word) {
        if (piece && measureText(piece + ch, style) > maxWidth) {
          lines.push(piece);
          piece = '';
        }
        piece += ch;
      }
      current = piece;
    }
    lines.push(current);
  }
  return lines;
}

/** Line box height for a style: ascender to descender plus a little leading. */
export function lineHeight(style: TextStyle): number {
  const font = loadFonts(style.weight)[0];
  if (!font) return Math.ceil(style.fontSize * 1.3);
  return Math.ceil(((font.ascender - font.descender) / font.unitsPerEm) * style.fontSize * 1.05);
}

/** Draws one line with its baseline at `baselineY`, starting at `x`. */
export function drawText(canvas: Canvas, text: string, x: number, baselineY: number, style: TextStyle): void {
  const { glyphs } = layout(text, loadFonts(style.weight), style.fontSize);
  for (const placed of glyphs) {
    const path = placed.glyph.getPath(x + placed.x, baselineY, style.fontSize, {}, placed.font);
    fillEdges(canvas, flattenPath(path.commands));
  }
}

export type TextAlign = 'left' | 'center' | 'right';

/** One block of a raster document. */
export type RasterBlock =
  | { kind: 'text'; text: string; style: TextStyle; align?: TextAlign }
  | { kind: 'gap'; height: number }
  | { kind: 'rule'; thickness?: number };

/**
 * Renders blocks top to bottom into a bitmap `width` dots wide (384 for
 * 58 mm paper, 576 for 80 mm), wrapping text within `margin` dots of each
 * edge.
 */
export function renderBlocks(blocks: readonly RasterBlock[], width: number, margin = 8): MonoBitmap {
  type Line = { text: string; style: TextStyle; align: TextAlign; top: number; height: number };
  const lines: Line[] = [];
  const rules: Array<{ top: number; thickness: number }> = [];
  const usable = width - 2 * margin;
  let y = 0;
  for (const block of blocks) {
    if (block.kind === 'gap') {
      y += block.height;
    } else if (block.kind === 'rule') {
      const thickness = block.thickness ?? 2;
      rules.push({ top: y + 4, thickness });
      y += thickness + 8;
    } else {
      const height = lineHeight(block.style);
      for (const text of wrapText(block.text, block.style, usable)) {
        lines.push({ text, style: block.style, align: block.align ?? 'left', top: y, height });
        y += height;
      }
    }
  }
  const canvas = new Canvas(width, Math.max(1, Math.ceil(y)));
  for (const rule of rules) canvas.fillRect(margin, rule.top, usable, rule.thickness);
  for (const line of lines) {
    const font = loadFonts(line.style.weight)[0];
    const ascent = font ? (font.ascender / font.unitsPerEm) * line.style.fontSize : line.style.fontSize;
    const textWidth = measureText(line.text, line.style);
    const x =
      line.align === 'left' ? margin : line.align === 'right' ? width - margin - textWidth : (width - textWidth) / 2;
    drawText(canvas, line.text, Math.round(x), Math.round(line.top + ascent), line.style);
  }
  return canvas.toMonoBitmap();
}
