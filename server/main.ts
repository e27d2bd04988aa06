/** `npm start`: one office's server on PORT, data in DATA_DIR. */
import { configFromEnv } from './config';
import { startServer } from './app';

const config = configFromEnv();
const server = await startServer({
  ...config,
  onSeeded(creds, demo) {
    console.log(demo ? 'Đã tạo văn phòng mẫu (chế độ demo).' : 'Đã tạo văn phòng mẫu. MẬT KHẨU VÀ MÃ THIẾT BỊ BAN ĐẦU (chỉ in một lần, hãy ghi lại):');
    if (!demo) {
      for (const s of creds.staff) console.log(`  tài khoản ${s.username} (${s.role}): ${s.password}`);
      for (const d of creds.devices) console.log(`  thiết bị "${d.name}" (${d.kind}): ${d.key}`);
    }
  },
});
const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
console.log(`motcua đang chạy: http://${shown}:${server.port}/  (dữ liệu: ${config.dataDir})`);
console.log(`  Kiosk:        http://${shown}:${server.port}/kiosk/`);
console.log(`  Quầy:         http://${shown}:${server.port}/counter/`);
console.log(`  Màn hình:     http://${shown}:${server.port}/display-board/`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('Đang dừng máy chủ…');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
