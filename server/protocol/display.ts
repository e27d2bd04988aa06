/**
 * The hall display boards' settings: the zod schemas of the admin's bodies
 * and the shapes the server sends (docs/api/display.md). Pages import this
 * file with `import type` only.
 */
import { z } from 'zod';

export const VOICE_KINDS = ['auto', 'browser', 'server'] as const;
export type VoiceKind = (typeof VOICE_KINDS)[number];

/** Office-wide: what every board says and shows. */
export interface DisplaySettingsDto {
  /** The scrolling notice line ('' = none). */
  notice: string;
  voiceEnabled: boolean;
  /** 0–100. */
  volume: number;
  /** 'auto': the browser's Vietnamese voice if it has one, else the server's clips. */
  voiceKind: VoiceKind;
  /** How many times each call is said (DOMAIN.md §4: twice). */
  repeat: number;
  /** A chime before each call. */
  chime: boolean;
}

/** One board's own choice (kept in its display device's settings JSON, key "board"). */
export interface BoardSettingsDto {
  /** Heading shown instead of the office name (null = the office name). */
  title: string | null;
  /** Counters it shows (ids; null = all). */
  counterIds: number[] | null;
  /** Fields it shows (ids; null = all): counters serving none of them are hidden. */
  fieldIds: number[] | null;
  /** Show the waiting count per field. */
  showWaiting: boolean;
  /** How many recent calls are listed (0–12). */
  recentCount: number;
  /** List the codes of dossiers whose results wait at the counter (codes only, never a name). */
  showReadyDossiers: boolean;
}

/** A display device as the admin sees it. */
export interface BoardDto {
  id: number;
  name: string;
  lastSeenAt: string | null;
  settings: BoardSettingsDto;
}

const noticeSchema = z.string().trim().max(500, 'Dòng thông báo quá dài (tối đa 500 ký tự)');

export const displaySettingsBodySchema = z
  .object({
    notice: noticeSchema,
    voiceEnabled: z.boolean({ message: 'Phải là true hoặc false' }),
    volume: z
      .number({ message: 'Âm lượng phải là một số' })
      .int('Âm lượng phải là số nguyên')
      .min(0, 'Âm lượng từ 0 đến 100')
      .max(100, 'Âm lượng từ 0 đến 100'),
    voiceKind: z.enum(VOICE_KINDS, { message: 'Giọng đọc là "auto", "browser" hoặc "server"' }),
    repeat: z
      .number({ message: 'Số lần đọc phải là một số' })
      .int()
      .min(1, 'Đọc từ 1 đến 3 lần')
      .max(3, 'Đọc từ 1 đến 3 lần'),
    chime: z.boolean({ message: 'Phải là true hoặc false' }),
  })
  .partial()
  .strict();
export type DisplaySettingsBody = z.infer<typeof displaySettingsBodySchema>;

const idListSchema = z
  .array(z.number().int('Mã phải là số nguyên').positive('Mã phải là số dương'), {
    message: 'Phải là danh sách mã hoặc null',
  })
  .max(100)
  .nullable();

export const boardSettingsBodySchema = z
  .object({
    title: z.string().trim().max(120, 'Tiêu đề quá dài (tối đa 120 ký tự)').nullable(),
    counterIds: idListSchema,
    fieldIds: idListSchema,
    showWaiting: z.boolean({ message: 'Phải là true hoặc false' }),
    recentCount: z.number({ message: 'Phải là một số' }).int().min(0, 'Từ 0 đến 12').max(12, 'Từ 0 đến 12'),
    showReadyDossiers: z.boolean({ message: 'Phải là true hoặc false' }),
  })
  .partial()
  .strict();
export type BoardSettingsBody = z.infer<typeof boardSettingsBodySchema>;

/** `GET /api/announcements/audio?number=&counter=`: the server builds the sentence itself. */
export const announcementAudioQuerySchema = z.object({
  number: z
    .string({ message: 'Thiếu số thứ tự' })
    .regex(/^[A-Za-z0-9Đđ]{1,12}$/, 'Số thứ tự chỉ gồm chữ và số (tối đa 12 ký tự)'),
  counter: z.coerce.number({ message: 'Số quầy phải là một số' }).int().min(1).max(999),
});
