/** Placeholder: filled by its issue. */
export function ClerkScreen() {
  return <main style={{ padding: 24 }}>Màn hình quầy (đang xây dựng)</main>;
}
