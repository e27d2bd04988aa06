/**
 * Server-side voice for boards whose browser has no Vietnamese voice:
 * WAV clips of the sentences the server builds itself (never text a client
 * sends), cached per phrase in DATA_DIR/voice-cache/.
 *
 * Sources, first that works:
 * 1. the office's recorded clip pack in DATA_DIR/voice/ (docs/api/display.md
 *    "Recorded clip pack"): one WAV per word, joined;
 * 2. espeak-ng's Vietnamese voice (`espeak-ng -v vi`), run with execFile
 *    (arguments, no shell).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors';

export const VOICE_DIR = 'voice';
export const VOICE_CACHE_DIR = 'voice-cache';
/** Cached clips kept (a busy day is a few hundred calls); the oldest beyond this are deleted. */
export const VOICE_CACHE_KEEP = 2000;

/** Clip names of the two fixed phrases of a call (DOMAIN.md §4). */
export const PHRASE_CLIPS: ReadonlyArray<{ file: string; words: string }> = [
  { file: 'xin-moi.wav', words: 'xin mời công dân có số thứ tự' },
  { file: 'den-quay-so.wav', words: 'đến quầy số' },
];

export interface VoiceClip {
  wav: Buffer;
  source: 'clips' | 'espeak';
}

interface WavParts {
  fmt: Buffer;
  data: Buffer;
}

/** Splits a RIFF/WAVE file into its `fmt ` and `data` chunks (null if it is not one). */
export function parseWav(buf: Buffer): WavParts | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let fmt: Buffer | null = null;
  let data: Buffer | null = null;
  for (let off = 12; off + 8 <= buf.length;) {
    const id = buf.toString('ascii', off, off + 4);
    let size = buf.readUInt32LE(off + 4);
    // espeak-ng writing to a file leaves 0x7fffffff-ish sizes when streaming: clamp
    if (off + 8 + size > buf.length) size = buf.length - off - 8;
    const body = buf.subarray(off + 8, off + 8 + size);
    if (id === 'fmt ') fmt = body;
    if (id === 'data') data = body;
    off += 8 + size + (size % 2);
  }
  return fmt && data ? { fmt, data } : null;
}

/** Joins WAV clips of one format into one WAV (null if the formats differ). */
export function joinWavs(clips: Buffer[]): Buffer | null {
  const parts = clips.map(parseWav);
  const first = parts[0];
  if (!first || parts.some((p) => !p || !p.fmt.equals(first.fmt))) return null;
  const data = Buffer.concat(parts.map((p) => p!.data));
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(4 + 8 + first.fmt.length + 8 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  const chunk = (id: string, body: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(id, 0, 'ascii');
    h.writeUInt32LE(body.length, 4);
    return Buffer.concat([h, body]);
  };
  return Buffer.concat([header, chunk('fmt ', first.fmt), chunk('data', data)]);
}

/** The clip file names a sentence needs from the pack, in order. */
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export function clipFilesFor(sentence: string): string[] {
  let rest = sentence.normalize('NFC').toLocaleLowerCase('vi').trim();
  const files: string[] = [];
  while (rest) {
    const phrase = PHRASE_CLIPS.find((p) => rest === p.words || rest.startsWith(p.words + ' '));
    if (phrase) {
      files.push(phrase.file);
      rest = rest.slice(phrase.words.length).trim();
      continue;
    }
    const [word = '', ...more] = rest.split(/\s+/);
    files.push(`${word}.wav`);
    rest = more.join(' ');
  }
  return files;
}

/**
 * Runs espeak-ng in a helper process (voice-renderer-child.mjs), started on
 * first use: spawning from the server itself would fork the whole server
 * process on its main thread at every call.
 */
class EspeakRunner {
  private child: ChildProcess | null = null;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  private start(): ChildProcess {
    const child = fork(fileURLToPath(new URL('./voice-renderer-child.mjs', import.meta.url)), [], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: { id: number; error: string | null }) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (m.error === null) w?.resolve();
      else w?.reject(new Error(m.error));
      if (this.waiting.size === 0) child.channel?.unref();
    });
    child.on('exit', () => {
      if (this.child === child) this.child = null;
      for (const w of this.waiting.values()) w.reject(new Error('espeak-ng runner stopped'));
      this.waiting.clear();
    });
    child.unref();
    child.channel?.unref();
    return child;
  }

  run(text: string, out: string): Promise<void> {
    this.child ??= this.start();
    const child = this.child;
    const id = ++this.nextId;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      child.channel?.ref();
      // -s words per minute: a little slower than default so the hall hears each word
      child.send({ id, args: ['-v', 'vi', '-s', '140', '-w', out, '--', text] });
    });
  }

  close(): void {
    this.child?.kill();
    this.child = null;
  }
}

