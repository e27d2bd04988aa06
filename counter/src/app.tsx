/** Placeholder counter terminal (issue #5 builds the real one). */
export function App() {
  return (
    <main style={{ padding: 32 }}>
      <h1>Quầy tiếp nhận</h1>
      <p>Màn hình quầy đang được xây dựng.</p>
    </main>
  );
}
