/** Rating pad texts, Vietnamese (the default). en.ts has the same shape. */
export const vi = {
  unpaired: 'Thiết bị chưa được ghép nối. Hãy mở trang bằng liên kết ghép nối do quản trị viên cung cấp.',
  idleTitle: 'Đánh giá mức độ hài lòng',
  counter: (name: string) => name,
  clerk: (name: string) => `Cán bộ tiếp nhận: ${name}`,
  noClerk: 'Quầy chưa có cán bộ làm việc',
  idleHint: 'Sau khi được phục vụ, xin Ông/Bà vui lòng đánh giá trên màn hình này.',
  forTicket: (n: string) => `Số thứ tự ${n}`,
  question: 'Ông/Bà có hài lòng với sự phục vụ của chúng tôi không?',
  scores: { 4: 'Rất hài lòng', 3: 'Hài lòng', 2: 'Bình thường', 1: 'Không hài lòng' } as Record<number, string>,
  reasonQuestion: 'Xin Ông/Bà cho biết lý do (không bắt buộc):',
  reasons: {
    attitude: 'Thái độ phục vụ',
    long_wait: 'Thời gian chờ lâu',
    unclear_guidance: 'Hướng dẫn chưa rõ ràng',
    late_result: 'Giải quyết trễ hẹn',
    other: 'Khác',
  } as Record<string, string>,
  send: 'Gửi đánh giá',
  skip: 'Bỏ qua',
  thanks: 'Xin cảm ơn Ông/Bà!',
  thanksSub: 'Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.',
  secondsLeft: (s: number) => `Tự đóng sau ${s} giây`,
  offline: 'Mất kết nối — đang kết nối lại…',
  language: 'English',
};
export type PadCatalogue = typeof vi;
