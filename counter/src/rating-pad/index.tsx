/** Placeholder: filled by its issue. */
export function RatingPad() {
  return <main style={{ padding: 24 }}>Máy đánh giá (đang xây dựng)</main>;
}
