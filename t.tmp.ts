import pg from 'pg';
import { Database } from './server/db/database';
import { migrate } from './server/db/migrate';
import { seedDemoOffice } from './server/services/seed';
const url = 'postgres://root@127.0.0.1:5432/test';
const c = new pg.Client(url); await c.connect();
for (let i = 0; i < 3; i++) {
let t = Date.now();
await c.query('DROP SCHEMA IF EXISTS motcua_tm CASCADE'); await c.query('CREATE SCHEMA motcua_tm');
const db = await Database.connect(url, { schema: 'motcua_tm' });
console.log('connect', Date.now() - t); t = Date.now();
await migrate(db); console.log('migrate', Date.now() - t); t = Date.now();
await seedDemoOffice(db, { demo: true, demoPassword: 'demo123', now: new Date() }); console.log('seed', Date.now() - t); t = Date.now();
await db.close();
const s = await Database.open('/tmp/tm-' + i + '/x.sqlite'); t = Date.now();
await migrate(s); console.log('sqlite migrate', Date.now() - t); t = Date.now();
await seedDemoOffice(s, { demo: true, demoPassword: 'demo123', now: new Date() }); console.log('sqlite seed', Date.now() - t);
await s.close();
}
await c.query('DROP SCHEMA IF EXISTS motcua_tm CASCADE'); await c.end();
