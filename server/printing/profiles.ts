/**
 * Printer profiles: what a model needs (text route and its code pages,
 * paper width, cutter, QR by the printer or as an image), so an office
 * picks its model instead of learning ESC/POS page numbers. A kiosk's or
 * counter's printer setting names a profile and may override any value.
 *
 * Page numbers are those the makers' tables give or that users report;
 * the admin's "print a test page" shows which route reads right on the
 * printer actually bought (docs/printing.md).
 */
import type { PrinterProfile } from './ticket-layout';

export interface ShippedProfile extends PrinterProfile {
  id: string;
  /** Vietnamese, for the admin's list. */
  name: string;
  cancelKanji: boolean;
  cutter: boolean;
  qr: 'native' | 'raster';
}

export const PRINTER_PROFILES = [
  {
    id: 'epson-tm-t82-cp1258',
    name: 'Epson TM-T82 / TM-T88 (80 mm, WPC1258 trang 52)',
    route: 'codepage',
    codePage: 52,
    widthDots: 576,
    cancelKanji: false,
    cutter: true,
    qr: 'native',
  },
  {
    id: 'epson-tm-t20-tcvn3',
    name: 'Epson TM-T20 (80 mm, TCVN-3 trang 30/31)',
    route: 'tcvn3',
    codePage: 30,
    upperCodePage: 31,
    widthDots: 576,
    cancelKanji: false,
    cutter: true,
    qr: 'native',
  },
  {
    id: 'xprinter-xp-n160ii-tcvn3',
    name: 'Xprinter XP-N160II / XP-80C (80 mm, TCVN-3 trang 27)',
    route: 'tcvn3',
    codePage: 27,
    upperCodePage: null,
    widthDots: 576,
    cancelKanji: true,
    cutter: true,
    qr: 'native',
  },
  {
    id: 'xprinter-xp-58-tcvn3',
    name: 'Xprinter XP-58IIH / XP-58 (58 mm, TCVN-3 trang 27, không dao cắt)',
    route: 'tcvn3',
    codePage: 27,
    upperCodePage: null,
    widthDots: 384,
    cancelKanji: true,
    cutter: false,
    qr: 'raster',
  },
  {
    id: 'generic-80-raster',
    name: 'Máy in 80 mm bất kỳ (in dạng ảnh)',
    route: 'raster',
    widthDots: 576,
    cancelKanji: false,
    cutter: true,
    qr: 'raster',
  },
  {
    id: 'generic-58-raster',
    name: 'Máy in 58 mm bất kỳ (in dạng ảnh, không dao cắt)',
    route: 'raster',
    widthDots: 384,
    cancelKanji: false,
    cutter: false,
    qr: 'raster',
  },
] as const satisfies readonly ShippedProfile[];

export type ProfileId = (typeof PRINTER_PROFILES)[number]['id'];
export const PROFILE_IDS = PRINTER_PROFILES.map((p) => p.id) as [ProfileId, ...ProfileId[]];

export function findProfile(id: string | undefined): ShippedProfile | undefined {
  return (PRINTER_PROFILES as readonly ShippedProfile[]).find((p) => p.id === id);
}

/** The settings that shape the bytes: a printer's own values over its profile's. */
export interface ProfileSettings {
  profile?: string | undefined;
  route?: PrinterProfile['route'] | undefined;
  widthDots?: PrinterProfile['widthDots'] | undefined;
  codePage?: number | undefined;
  upperCodePage?: number | null | undefined;
  cancelKanji?: boolean | undefined;
  cutter?: boolean | undefined;
  qr?: 'native' | 'raster' | undefined;
}

/** Resolves a printer setting to the profile the layouts use. */
export function resolveProfile(settings: ProfileSettings): PrinterProfile {
  const base = findProfile(settings.profile);
  const pick = <K extends keyof PrinterProfile>(key: K): PrinterProfile[K] | undefined =>
    (settings[key as keyof ProfileSettings] as PrinterProfile[K] | undefined) ?? base?.[key];
  const out: PrinterProfile = {
    route: pick('route') ?? 'codepage',
    widthDots: pick('widthDots') ?? 576,
  };
  const codePage = pick('codePage');
  if (codePage !== undefined) out.codePage = codePage;
  const upper = settings.upperCodePage !== undefined ? settings.upperCodePage : base?.upperCodePage;
  if (upper !== undefined) out.upperCodePage = upper;
  const kanji = pick('cancelKanji');
  if (kanji !== undefined) out.cancelKanji = kanji;
  const cutter = pick('cutter');
  if (cutter !== undefined) out.cutter = cutter;
  const qr = pick('qr');
  if (qr !== undefined) out.qr = qr;
  return out;
}
