/** The live hall's words (Vietnamese first). */
export const vi = {
  title: 'Sảnh — theo dõi trực tiếp',
  forbidden: 'Trang này dành cho lãnh đạo bộ phận (giám sát) và quản trị viên.',
  offline: 'Mất kết nối tới máy chủ — số liệu có thể đã cũ. Đang kết nối lại…',
  loading: 'Đang tải…',
  today: {
    heading: 'Hôm nay',
    issued: 'Số đã cấp',
    served: 'Đã phục vụ',
    noShows: 'Vắng mặt',
    meanWait: 'Chờ trung bình',
    p90Wait: '90% chờ không quá',
    satisfaction: 'Hài lòng',
    directCalls: 'Gọi trực tiếp',
    minutes: (m: number | null) => (m === null ? '—' : `${m.toLocaleString('vi-VN')} phút`),
    percent: (p: number | null, n: number) => (p === null ? '—' : `${p.toLocaleString('vi-VN')}% (${n})`),
  },
  alerts: {
    heading: (n: number) => (n === 0 ? 'Không có cảnh báo' : `Cảnh báo (${n})`),
    none: 'Mọi việc trong sảnh đang trong mục tiêu.',
    acknowledge: 'Đã biết',
    acknowledgedBy: (name: string, at: string) => `Đã xác nhận: ${name}, ${at}`,
    since: (at: string) => `từ ${at}`,
    text: (kind: string, d: Record<string, string | number | null>): string => {
      switch (kind) {
        case 'wait-over-target':
          return `Số ${d.number} (${d.fieldName}) đã chờ ${d.minutes} phút, quá mục tiêu ${d.target} phút`;
        case 'field-unserved':
          return `${d.waiting} người chờ lĩnh vực ${d.fieldName} nhưng không quầy nào đang mở phục vụ`;
        case 'counter-paused':
          return `Quầy ${d.counterNumber} tạm dừng ${d.minutes} phút${d.reason ? ` (${d.reason})` : ''} trong khi ${d.waiting} người đang chờ`;
        case 'service-over-target':
          return `Quầy ${d.counterNumber} phục vụ số ${d.number} đã ${d.minutes} phút, quá mục tiêu ${d.target} phút`;
        default:
          return kind;
      }
    },
  },
  fields: {
    heading: 'Hàng chờ theo lĩnh vực',
    waiting: 'đang chờ',
    longest: (m: number) => `Lâu nhất ${m} phút`,
    target: (w: number, s: number) => `Mục tiêu: chờ ${w}′, phục vụ ${s}′`,
    overTarget: (n: number) => `${n} quá mục tiêu`,
    counters: (n: number) => (n === 0 ? 'Không quầy nào mở' : `${n} quầy đang mở`),
    overCapacity: (max: number) => `Vượt mức ${max} người`,
    trend: 'Xu hướng 60 phút',
    trendLabel: (values: number[]) => `Số người chờ 60, 45, 30, 15 phút trước và hiện tại: ${values.join(', ')}`,
  },
  counters: {
    heading: 'Các quầy',
    status: { open: 'Đang mở', paused: 'Tạm dừng', closed: 'Đóng' } as Record<string, string>,
    noClerk: 'Chưa có cán bộ',
    serving: (n: string, m: number) => `Đang phục vụ ${n} · ${m} phút`,
    idle: 'Đang chờ gọi số',
    paused: (reason: string | null, m: number | null) => `${reason ?? 'Tạm dừng'}${m === null ? '' : ` · ${m} phút`}`,
  },
  overTarget: {
    heading: 'Số chờ quá mục tiêu',
    none: 'Không có ai chờ quá mục tiêu.',
    item: (n: string, m: number) => `${n} · ${m} phút`,
  },
  atRisk: {
    heading: 'Hồ sơ phải gửi Mẫu 04 (xin lỗi) hôm nay',
    none: 'Không có hồ sơ nào đến hạn gửi phiếu xin lỗi.',
    overdue: 'Đã quá hạn',
    dueSoon: 'Sắp đến hạn',
    due: (d: string) => `Hạn trả ${d}`,
  },
};
export type HallCatalogue = typeof vi;
