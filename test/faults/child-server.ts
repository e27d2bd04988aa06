/**
 * The real server as a child process (`node --import tsx server/main.ts`,
 * what `npm run serve` runs), so a test can SIGKILL or SIGTERM it like a power cut
 * or a shutdown, and start it again on the same data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Child {
  url: string;
  proc: ChildProcess;
  /** Everything it wrote to stderr and stdout. */
  output(): string;
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChild(dataDir: string, env: Record<string, string> = {}): Promise<Child> {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the server in a grandchild that a SIGKILL would orphan
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MOTCUA_DEMO: '1',
      MOTCUA_BACKUP_DAYS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /motcua đang chạy: http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}`);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void exited.then(() => reject(new Error(`child server exited:\n${out}`)));
  });
  return { url, proc, output: () => out, exited };
}
