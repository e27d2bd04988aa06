/**
 * The bare parts, as their own process: express + socket.io + one SQLite
 * file (sqlite3, WAL, synchronous=FULL as motcua's). Each request is one
 * durable insert; a call is then emitted to the boards' room. What motcua is
 * measured against, in the same run.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import sqlite3 from 'sqlite3';

const [dataDir] = process.argv.slice(2);
const db = new sqlite3.Database(join(dataDir!, 'bare.sqlite'));
const exec = (sql: string) => new Promise<void>((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
const insert = (kind: string, data: string) =>
  new Promise<void>((res, rej) =>
    db.run('INSERT INTO events (kind, data, at) VALUES (?, ?, ?)', [kind, data, Date.now()], (e) =>
      e ? rej(e) : res(),
    ),
  );
await exec('PRAGMA journal_mode = WAL');
await exec('PRAGMA synchronous = FULL');
await exec('CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, kind TEXT, data TEXT, at INTEGER)');

const app = express();
app.use(express.json());
app.post('/tickets', async (req, res) => {
  await insert('ticket', JSON.stringify(req.body));
  res.status(201).json({ ok: true });
});
app.post('/call', async (req, res) => {
  const body = req.body as { callId: string; counter: number };
  await insert('call', JSON.stringify(body));
  res.json({ ok: true });
  io.to('boards').emit('ticket:called', { callId: body.callId, counterNumber: body.counter });
});
const http = createServer(app);
const io = new Server(http, { serveClient: false, pingInterval: 5000, pingTimeout: 4000 });
io.on('connection', (socket) => {
  const role = (socket.handshake.auth as { role?: string }).role;
  if (role === 'board') void socket.join('boards');
  socket.emit('hello', { ok: true });
});
http.listen(0, '127.0.0.1', () => {
  const a = http.address();
  console.log(`READY ${typeof a === 'object' && a ? a.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
