/** Placeholder: filled by its issue. */
export function Admin() {
  return <main style={{ padding: 24 }}>Quản trị (đang xây dựng)</main>;
}
