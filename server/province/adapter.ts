/**
 * The socket.io adapter of several processes: the official Redis Streams
 * adapter (docs/deployment.md "A province" says why this one), with two
 * things of ours around it.
 *
 * - Local first. socket.io's cluster adapter writes a broadcast to Redis
 *   and only then to this process's own sockets; with Redis slow or away, a
 *   board connected to the very process that made the call would wait for
 *   Redis (measured: silent for as long as Redis was away). Here this
 *   process's sockets get it at once, from memory, and the other
 *   processes through the stream, as before.
 * - One Redis client serves every office's namespace: the adapter adds a
 *   listener per namespace to its subscriber (one per office, not a leak),
 *   so those clients may have many.
 */
import { Adapter, MessageType } from 'socket.io-adapter';
import type { BroadcastOptions } from 'socket.io-adapter';

interface Closable {
  quit(): Promise<unknown>;
  disconnect(): void;
}

export async function redisStreamsAdapter(
  url: string,
  streamName: string,
): Promise<{ adapter: unknown; client: Closable }> {
  const [{ Redis }, { createAdapter }] = await Promise.all([
    import('ioredis'),
    import('@socket.io/redis-streams-adapter'),
  ]);
  // a command waits through two reconnection attempts, then fails (the broadcast has reached the local sockets already)
  const client = new Redis(url, { maxRetriesPerRequest: 2 });
  let lastLog = 0;
  const warn = (what: string, err: Error) => {
    if (Date.now() - lastLog < 10_000) return;
    lastLog = Date.now();
    console.error(`[redis] ${what}: ${err.message}`);
  };
  client.on('error', (err: Error) => warn('connection', err));
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((...args: Parameters<typeof client.duplicate>) => {
    const copy = duplicate(...args);
    copy.setMaxListeners(0);
    return copy;
  }) as typeof client.duplicate;

  const make = createAdapter(client, { streamName, onlyPlaintext: true }) as (nsp: unknown) => Adapter;
  function LocalFirst(nsp: unknown): Adapter {
    const adapter = make(nsp);
    const cluster = adapter as unknown as {
      publishAndReturnOffset(message: unknown): Promise<unknown>;
    };
    adapter.broadcast = (packet: unknown, opts: BroadcastOptions) => {
      Adapter.prototype.broadcast.call(adapter, packet, opts);
      if (opts.flags?.local) return;
      cluster
        .publishAndReturnOffset({
          type: MessageType.BROADCAST,
          data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags } },
        })
        .catch((err: Error) => warn('broadcast to the other processes failed', err));
    };
    return adapter;
  }
  return { adapter: LocalFirst, client };
}
