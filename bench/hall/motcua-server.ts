/** The benchmark's motcua: a hall seeded to size, then the real server, as its own process. */
import { startServer } from '../../server/app';
import { seedHall } from './seed-office';

const [dataDir, counters, boards, kiosks] = process.argv.slice(2);
await seedHall(dataDir!, { counters: Number(counters), boards: Number(boards), kiosks: Number(kiosks) });
const server = await startServer({ dataDir: dataDir!, port: 0, host: '127.0.0.1' });
console.log(`READY ${server.port}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
