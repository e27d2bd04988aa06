/** Placeholder kiosk (issue #4 builds the real one). */
export function App() {
  return (
    <main style={{ padding: 32 }}>
      <h1>Lấy số thứ tự</h1>
      <p>Kiosk đang được xây dựng.</p>
    </main>
  );
}
