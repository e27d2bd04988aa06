/**
 * The benchmark's motcua as its own process. `--seed` writes a hall seeded
 * to size and exits (a first start hashes the demo passwords with scrypt,
 * whose memory an office's running server never carries again); without it,
 * the real server starts on that data dir.
 */
import { startServer } from '../../server/app';
import { seedHall } from './seed-office';

const args = process.argv.slice(2);
const [dataDir, counters, boards, kiosks] = args.filter((a) => !a.startsWith('--'));
if (args.includes('--seed')) {
  await seedHall(dataDir!, { counters: Number(counters), boards: Number(boards), kiosks: Number(kiosks) });
  console.log('READY 0');
  process.exit(0);
}
const server = await startServer({ dataDir: dataDir!, port: 0, host: '127.0.0.1' });
console.log(`READY ${server.port}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
