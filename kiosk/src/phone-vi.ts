/** The phone ticket page's texts, Vietnamese (its own chunk: phones only). */

export const phoneVi = {
  ticketTitle: 'Phiếu số thứ tự',
  ticketNotFound: 'Không tìm thấy phiếu này. Phiếu chỉ có giá trị trong ngày.',
  called: (counter: number) => `Đến lượt — mời đến quầy ${counter}`,
  finishedTitle: 'Đã phục vụ xong. Cảm ơn Ông/Bà!',
  skippedTitle: 'Số của Ông/Bà đã được gọi nhưng chưa có mặt. Xin đến quầy để được gọi lại.',
  rateQuestion: 'Ông/Bà có hài lòng với sự phục vụ của chúng tôi không?',
  rates: ['Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'],
  rated: 'Cảm ơn Ông/Bà đã đánh giá!',
  rateFailed: 'Chưa gửi được đánh giá. Xin thử lại.',
  updatedLive: 'Trang này tự cập nhật.',
};

export type PhoneTexts = typeof phoneVi;