export class VoiceService {
  private readonly pending = new Map<string, Promise<{ packed: Buffer | null; file: string }>>();
  private readonly espeak = new EspeakRunner();

  /** Stops the espeak-ng helper process (server shutdown). */
  close(): void {
    this.espeak.close();
  }

  constructor(private readonly dataDir: string) {}

  /** The WAV of a sentence the server built (cached; concurrent asks share one render). */
  async clip(sentence: string): Promise<VoiceClip> {
    const ready = await this.prepare(sentence);
    if (ready.packed) return { wav: ready.packed, source: 'clips' };
    return { wav: await readFile(ready.file), source: 'espeak' };
  }

  /**
   * Makes sure the sentence can be served: joined from the office's clips,
   * or rendered once by espeak-ng into the cache (a call's clip is prepared
   * while the board plays its chime). No file I/O blocks the event loop.
   */
  prepare(sentence: string): Promise<{ packed: Buffer | null; file: string }> {
    const key = createHash('sha256').update(sentence.normalize('NFC')).digest('hex').slice(0, 32);
    let job = this.pending.get(key);
    if (!job) {
      job = this.render(sentence, key).finally(() => this.pending.delete(key));
      this.pending.set(key, job);
    }
    return job;
  }

  private async render(sentence: string, key: string): Promise<{ packed: Buffer | null; file: string }> {
    const cacheDir = join(this.dataDir, VOICE_CACHE_DIR);
    const file = join(cacheDir, `${key}.wav`);
    const packed = await this.fromPack(sentence);
    if (packed) return { packed, file };
    if (await exists(file)) return { packed: null, file };
    await mkdir(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await this.espeak.run(sentence, tmp);
    } catch {
      throw new DomainError(
        'VOICE_UNAVAILABLE',
        'Máy chủ chưa có giọng đọc tiếng Việt (cài espeak-ng hoặc chép bộ tệp âm thanh vào thư mục voice).',
        503,
      );
    }
    await rename(tmp, file);
    if (++this.rendered % 100 === 0) void this.prune(cacheDir);
    return { packed: null, file };
  }

  private rendered = 0;

  /** Keeps the cache to VOICE_CACHE_KEEP files, deleting the least recently written. */
  private async prune(dir: string): Promise<void> {
    try {
      const names = (await readdir(dir)).filter((f) => f.endsWith('.wav'));
      if (names.length <= VOICE_CACHE_KEEP) return;
      const files = await Promise.all(names.map(async (f) => ({ f, t: (await stat(join(dir, f))).mtimeMs })));
      files.sort((a, b) => b.t - a.t);
      for (const { f } of files.slice(VOICE_CACHE_KEEP)) await unlink(join(dir, f)).catch(() => undefined);
    } catch (err) {
      console.warn('[voice] could not prune the clip cache', err);
    }
  }

  /** The sentence joined from the office's recorded clips, or null when one is missing. */
  private async fromPack(sentence: string): Promise<Buffer | null> {
    const dir = join(this.dataDir, VOICE_DIR);
    if (!(await exists(dir))) return null;
    const files = clipFilesFor(sentence).map((f) => join(dir, f));
    const present = await Promise.all(files.map(exists));
    if (present.includes(false)) return null;
    return joinWavs(await Promise.all(files.map((f) => readFile(f))));
  }
}
