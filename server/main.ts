/** `npm start`: one office's server on PORT, data in DATA_DIR. */
import { configFromEnv } from './config';
import { startServer } from './app';

const config = configFromEnv();

/** The address without its password, for the log. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
const server = await startServer({
  ...config,
  // PostgreSQL mode: the database administrator backs up with pg_dump (docs/deployment.md)
  autoBackup: config.backupDays > 0 && config.databaseUrl === null,
  // a province's demo: the home office and a commune beside it (/o/xa-an-binh/)
  demoSecondOffice: config.demo && config.databaseUrl !== null,
  onSeeded(creds, demo) {
    if (config.seed === 'none') {
      const admin = creds.staff[0]!;
      console.log(
        'Đã tạo cơ sở dữ liệu trống cho văn phòng mới. TÀI KHOẢN QUẢN TRỊ BAN ĐẦU (chỉ in một lần, hãy ghi lại):',
      );
      console.log(`  tài khoản ${admin.username}, mật khẩu ${admin.password} (phải đổi ở lần đăng nhập đầu)`);
      console.log('  Đăng nhập tại /counter/admin để khai báo cơ quan, lĩnh vực, thủ tục, quầy, cán bộ và thiết bị.');
      return;
    }
    console.log(
      demo
        ? 'Đã tạo văn phòng mẫu (chế độ demo).'
        : 'Đã tạo văn phòng mẫu. MẬT KHẨU VÀ MÃ THIẾT BỊ BAN ĐẦU (chỉ in một lần, hãy ghi lại):',
    );
    if (!demo) {
      for (const s of creds.staff) console.log(`  tài khoản ${s.username} (${s.role}): ${s.password}`);
      for (const d of creds.devices) console.log(`  thiết bị "${d.name}" (${d.kind}): ${d.key}`);
    }
  },
});
const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
const storage = config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : config.dataDir;
console.log(`motcua đang chạy: http://${shown}:${server.port}/  (dữ liệu: ${storage})`);
console.log(`  Kiosk:        http://${shown}:${server.port}/kiosk/`);
console.log(`  Quầy:         http://${shown}:${server.port}/counter/`);
console.log(`  Màn hình:     http://${shown}:${server.port}/display-board/`);
for (const o of server.province.offices().filter((x) => x.basePath !== '')) {
  console.log(`  ${o.name}: http://${shown}:${server.port}${o.basePath}/kiosk/  (quầy: ${o.basePath}/counter/)`);
}
if (config.databaseUrl) {
  console.log(
    `  Tiến trình ${server.nodeId} đang giữ: ${server.province.owns().join(', ') || '(chưa giữ cơ quan nào)'}`,
  );
}

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
