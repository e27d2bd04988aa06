/**
 * The words of Decision 766/QĐ-TTg's tables, Vietnamese. The group names are
 * the server's own (Vietnamese); `names`/`parts` only translate them.
 */
export const vi = {
  group: 'Nhóm chỉ số',
  score: 'Điểm',
  ratio: 'Tỷ lệ',
  basis: 'Tử số / mẫu số',
  outOf: (s: string, max: string) => `${s} / ${max}`,
  max: (max: string) => `tối đa ${max} điểm`,
  notComputable: 'Cần dữ liệu của Cổng Dịch vụ công quốc gia',
  notComputableGroups: (names: string) => `Cần dữ liệu của Cổng Dịch vụ công quốc gia, không tính ở đây: ${names}.`,
  names: {} as Record<string, string>,
  parts: {} as Record<string, string>,
  none: '—',
};
export type Index766Catalogue = typeof vi;
