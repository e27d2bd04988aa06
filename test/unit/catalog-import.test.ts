/**
 * The catalog import reads a deadline cell strictly (issue #12): a cell
 * that is not a whole or half number of days or hours, as the header says,
 * is a line-numbered rejection.
 */
import { describe, expect, it } from 'vitest';
import { readCatalog } from '../../server/domain/catalog-import';

const header = { line: 1, cells: ['Mã TTHC', 'Tên thủ tục', 'Lĩnh vực', 'Thời hạn giải quyết', 'Đơn vị'] };
const read = (time: string, unit = '') =>
  readCatalog(header, [{ line: 2, cells: ['1.001', 'Thủ tục', 'HT', time, unit] }], () => 1);

describe('deadline cells', () => {
  it.each([
    ['3', '', 3, 'days'],
    ['0,5', '', 0.5, 'days'],
    ['3 ngày làm việc', '', 3, 'days'],
    ['4 giờ', '', 4, 'hours'],
    ['4', 'giờ', 4, 'hours'],
    ['4 giờ', 'giờ', 4, 'hours'],
    ['Trong ngày', '', 0, 'days'],
    ['365', 'ngày', 365, 'days'],
  ])('"%s" (unit "%s") is %d %s', (time, unit, days, u) => {
    expect(read(time, unit)).toMatchObject({ entries: [{ processingDays: days, processingUnit: u }], rejected: [] });
  });

  it.each(['1e309', '3 tuần', '7e2', '2x', '1.5.5', '-1', '0x10', 'Infinity', '1,25', '366', '3 ngày 4 giờ', '½'])(
    '"%s" is refused on its line',
    (time) => {
      const res = read(time);
      expect(res.entries).toEqual([]);
      expect(res.rejected).toHaveLength(1);
      expect(res.rejected[0]!.line).toBe(2);
      expect(res.rejected[0]!.message).toMatch(/^Thời hạn/);
    },
  );

  it('a cell whose unit disagrees with the unit column is refused', () => {
    expect(read('3 ngày', 'giờ').rejected[0]!.message).toContain('khác đơn vị');
  });
});
