/** Placeholder: filled by its issue. */
export function Reports() {
  return <main style={{ padding: 24 }}>Báo cáo (đang xây dựng)</main>;
}
