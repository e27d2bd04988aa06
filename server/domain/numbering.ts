import type { Field } from './model';
import { conflict } from './errors';

/** How many tickets a field can issue in one service day (cap and/or number range). */
export function dailyLimit(field: Pick<Field, 'numbering' | 'rangeStart' | 'rangeEnd' | 'dailyCap'>): number | null {
  const rangeSize =
    field.numbering === 'range' && field.rangeStart !== null && field.rangeEnd !== null
      ? field.rangeEnd - field.rangeStart + 1
      : field.numbering === 'prefix'
        ? 999
        : null;
  if (field.dailyCap === null) return rangeSize;
  return rangeSize === null ? field.dailyCap : Math.min(field.dailyCap, rangeSize);
}

/**
 * The printed number of the `seq`-th ticket of a field's service day
 * (DOMAIN.md §4): prefix + 3 digits (`A001`) or a range (`1001`…).
 */
export function formatTicketNumber(field: Pick<Field, 'numbering' | 'prefix' | 'rangeStart'>, seq: number): string {
  if (field.numbering === 'range') {
    return String((field.rangeStart ?? 1) + seq - 1);
  }
  return `${field.prefix}${String(seq).padStart(3, '0')}`;
}

/**
 * Checks a field can issue its `seq`-th ticket today; throws the message
 * the kiosk shows when it cannot ("Đã hết số thứ tự trong ngày cho lĩnh vực …").
 */
export function assertCanIssue(field: Field, seq: number): void {
  if (!field.active) {
    throw conflict('FIELD_CLOSED', `Lĩnh vực ${field.name} hiện không nhận hồ sơ.`, { fieldId: field.id });
  }
  const limit = dailyLimit(field);
  if (limit !== null && seq > limit) {
    throw conflict('DAILY_CAP_REACHED', `Đã hết số thứ tự trong ngày cho lĩnh vực ${field.name}.`, {
      fieldId: field.id,
      limit,
    });
  }
}
