/** Vietnamese text of the hall board (the board's first language). */
export const vi = {
  pageTitle: 'Màn hình sảnh chờ',
  nowCalling: 'Xin mời số',
  toCounter: 'đến quầy',
  counter: 'Quầy',
  counterShort: 'Quầy',
  recall: 'Gọi lại',
  noCallYet: 'Chưa gọi số nào',
  counters: 'Các quầy',
  recentCalls: 'Vừa gọi',
  waiting: 'Đang chờ',
  readyDossiers: 'Hồ sơ đã có kết quả, mời nhận tại quầy',
  people: 'người',
  status: { open: 'Sẵn sàng', paused: 'Tạm dừng', closed: 'Đóng' },
  offline: 'Mất kết nối — đang kết nối lại…',
  enableSound: 'Bật âm thanh',
  enableSoundHint: 'Chạm một lần để màn hình đọc số',
  notPaired: 'Màn hình chưa được ghép nối',
  notPairedHint: 'Mở trang này một lần với đường dẫn ghép nối: /display-board/?key=<mã thiết bị>',
  badKey: 'Mã thiết bị không hợp lệ hoặc đã bị thu hồi. Hãy ghép nối lại.',
  weekdays: ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'],
};
export type BoardCatalogue = typeof vi;
