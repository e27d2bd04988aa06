/** Placeholder display board (issue #6 builds the real one). */
export function App() {
  return (
    <main style={{ padding: 32 }}>
      <h1>Màn hình sảnh chờ</h1>
      <p>Màn hình hiển thị đang được xây dựng.</p>
    </main>
  );
}
