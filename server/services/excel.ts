/**
 * exceljs, loaded the first time a workbook is read or written: it is ~30 MB
 * of memory that a server which never exports does not need to carry.
 */
import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | null = null;

export function loadExcel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => (m as unknown as { default: typeof ExcelJS }).default ?? m);
  return loaded;
}
