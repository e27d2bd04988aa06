// The server's espeak-ng runner, in a small process of its own. Starting a
// program from the server itself forks the whole server (hundreds of MB) on
// its main thread for every call announced; from here it costs a few ms and
// never holds up a broadcast. Arguments only (execFile, no shell).
import { execFile } from 'node:child_process';

process.on('message', (m) => {
  execFile('espeak-ng', m.args, { timeout: 15_000 }, (err) => {
    process.send?.({ id: m.id, error: err ? String(err.message) : null });
  });
});
process.on('disconnect', () => process.exit(0));
